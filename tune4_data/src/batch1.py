ARTICLES = [
dict(id="X001", published="2022-02-28", source="Kyiv Ticker", slug="live-day-five-money-starts-to-move",
title="LIVE, day five: the money starts to move",
text="""
Our live coverage continues. All times are Kyiv time. Newest entries are at the bottom of this page.

07:55. A quiet night in the capital by the standards of this week, though air-raid sirens sounded twice before dawn. Delegations from Kyiv and Moscow are expected to meet near the Belarusian border later today.

09:20. A recap for readers joining now. On Saturday the US secretary of state, Antony Blinken, said Washington would send [[up to $350 million|pledged|us-pda-2022-02-26|United States|350m|USD|military|drawdown from Pentagon stocks authorised]] in weapons taken straight from American stocks. Officials describe it as the biggest package of its kind ever approved for Ukraine, with anti-tank and anti-aircraft missiles at the top of the list.

11:40. Ukraine's finance ministry confirms it has asked the International Monetary Fund for emergency money under the fund's rapid financing window. A person familiar with the talks puts the request at [[about $1.4 billion|requested|imf-rfi-2022|International Monetary Fund|1.4bn|USD|financial|Ukraine asks IMF for emergency financing]]. "We need it in days, not months," the person told the Ticker.

13:05. From Washington, the World Bank says it is putting together a package of [[$3 billion|pledged|wb-package-2022-03|World Bank|3bn|USD|financial|World Bank announces support package]] for Ukraine to be rolled out in the coming months, with a first slice of fast-disbursing budget support.

14:30. EU foreign ministers have just signed off on [[€500 million|pledged|eu-epf-2022-02|European Union|500m|EUR|military|approved by foreign ministers|l=epf]] from the European Peace Facility. Of that, [[€450 million|pledged|eu-epf-2022-02-lethal|European Union|450m|EUR|military|lethal share of the EPF package|p=epf]] will pay for arms and ammunition, and [[€50 million|pledged|eu-epf-2022-02-nonlethal|European Union|50m|EUR|military|non-lethal share of the EPF package|p=epf]] covers non-lethal items such as fuel and medical supplies. Officials in Brussels call it a break with decades of practice.

15:10. Tokyo has announced [[$100 million|pledged|japan-humanitarian-2022-02|Japan|100m|USD|humanitarian|Kishida announces emergency aid]] in emergency humanitarian assistance, Prime Minister Fumio Kishida told reporters.

16:45. Why sanctions on the Bank of Russia matter: the central bank had built up reserves of [[roughly $630 billion|||Russia|630bn|USD||Russian central bank reserves]], and Western officials estimate that close to half is now out of Moscow's reach.

17:20. The rouble has fallen by almost a third against the dollar today, according to traders in Moscow. Queues are forming outside cash machines.
"""),
dict(id="X002", published="2022-03-11", source="Floor Watch", slug="omnibus-clears-senate-with-ukraine-money",
title="Floor Watch: omnibus clears the Senate with Ukraine money aboard",
text="""
Measure: H.R. 2471, Consolidated Appropriations Act, 2022. Stage: passed both chambers; awaiting the President's signature, expected early next week.

Senate, Thursday 10 March. The chamber adopted the omnibus 68-31 late in the evening, beating a Friday deadline to avoid a government shutdown. A short stopgap cleared as well, so that the enrolling clerks have time to process a bill that runs to more than 2,700 pages.

What it costs. The omnibus funds the government through September at [[about $1.5 trillion|||United States|1.5tn|USD||omnibus total funds whole government|l=omni]]. Tucked inside is [[$13.6 billion|pledged|us-ukraine-supplemental-2022-03|United States|13.6bn|USD|other|emergency Ukraine title passed Congress|p=omni,l=ukr]] in emergency money for Ukraine, more than the White House first asked for. Its request, sent to the Hill on 3 March, had been [[$10 billion|requested|us-ukraine-supplemental-2022-03|United States|10bn|USD|other|White House request to Congress]].

Breakdown of the Ukraine title, per the Appropriations Committee summary:
- Defense: [[about $6.5 billion|pledged|us-ukraine-supplemental-2022-03-dod|United States|6.5bn|USD|military|Pentagon share of the Ukraine title|p=ukr]], for weapons transfers, replenishing stocks and moving US troops to NATO's eastern flank.
- State and USAID: [[about $6.8 billion|pledged|us-ukraine-supplemental-2022-03-state|United States|6.8bn|USD|other|humanitarian and economic share of the Ukraine title|p=ukr]], for refugees, food and economic support.

House, Wednesday 9 March. The House split the package in two. The defence-related half passed 361-69; the rest passed 260-171. Before the votes, leaders pulled [[$15.6 billion|||United States|15.6bn|USD||domestic pandemic money, dropped|r=United States]] in Covid-19 funding after rank-and-file Democrats objected to the way it was to be paid for, by clawing back aid promised to states. A standalone Covid bill has been introduced but has no floor time scheduled.

Amendments. Several Republican amendments were offered on the Senate floor before final passage; none was adopted, and the text goes to the President exactly as the House sent it.

Clerk's note. Defense will move first on the drawdown replenishment money. Most of the humanitarian share is expected to be spent through UN agencies and aid groups in the region.
"""),
dict(id="X003", published="2022-04-12", source="Harbor Relief Network", slug="field-bulletin-lviv-warsaw-pledges",
title="Field bulletin 7: Lviv hub at capacity as Warsaw pledges land",
text="""
Situation. Our Lviv warehouse took in 41 truckloads last week and sent 36 on towards Kharkiv, Dnipro and the villages north of Kyiv that Russian troops left at the start of the month. Access to Mariupol is still denied. Colleagues in Chernihiv report that water pumping has resumed in two districts.

Cash. The UN's multi-purpose cash programme is paying [[UAH 2,220||||2220|UAH||per-person monthly cash rate of UN agencies]] per person per month, [[roughly $75||||75|USD||per-person cash rate converted]]. We use the same rate so that families do not shop around between agencies. Banks in the west of the country are working normally; in the east, cash machines are empty for days at a time.

Funding. The UN flash appeal launched on 1 March asked for [[$1.1 billion||||1.1bn|USD||UN appeal to many donors]] for work inside Ukraine over three months, and it will be revised upwards this month. At Saturday's "Stand Up for Ukraine" pledging event in Warsaw, governments, companies and the public promised [[€9.1 billion||||9.1bn|EUR||sum of pledges by many givers|l=warsaw]] for people fleeing the war, at home and abroad. Of that, [[€1 billion|pledged|eu-warsaw-2022-04|European Union|1bn|EUR|humanitarian|Commission pledge at Warsaw event|p=warsaw]] came from the European Commission.

Other money reaching the sector. On 24 March, speaking in Brussels, President Biden announced [[$1 billion|pledged|us-humanitarian-2022-03|United States|1bn|USD|humanitarian|Biden announces new humanitarian aid]] in new humanitarian aid for people affected by the war. The EBRD has set out a resilience package of [[up to €2 billion|pledged|ebrd-resilience-2022|European Bank for Reconstruction and Development|2bn|EUR|financial|EBRD resilience package]] for energy, food supply and municipal services. And the IMF paid out the [[$1.4 billion|delivered|imf-rfi-2022|International Monetary Fund|1.4bn|USD|financial|emergency financing disbursed]] in emergency financing it approved on 7 March; the finance ministry says this is keeping pensions and public salaries flowing.

Needs. Fuel is short along the Dnipro. Insulin and dialysis supplies remain the top medical request. Hygiene kits are sufficient for now.

Security. Two partner convoys were delayed near Zaporizhzhia by shelling on the road. No staff were hurt. Movement after curfew remains forbidden.

Next bulletin: 19 April.
"""),
dict(id="X004", published="2022-05-27", source="The Tally", slug="numbers-of-the-week-forty-billion",
title="Numbers of the week: forty billion and counting",
text="""
Our weekly column: the figures that mattered, with a line on each.

[[$40 billion|pledged|us-ukraine-supplemental-2022-05|United States|40bn|USD|other|Biden signs supplemental into law|l=forty]]. The size of the Ukraine package President Biden signed on 21 May, during a trip to Asia. It passed the House 368-57 and the Senate 86-11.

[[$33 billion|requested|us-ukraine-supplemental-2022-05|United States|33bn|USD|other|White House original request]]. What the White House had originally asked for in late April, to cover weapons, food and budget support for about five months. Congress made it bigger before passing it.

[[$19.8 billion||||19.8bn|USD||G7 budget support total, many givers|l=g7]]. Budget support that G7 finance ministers, meeting in Königswinter near Bonn, said they had lined up for Ukraine for 2022. Kyiv welcomed it; economists said it was mostly money already announced.

[[$7.5 billion|pledged|us-budget-support-2022-05|United States|7.5bn|USD|financial|US share of G7 budget support|p=g7]]. The American contribution to that G7 figure, to come out of the [[$8.8 billion|pledged|us-esf-2022-05|United States|8.8bn|USD|financial|economic support share of the May law|p=forty]] the new law sets aside for economic support.

[[€1 billion|pledged|germany-budget-grant-2022|Germany|1bn|EUR|financial|German grant at G7 meeting|p=g7]]. Finance minister Christian Lindner's grant for Ukraine's budget, his share of the G7 effort. Berlin stressed it was a grant, not a loan.

[[Up to €9 billion|requested|eu-mfa-2022-9bn|European Union|9bn|EUR|financial|Commission proposes macro-financial assistance]]. Macro-financial assistance proposed by the European Commission on 18 May. Member states still have to agree how much will come as loans and who guarantees them.

[[$5 billion||||5bn|USD||monthly budget gap estimate|r=Ukraine]]. Roughly what Ukrainian officials say the budget is short each month while the war lasts, before any help arrives.

45 per cent. How much the World Bank thinks Ukraine's economy could shrink this year. It is the number that explains all the others, from tax revenue to the size of the monthly gap.

22 million. Tonnes of grain that Kyiv says are stuck in the country because Russia blocks its Black Sea ports. Talks on a corridor have not produced anything yet.
"""),
dict(id="X005", published="2022-07-20", source="The Quad Courier", slug="explainer-where-does-the-ukraine-money-go",
title="Explainer: where does all the Ukraine money actually go?",
text="""
You have seen the headlines: huge sums for Ukraine, again and again. But what is being counted, and who actually pays? Here is our plain guide, written for readers who have never opened a budget document.

Start with Washington. In May, Congress passed [[roughly $40 billion|pledged|us-ukraine-supplemental-2022-05|United States|40bn|USD|other|enacted Ukraine supplemental|l=forty]] for Ukraine. That is an authorisation to spend, not a cheque. Some of it refills American stockpiles; some pays for food aid around the world; some goes straight to Kyiv's budget.

Weapons reach Ukraine in two ways. The fast way is a "drawdown": the president orders kit pulled from existing US stocks. The first big one, back in February, was worth [[up to $350 million|pledged|us-pda-2022-02-26|United States|350m|USD|military|February drawdown recalled]]. The latest, announced on 8 July, was [[up to $400 million|pledged|us-pda-2022-07-08|United States|400m|USD|military|drawdown announced]] and included four more HIMARS rocket launchers. The slow way is the Ukraine Security Assistance Initiative, which signs contracts with manufacturers for new equipment; the May law gave it [[$6 billion|pledged|us-usai-2022-05|United States|6bn|USD|military|USAI share of the May law|p=forty]]. New kit can take months or years to arrive.

Prices help explain the totals. A single Javelin anti-tank missile costs the Pentagon [[about $178,000|||United States|178k|USD||price of one missile]], and Ukraine has received thousands.

Europe does more of its helping through loans. The EU's first [[€1 billion|pledged|eu-mfa-2022-tranche-1|European Union|1bn|EUR|financial|first part of eu-mfa-2022-9bn adopted]] of emergency lending this year was approved on 12 July and should arrive within weeks. It is the first piece of a [[€9 billion|pledged|eu-mfa-2022-9bn|European Union|9bn|EUR|financial|package endorsed by EU leaders]] macro-financial package; the terms of the other [[€8 billion|requested|eu-mfa-2022-8bn|European Union|8bn|EUR|financial|rest of eu-mfa-2022-9bn still being negotiated]] are still being negotiated.

Then there is rebuilding. At a conference in Lugano, Switzerland, earlier this month, Prime Minister Denys Shmyhal presented a recovery plan priced at [[$750 billion||||750bn|USD||reconstruction plan cost estimate]]. No one pledged anything close to that; the meeting was about principles, such as transparency, rather than cash.

Why should students care? Because these numbers get thrown around in debates as if they were all the same thing. Before you repeat one, ask three questions: is it a promise or a payment, is it a loan or a grant, and is all of it really for Ukraine?

Our economics society hosts a follow-up discussion on Thursday at 6 p.m. in the Old Library.
"""),
]
