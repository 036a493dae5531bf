ARTICLES = [
dict(id="X006", published="2022-08-16", source="Coupon & Spread", slug="the-freeze-is-in-bondholders-say-yes",
title="The freeze is in: bondholders say yes, and the budget hole stays",
text="""
Coupon & Spread, issue 31. A newsletter on Ukraine's debt, its budget and the people who lend to it.

The vote. Holders of Ukraine's international bonds have agreed to a two-year pause on payments. The consent solicitation covered [[roughly $20 billion|||Ukraine|20bn|USD||Ukraine's own eurobond debt]] of eurobonds, and it passed with room to spare on 10 August. Interest will not be forgiven; it will pile up and be added to what is owed. The finance ministry estimates that the pause keeps [[about $6 billion|||Ukraine|6bn|USD||debt service saved by the freeze]] inside the country over the two years. Creditors backed the plan because the alternative, a messy default in the middle of a war, was worse for everybody. The governments that lend to Kyiv had already pushed them in that direction in a public statement.

Where the budget stands. Spending on the army has swallowed tax revenue. Officials say the gap between income and outgoings runs at [[about $5 billion||||5bn|USD||monthly budget gap estimate|r=Ukraine]] a month. Part of it was covered by the central bank printing money, which the National Bank wants to stop. On 21 July it devalued the hryvnia by a quarter and fixed the new rate at [[36.57 hryvnias||||36.57|UAH||exchange rate to the dollar]] to the dollar.

What is coming in. USAID said on 8 August that it would give [[$4.5 billion|pledged|us-esf-2022-08|United States|4.5bn|USD|financial|USAID announces budget support]] more in budget support, channelled through a World Bank fund, with [[$3 billion|pledged|us-esf-2022-08-tranche-1|United States|3bn|USD|financial|first tranche of us-esf-2022-08, due this month]] of it to be paid this month. Brussels sent the [[€1 billion|delivered|eu-mfa-2022-tranche-1|European Union|1bn|EUR|financial|first part of eu-mfa-2022-9bn paid]] loan it approved in July on 1 August. The other [[€8 billion|blocked|eu-mfa-2022-8bn|European Union|8bn|EUR|financial|rest of eu-mfa-2022-9bn held up in talks]] that the EU promised in May is stuck while capitals argue about guarantees and whether part of it should be grants.

Our read. The freeze buys time, not solvency. Without the EU's [[€8 billion|blocked|eu-mfa-2022-8bn|European Union|8bn|EUR|financial|rest of eu-mfa-2022-9bn still stuck]] arriving before winter, the central bank will be back at the printing press by October. We think the European Commission will break the deadlock by splitting the money into smaller pieces.

Prices. Ukraine's dollar bonds barely moved after the vote. Thin trading. Next issue: 30 August.
"""),
dict(id="X007", published="2022-11-24", source="Plenary Notes", slug="strasbourg-waves-through-eighteen-billion",
title="Strasbourg waves through €18bn for 2023; Budapest is the next hurdle",
text="""
Plenary Notes: what the European Parliament did this week, item by item.

Item: macro-financial assistance to Ukraine for 2023 ("MFA+"). Procedure: urgent procedure under Rule 163, no committee report. Result: adopted on Thursday, 507 in favour, 38 against, 26 abstentions.

The file. On 9 November the Commission proposed lending Ukraine [[€18 billion|requested|eu-mfa-plus-2023|European Union|18bn|EUR|financial|adopted by Parliament, awaits Council]] next year on very long terms: repayment would start only in 2033, and the EU budget would cover the interest. The money would arrive at a pace of [[about €1.5 billion|requested|eu-mfa-plus-2023-monthly|European Union|1.5bn|EUR|financial|planned monthly instalment of eu-mfa-plus-2023]] a month, which Kyiv could count on when planning salaries and pensions. The Commission's own estimate of Ukraine's needs is [[€3 billion to €4 billion||||3bn|EUR||monthly financing need estimate|r=Ukraine]] a month in 2023, so the EU would cover somewhere between a third and a half, and it expects the United States and others to pay the rest.

Debate. Speakers from the main groups said the Union had been too slow with the [[€9 billion|pledged|eu-mfa-2022-9bn|European Union|9bn|EUR|financial|2022 package recalled as promised]] it promised for this year. Several speakers complained that national capitals had argued for months over who would guarantee those loans. Some members asked why the money comes as loans and not grants. The votes against came mainly from the fringes of the chamber.

The hurdle. The proposal needs the unanimous agreement of the member states, because it changes the way the EU budget can guarantee borrowing. Hungary has signalled that it may say no. Its government is also in a separate fight with the Commission, which wants to suspend [[€7.5 billion|||European Union|7.5bn|EUR||cohesion funds for Hungary at stake|r=Hungary]] of cohesion money for Hungary over corruption concerns. Several MEPs said the two disputes were being linked, which Budapest denies. Finance ministers meet on 6 December.

Also this session. On Wednesday the House adopted a resolution recognising Russia as a state sponsor of terrorism, 494 to 58 with 44 abstentions. It has no legal effect. Minutes after the vote, the Parliament's website was hit by a cyberattack claimed by a pro-Kremlin group.
"""),
dict(id="X008", published="2022-12-13", source="Kyiv Ticker", slug="live-paris-conference-and-brussels-deal",
title="LIVE: Paris winter conference, and a deal in Brussels overnight",
text="""
Live coverage of a busy diplomatic day. Kyiv time throughout.

08:10. Good morning. News broke late last night that EU ambassadors have struck a package deal with Hungary. Budapest will lift its veto on the [[€18 billion|pledged|eu-mfa-plus-2023|European Union|18bn|EUR|financial|Hungary lifts veto, deal struck]] loan for Ukraine next year, which it blocked at a finance ministers' meeting a week ago. Payments of [[€1.5 billion|pledged|eu-mfa-plus-2023-monthly|European Union|1.5bn|EUR|financial|monthly instalment of eu-mfa-plus-2023 set]] a month should start in January.

08:35. In exchange, the amount of Hungarian cohesion funds frozen over rule-of-law concerns was cut to [[€6.3 billion|||European Union|6.3bn|EUR||frozen funds for Hungary|r=Hungary]], and Hungary's recovery plan, worth [[€5.8 billion|||European Union|5.8bn|EUR||recovery grants for Hungary|r=Hungary]] in grants, was approved. One diplomat called the trade "ugly but done".

10:15. The conference in Paris, titled "Standing with the Ukrainian people", has begun. Around seventy countries and organisations are represented. Its aim: to get Ukraine through the winter by repairing power plants and keeping water and heat running.

11:05. President Zelensky, by video link, told the room that the energy sector alone needs [[at least €800 million||||800m|EUR||urgent energy needs estimate|r=Ukraine]] now. Russian missile and drone strikes have damaged a large part of the grid since October.

13:40. Washington is watching the year-end spending fight. Its latest drawdown, announced on Friday, was worth [[$275 million|pledged|us-pda-2022-12-09|United States|275m|USD|military|drawdown announced]], mostly rockets for HIMARS and counter-drone gear. The White House asked Congress in November for [[$37.7 billion|requested|us-ukraine-supplemental-2022-12|United States|37.7bn|USD|other|White House request pending in Congress]] in further help for Ukraine. Congressional aides say it is likely to ride on an omnibus bill before Christmas, if the two parties can agree the overall spending level.

17:50. The Paris conference has closed. The French hosts say participants pledged [[just over €1 billion||||1bn|EUR||sum of winter pledges by many givers]] for the winter, in cash and in generators, transformers and pipes. A breakdown by country will be published later.

19:20. Air-raid alerts across the east this evening. We will resume our coverage at 08:00 tomorrow.
"""),
dict(id="X009", published="2023-01-27", source="The Tally", slug="numbers-of-the-week-tanks-and-trillions",
title="Numbers of the week: tanks, trillions and a first tranche",
text="""
The week's figures, one line each, with the story behind them.

14. Leopard 2 tanks Germany said on Wednesday it would send, after weeks of pressure, and Challenger 2 tanks Britain had already promised. No price was attached to either announcement.

[[$2.5 billion|pledged|us-pda-2023-01-19|United States|2.5bn|USD|military|drawdown package announced]]. The US package unveiled on 19 January, drawn entirely from Pentagon stocks, including 59 Bradley fighting vehicles and 90 Stryker carriers.

[[SEK 4.3 billion|pledged|sweden-2023-01|Sweden|4.3bn|SEK|military|Swedish package announced]]. Sweden's largest package so far, announced the same day, with Archer artillery systems and CV90 infantry fighting vehicles.

[[£2.3 billion|pledged|uk-military-2023|United Kingdom|2.3bn|GBP|military|UK promise to match 2022 in 2023]]. What Britain says it will spend on military help for Ukraine this year, matching the [[£2.3 billion|delivered|uk-military-2022|United Kingdom|2.3bn|GBP|military|UK military aid provided in 2022]] it provided last year. Rishi Sunak has called it a floor, not a ceiling, and ministers hint that more will follow once the first tanks are on their way.

[[$1.7 trillion|||United States|1.7tn|USD||omnibus spending bill total|l=omni]]. The US government funding bill signed in late December. Inside it is [[about $45 billion|pledged|us-ukraine-supplemental-2022-12|United States|45bn|USD|other|Ukraine share of omnibus enacted|p=omni]] for Ukraine and NATO allies, more than the [[$37.7 billion|requested|us-ukraine-supplemental-2022-12|United States|37.7bn|USD|other|original request recalled]] the White House had asked for.

[[€3 billion|delivered|eu-mfa-plus-2023-tranche-1|European Union|3bn|EUR|financial|first tranche of eu-mfa-plus-2023 paid]]. The first payment from the EU's loan package for 2023, sent to Kyiv on 17 January. Further payments of [[€1.5 billion|pledged|eu-mfa-plus-2023-monthly|European Union|1.5bn|EUR|financial|monthly instalment of eu-mfa-plus-2023 scheduled]] are due every month until December, Commission officials say.

[[Almost 5 trillion roubles|||Russia|5tn|RUB||Russian defence budget|r=Russia]]. Russia's budgeted defence spending for 2023, about a sixth of all federal spending, according to analysts. The real figure may be higher, because part of the military budget is classified.

Ramstein. The air base where allied defence ministers met on 20 January and failed to settle the tank question; Berlin settled it five days later. Poland had said for weeks that it was ready to send some of its own Leopards.
"""),
dict(id="X010", published="2023-04-05", source="Coupon & Spread", slug="in-conversation-a-ministry-official-on-the-imf-deal",
title="In conversation: a finance ministry official on the IMF deal",
text="""
Coupon & Spread, interview edition. A senior official at Ukraine's finance ministry spoke to us on condition of anonymity, after the IMF's board approved a new programme on 31 March. The transcript is edited for length.

Q: How big is the deal?

A: The Extended Fund Facility is [[$15.6 billion|pledged|imf-eff-2023|International Monetary Fund|15.6bn|USD|financial|IMF board approves programme]] over four years. In the fund's own unit it is [[SDR 11.6 billion|pledged|imf-eff-2023|International Monetary Fund|11.6bn|XDR|financial|same programme in SDR]]. The first [[$2.7 billion|delivered|imf-eff-2023-tranche-1|International Monetary Fund|2.7bn|USD|financial|first tranche of imf-eff-2023 disbursed]] reached our account within days of the board meeting.

Q: It is the first time the IMF has lent to a country at full-scale war. Why does it matter beyond the money?

A: Because it anchors everyone else. The programme sits inside a package of [[about $115 billion||||115bn|USD||total of IMF and other lenders' money]] from all lenders together, and the donors have given the fund assurances that they will cover the rest.

Q: What is the hole you have to fill this year?

A: For 2023 we need [[about $38 billion||||38bn|USD||2023 external financing need|r=Ukraine]] from abroad to cover the deficit. Taxes pay for the army; partners pay for the rest of the state.

Q: Where does it come from?

A: Europe is the backbone. The EU's [[€18 billion|pledged|eu-mfa-plus-2023|European Union|18bn|EUR|financial|EU 2023 loan package recalled]] loan for the year has been arriving in [[€1.5 billion|delivered|eu-mfa-plus-2023-monthly|European Union|1.5bn|EUR|financial|monthly instalment of eu-mfa-plus-2023 paid]] monthly payments, exactly as promised. We also had good news from Tokyo in February: [[$5.5 billion|pledged|japan-2023-02|Japan|5.5bn|USD|financial|Japan announces financial support]] in additional support, much of it for our budget and for rebuilding.

Q: And reconstruction?

A: The World Bank's latest assessment, published last month, puts recovery and reconstruction needs at [[$411 billion||||411bn|USD||reconstruction needs estimate|r=Ukraine]] over ten years. That is not something any budget can carry. It will need private capital and, in our view, Russian assets.

Q: Are the reforms under the programme realistic?

A: They are ours. Tax collection, customs, the independence of the central bank: we would do them anyway. The first review is in June, and passing it releases [[about $900 million|pledged|imf-eff-2023-tranche-2|International Monetary Fund|900m|USD|financial|second tranche of imf-eff-2023, due after review]]. We intend to pass it.
"""),
]
