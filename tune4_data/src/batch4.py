ARTICLES = [
dict(id="X016", published="2024-04-24", source="Floor Watch", slug="after-six-months-ukraine-bill-signed",
title="Floor Watch: after six months, the Ukraine bill is law",
text="""
Measures: H.R. 8035 (Ukraine), H.R. 8034 (Israel), H.R. 8036 (Indo-Pacific) and H.R. 8038 (sanctions, TikTok and Russian assets), sent to the Senate as one package. Stage: signed by President Biden on Wednesday 24 April.

Senate, Tuesday 23 April. Final passage 79-18. The combined package is worth [[about $95 billion|||United States|95bn|USD||package total includes Israel and Indo-Pacific|l=tot]].

House, Saturday 20 April. Speaker Mike Johnson put the four bills to separate votes under a single rule, after the rule itself was rescued by Democratic votes on the Rules Committee and on the floor.
- Ukraine: [[$60.8 billion|pledged|us-ukraine-supplemental-2024|United States|60.8bn|USD|other|Ukraine bill enacted|p=tot,l=ukr]], passed 311-112. A majority of Republicans, 112, voted no.
- Israel: [[$26.4 billion|||United States|26.4bn|USD||Israel share of package|p=tot,r=Israel]], passed 366-58.
- Indo-Pacific: [[$8.1 billion|||United States|8.1bn|USD||Indo-Pacific and Taiwan share of package|p=tot]], passed 385-34.
- Sanctions and assets: passed 360-58. It includes the REPO Act, which lets the administration seize Russian state assets held in the US.

Inside the Ukraine bill. [[About $23.2 billion|||United States|23.2bn|USD||replenishing US stocks|p=ukr,r=United States]] replenishes American stockpiles; [[$13.8 billion|pledged|us-usai-2024|United States|13.8bn|USD|military|USAI share of Ukraine bill|p=ukr]] buys new weapons for Ukraine through the Ukraine Security Assistance Initiative; [[$11.3 billion|||United States|11.3bn|USD||US forces' own operations in Europe|p=ukr,r=United States]] pays for US military operations in the region; and [[$7.85 billion|pledged|us-budget-loans-2024|United States|7.85bn|USD|financial|budget support share as forgivable loans|p=ukr]] of budget support is structured as loans that the president can forgive.

Amendments. Representative Marjorie Taylor Greene's amendment to cut the Ukraine funding to zero failed 71-351.

Discharge petitions. Two petitions had been circulating to force a vote over the Speaker's head: one by Democrats for the Senate-passed bill, and a bipartisan one for a smaller bill with border provisions. Neither reached 218 signatures; both are now moot.

Background. The White House first asked for [[$61.4 billion|requested|us-ukraine-supplemental-2024|United States|61.4bn|USD|other|October request recalled]] for Ukraine in October as part of a larger request that also covered Israel and the border. The [[roughly $61 billion|pledged|us-ukraine-supplemental-2024|United States|61bn|USD|other|enacted bill restated, rounded]] now enacted is close to that.

Clerk's note. Within hours of signing, the Pentagon announced a [[$1 billion|pledged|us-pda-2024-04-24|United States|1bn|USD|military|drawdown announced on signing day]] drawdown package, with air-defence interceptors and artillery rounds. A motion to vacate the chair, filed by Ms Greene in March, has not been called up.
"""),
dict(id="X017", published="2024-06-21", source="The Tally", slug="numbers-of-the-week-apulia-edition",
title="Numbers of the week: the Apulia edition",
text="""
A summit week, so a long list. One line per figure.

[[$50 billion|pledged|g7-era-loans|G7|50bn|USD|financial|G7 leaders agree loans]]. The loans G7 leaders agreed at Borgo Egnazia in Apulia on 13 June, to be repaid from the profits on immobilised Russian money. Finance ministers must still settle who lends what.

[[$4.5 billion|pledged|japan-2024|Japan|4.5bn|USD|financial|Japanese support for 2024 in security agreement]]. Japan's support for Ukraine this year, written into the ten-year agreement Fumio Kishida signed with Volodymyr Zelensky on the summit's sidelines.

[[About $280 billion|||Russia|280bn|USD||immobilised Russian central bank assets]]. The Russian central bank assets immobilised in G7 and EU countries. The principal stays frozen; only the profits are being used.

[[€1.5 billion|pledged|eu-windfall-2024-07|European Union|1.5bn|EUR|military|first windfall profits transfer due in July]]. The first transfer of those profits to Ukraine, due in July. Most of it will buy weapons through the European Peace Facility.

[[€1.9 billion|pledged|eu-ukraine-facility-prefinancing|European Union|1.9bn|EUR|financial|pre-financing tranche of eu-ukraine-facility]]. The pre-financing payment Brussels has signed off under its [[€50 billion|pledged|eu-ukraine-facility|European Union|50bn|EUR|financial|facility recalled]] Ukraine Facility, now that ministers have approved Kyiv's reform plan.

[[€5 billion|pledged|eu-epf-ukraine-assistance-fund|European Union|5bn|EUR|military|fund agreed in March]]. The Ukraine Assistance Fund inside the European Peace Facility, agreed in March after months of argument with France about buying European.

[[5 billion Swiss francs|pledged|switzerland-reconstruction-2036|Switzerland|5bn|CHF|other|Swiss government decides reconstruction envelope]]. What the Swiss government has set aside for Ukraine's reconstruction until 2036. That came before the peace summit it hosted last weekend at the Bürgenstock resort. Of that, [[CHF 1.5 billion|pledged|switzerland-reconstruction-2025-28|Switzerland|1.5bn|CHF|other|2025-28 instalment of switzerland-reconstruction-2036]] is for the years 2025 to 2028.

[[SEK 13.3 billion|pledged|sweden-2024-05|Sweden|13.3bn|SEK|military|Swedish package announced]]. Sweden's 16th package, announced on 29 May, the largest so far. It includes two ASC 890 surveillance aircraft.

[[A$100 million|pledged|australia-2024-04|Australia|100m|AUD|military|Australian package announced]]. Canberra's package from April, with money for air defence, drones and other equipment.

92. Countries at the Bürgenstock meeting, alongside eight international organisations. Russia was not invited; China stayed away.

Zero. Amount of the frozen principal the G7 has agreed to touch. Some capitals would like to go further. Others, including Berlin and Paris, warn about the euro's reputation and legal risk.
"""),
dict(id="X018", published="2024-10-23", source="Plenary Notes", slug="thirty-five-billion-ceiling-approved",
title="A €35bn ceiling, and the G7 loans finally take shape",
text="""
Plenary Notes, Strasbourg session. Item by item.

Item: exceptional macro-financial assistance to Ukraine, and a Ukraine Loan Cooperation Mechanism. Procedure: urgent procedure. Result: adopted on Tuesday, 518 in favour, 56 against, 61 abstentions.

The file. The regulation lets the Commission lend Ukraine [[up to €35 billion|pledged|eu-era-loan|European Union|35bn|EUR|financial|EU loan adopted by Parliament]] as the EU's share of the G7 plan agreed in June. Together, the G7 partners will lend [[$50 billion|pledged|g7-era-loans|G7|50bn|USD|financial|G7 loans, shares now set|l=g7]] ([[about €45 billion|pledged|g7-era-loans|G7|45bn|EUR|financial|G7 loans in euros]]), to be repaid from the profits on immobilised Russian central bank assets. The Council is expected to give final approval within days, and the first payments are planned for early 2025.

Who lends what. Because Washington has now committed [[$20 billion|pledged|us-era-loan|United States|20bn|USD|financial|US share of G7 loans|p=g7]], the EU's share will in practice be [[about €18.1 billion|pledged|eu-era-loan|European Union|18.1bn|EUR|financial|EU share of G7 loans|p=g7]], not the full ceiling. The rest is split among the United Kingdom, with [[£2.26 billion|pledged|uk-era-loan|United Kingdom|2.26bn|GBP|financial|UK share of G7 loans|p=g7]], Canada, with [[C$5 billion|pledged|canada-era-loan|Canada|5bn|CAD|financial|Canadian share of G7 loans|p=g7]], and Japan, with [[about $3 billion|pledged|japan-era-loan|Japan|3bn|USD|financial|Japanese share of G7 loans|p=g7]], or [[roughly ¥470 billion|pledged|japan-era-loan|Japan|470bn|JPY|financial|Japanese share in yen|p=g7]].

Why the ceiling. The Commission wanted room for manoeuvre while the US share was uncertain. Washington had made its contribution depend on the EU holding the Russian assets frozen for longer than six months at a time. Hungary blocked that change, and the US went ahead anyway. Budapest is also still holding up [[€6.6 billion|blocked|eu-epf-reimbursements-hungary|European Union|6.6bn|EUR|military|EPF reimbursements held up by Hungary]] of European Peace Facility money for weapons sent to Ukraine.

The assets. [[Some €210 billion|||Russia|210bn|EUR||frozen Russian central bank assets in EU]] of Russian central bank assets are immobilised in the EU, most of them at the Euroclear depository in Belgium. The principal is not touched.

Debate. Supporters said the plan makes Russia pay for the damage it does, without touching the assets themselves. Members of the Patriots for Europe group opposed it. Some members said the EU should go further and confiscate the principal.
"""),
dict(id="X019", published="2025-05-08", source="The Quad Courier", slug="explainer-the-minerals-deal",
title="Explainer: what is in the US-Ukraine minerals deal?",
text="""
After weeks of drama, including a shouting match in the Oval Office in February, the United States and Ukraine signed a minerals agreement in Washington on 30 April. Here is our guide for anyone who tuned out.

What is it? The deal sets up a United States-Ukraine Reconstruction Investment Fund, run jointly by the two countries, with equal votes. Ukraine pays in half of future state revenue from new licences for minerals, oil and gas. The United States can pay in money or count new military aid as its contribution. Profits will be reinvested in Ukraine for the first ten years.

Where did the big numbers go? Early drafts talked about Ukraine repaying US aid with [[$500 billion||||500bn|USD||draft demand on Ukraine's resources]] worth of resources. President Trump has also said the US spent [[$350 billion|||United States|350bn|USD||claimed US running total]] on the war. Most estimates put it much lower: Congress approved [[about $175 billion|||United States|175bn|USD||running total of US appropriations]] across five bills, and not all of that went to Kyiv. The final text contains no debt and no fixed figure at all.

Is there really that much in the ground? Ukraine has deposits of lithium, titanium, graphite and rare earths. Some boosters value them at [[trillions of dollars|||||USD||vague mineral wealth estimate]], but nobody knows how much can be mined profitably, and some deposits lie in occupied areas.

What about the money already sent? It stays separate. In December the US paid its [[$20 billion|delivered|us-era-loan|United States|20bn|USD|financial|US share transferred to World Bank fund|p=g7]] share of the [[$50 billion|pledged|g7-era-loans|G7|50bn|USD|financial|G7 loans recalled|l=g7]] G7 loan into a World Bank fund for Ukraine. The EU sent the first [[€3 billion|delivered|eu-era-loan-tranche-2025-01|European Union|3bn|EUR|financial|first tranche of eu-era-loan paid]] of its own share in January. Those loans are repaid from profits on frozen Russian assets, not by Ukrainian taxpayers.

How big is the rebuilding job? The latest joint assessment by the World Bank, the EU, the UN and Kyiv, published in February, put recovery costs at [[$524 billion||||524bn|USD||reconstruction needs estimate|r=Ukraine]] over the next decade. A fund fed by licence fees will cover a small part of that, and only years from now.

Why should we care? Because the deal shows how aid is being redefined, from gifts towards investment. Our Model UN club debates it next Tuesday in Room 204.
"""),
dict(id="X020", published="2025-11-20", source="Rheinland Wirtschaftsblatt", slug="euroclear-and-the-reparations-loan",
title="Euroclear, Brussels and the €140bn question",
text="""
English edition. Translated from the German.

BRUSSELS/DÜSSELDORF. For a clearing house, Euroclear has rarely been so political. The Brussels firm holds [[about €185 billion|||Russia|185bn|EUR||Russian central bank assets at Euroclear]] of Russian central bank money, most of it now cash, and the European Commission wants to lend it to Ukraine. [[Roughly €25 billion|||Russia|25bn|EUR||Russian central bank assets elsewhere in EU]] more sits in banks elsewhere in the EU. At the summit on 23 October, Belgian prime minister Bart De Wever refused to sign up to the [[€140 billion|blocked|eu-reparations-loan|European Union|140bn|EUR|financial|Belgium holds up reparations loan at summit]] reparations loan, and the leaders pushed the decision to December.

De Wever's worry is legal and financial. If Russia ever won a case, Belgium could be left alone with the bill. He wants guarantees from all member states and for other countries holding Russian assets to take part.

Belgium is no bystander. It has promised to pass on to Ukraine the tax it collects on Euroclear's windfall profits, [[about €1.7 billion|pledged|belgium-euroclear-tax-2024|Belgium|1.7bn|EUR|military|Belgian tax revenue promised to Ukraine]] for 2024, and it has committed [[€1 billion|pledged|belgium-2025|Belgium|1bn|EUR|military|Belgian military aid for 2025]] in military aid for this year. Its first F-16s are due to arrive in Ukraine in the coming months.

The need is not in doubt. In an options paper sent to capitals this week, the Commission puts Ukraine's financing needs for 2026 and 2027 at [[€135.7 billion||||135.7bn|EUR||two-year financing need estimate|r=Ukraine]]. The IMF wants to see them covered before it replaces its [[$15.6 billion|pledged|imf-eff-2023|International Monetary Fund|15.6bn|USD|financial|2023 programme recalled]] programme from 2023 with a new one.

Germany has gone furthest in backing the plan. Chancellor Friedrich Merz proposed the idea of using the cash balances in September. In Berlin, the Bundestag's budget committee has approved [[€11.5 billion|requested|germany-2026|Germany|11.5bn|EUR|military|budget line pending final Bundestag vote]] for military help to Ukraine next year, with the final vote due at the end of the month.

For German industry the calculation is simple. A loan from Russian money would pay for orders Ukraine cannot otherwise afford, many of them from Rheinmetall, Diehl and KNDS. Analysts in Frankfurt point to the backlog at Rheinmetall, which reported orders of [[about €64 billion||||64bn|EUR||Rheinmetall order backlog]] in the third quarter.

The next summit is on 18 December.
"""),
]
