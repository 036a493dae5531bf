ARTICLES = [
dict(id="X011", published="2023-05-16", source="Rheinland Wirtschaftsblatt", slug="berlin-biggest-package-order-books",
title="Berlin's biggest package, and what it means for the order books",
text="""
English edition. Translated from the German.

DÜSSELDORF. The day before Volodymyr Zelensky collected the Charlemagne Prize in Aachen, the federal government announced its largest single package for Ukraine so far: [[more than €2.7 billion|pledged|germany-2023-05|Germany|2.7bn|EUR|military|German package announced before Zelensky visit]] in air defence systems, Leopard 1 tanks, Marder infantry fighting vehicles, reconnaissance drones and ammunition. Defence minister Boris Pistorius said Germany would keep helping for as long as needed. For the defence industry in Rhineland and Lower Saxony, the question is less the headline figure than who will build the equipment, and when.

Much of the package is new production, not stock. That is good news for Rheinmetall, which reported sales of [[€6.4 billion||||6.4bn|EUR||Rheinmetall annual sales]] for 2022 and an order backlog at a record level. It is also good news for Diehl Defence, which makes the IRIS-T air defence system at Überlingen on Lake Constance, and for Krauss-Maffei Wegmann in Munich.

The federal budget frames all of this. For 2023, Berlin has set aside [[about €5.4 billion|pledged|germany-2023-budget|Germany|5.4bn|EUR|military|German budget line for military aid this year]] for what it calls security capacity-building, and almost all of it goes to Ukraine. That is separate from the [[€100 billion|||Germany|100bn|EUR||Bundeswehr special fund|r=Germany]] special fund for the Bundeswehr, which is meant to re-equip German forces themselves.

Brussels adds another layer. In March, EU governments agreed a [[€2 billion|pledged|eu-ammo-2023|European Union|2bn|EUR|military|EU ammunition plan agreed|l=ammo]] ammunition plan through the European Peace Facility: [[€1 billion|pledged|eu-ammo-2023-stocks|European Union|1bn|EUR|military|stock-delivery part of eu-ammo-2023|p=ammo]] to reimburse countries that send shells from their own stocks right away, and [[€1 billion|pledged|eu-ammo-2023-joint|European Union|1bn|EUR|military|joint-procurement part of eu-ammo-2023|p=ammo]] for ordering new shells together. On 3 May the Commission also proposed [[€500 million|||European Union|500m|EUR||subsidy for EU arms industry]] to help European factories expand production capacity. That money would go to industry, not to Kyiv.

For companies the second and third pieces matter most, because they promise orders for years. One executive at a medium-sized supplier in Bonn told this newspaper that customers now ask less about price than about delivery dates. Steel, explosives and skilled workers are scarce. Several firms in the region are hiring again for the first time in a decade.
"""),
dict(id="X012", published="2023-07-11", source="Kyiv Ticker", slug="live-vilnius-summit-day-one",
title="LIVE: NATO summit in Vilnius, day one",
text="""
Our live blog from the NATO summit. Times are Kyiv time, which is also Vilnius time.

09:05. Leaders are arriving in Vilnius under heavy security; Patriot batteries lent by Germany guard the airport. The big question remains the wording on Ukraine's future membership.

10:30. Berlin moves first on money. Defence minister Boris Pistorius says Germany will send a new package worth [[about €700 million|pledged|germany-2023-07|Germany|700m|EUR|military|German package announced at summit]], including two more Patriot launchers, Marder vehicles and ammunition.

11:45. A reminder of where the US stands. Last Friday the Pentagon announced a drawdown of [[$800 million|pledged|us-pda-2023-07-07|United States|800m|USD|military|drawdown announced]] that, for the first time, includes cluster munitions. Several allies, including the UK and Canada, have said they will not use them themselves. The State Department counts [[more than $41 billion|||United States|41bn|USD||US running total of security aid]] in security assistance committed since February last year.

13:20. Oslo's money is slower but steadier. Norway's five-year Nansen programme, agreed in parliament in March, is worth [[NOK 75 billion|pledged|norway-nansen|Norway|75bn|NOK|other|Norwegian multi-year programme agreed]] ([[roughly €6.5 billion|pledged|norway-nansen|Norway|6.5bn|EUR|other|Nansen programme converted to euros]]), split into [[NOK 15 billion|pledged|norway-nansen-annual|Norway|15bn|NOK|other|annual instalment of norway-nansen]] each year for military, humanitarian and civilian needs.

15:10. Draft communiqué seen by the Ticker: Ukraine will be invited to join "when allies agree and conditions are met". President Zelensky, on his way to Vilnius, called the absence of a timeline "absurd".

16:40. France confirms it will supply SCALP long-range missiles. No number or price was given. London adds a package worth [[£50 million|pledged|uk-2023-07-vilnius|United Kingdom|50m|GBP|military|UK package announced at summit]] for repairing equipment and more than 70 combat and logistics vehicles.

17:10. Canberra joins in: Australia will send 30 more Bushmaster vehicles in a package worth [[A$110 million|pledged|australia-2023-07|Australia|110m|AUD|military|Australian package announced at summit]].

18:00. Eleven countries, led by Denmark and the Netherlands, say they will start training Ukrainian pilots on F-16s next month; a training centre will open in Romania.

20:15. Dinner in the Lithuanian capital. Zelensky will attend tomorrow's first meeting of the new NATO-Ukraine Council.

21:30. That's it for today. On Wednesday: the G7 declaration on long-term security commitments, which officials say will be signed on the sidelines of the summit.
"""),
dict(id="X013", published="2023-10-02", source="Floor Watch", slug="shutdown-averted-ukraine-left-out",
title="Floor Watch: shutdown averted, Ukraine left at the door",
text="""
Measure: H.R. 5860, Continuing Appropriations Act, 2024. Stage: enacted 30 September; funds the government to 17 November.

House, Saturday 30 September. With hours to go before a shutdown, Speaker Kevin McCarthy brought a 45-day stopgap to the floor under suspension of the rules. It passed 335-91, with more Democrats than Republicans voting yes. The bill contains disaster relief but no money for Ukraine.

Senate, same evening. The Senate had spent the week on its own bipartisan stopgap, which carried [[$6.15 billion|blocked|us-senate-cr-ukraine-2023-09|United States|6.15bn|USD|other|Senate stopgap's Ukraine money dropped]] for Ukraine. Faced with the House bill, senators dropped their version and passed the House text 88-9. Senator Michael Bennet held up the vote for some hours seeking assurances on Ukraine; he got a statement from leaders of both parties, not a vote.

Background. On 10 August the White House sent Congress a supplemental request of [[about $40 billion|||United States|40bn|USD||request total with domestic disaster money|l=req]]. Of that, [[$24 billion|requested|us-ukraine-request-2023-08|United States|24bn|USD|other|Ukraine share of supplemental request|p=req]] was for Ukraine, [[$12 billion|||United States|12bn|USD||domestic disaster relief share|p=req,r=United States]] for domestic disaster relief, and [[about $4 billion|||United States|4bn|USD||border and migration share|p=req,r=United States]] for the border and migration. The request remains pending; none of it was included on Saturday.

Earlier in the week. During debate on the defence appropriations bill on 28 September, an amendment from Representative Marjorie Taylor Greene to strip [[$300 million|requested|us-usai-fy24-300m|United States|300m|USD|military|kept in House defence bill, Senate pending]] for training and equipping Ukrainian forces failed 104-330. Leaders then moved the [[$300 million|requested|us-usai-fy24-300m|United States|300m|USD|military|moved to standalone House bill, Senate pending]] into a separate bill, which passed 311-117. Neither bill has been taken up by the Senate.

Running tally. Congress approved [[about $113 billion|||United States|113bn|USD||running total of 2022 Ukraine bills]] for Ukraine across four bills in 2022. Pentagon officials told appropriators last week that the remaining drawdown authority was running low.

Motions. Representative Matt Gaetz says he will file a motion to vacate the chair this week, citing the Speaker's reliance on Democratic votes. A vote would have to be held within two legislative days.

Clerk's note. The next funding deadline is 17 November.
"""),
dict(id="X014", published="2023-12-15", source="Plenary Notes", slug="doors-open-purse-shut",
title="Doors open, purse shut: the summit that split Ukraine's day",
text="""
Plenary Notes: a special edition from the European Council in Brussels, with reactions from MEPs in Strasbourg.

What happened. On Thursday evening the heads of government agreed to open accession negotiations with Ukraine and Moldova. Viktor Orbán, Hungary's prime minister, left the room for the vote so that the decision could be taken without him. Hours later he used his veto on the money. The [[€50 billion|blocked|eu-ukraine-facility|European Union|50bn|EUR|financial|Hungary vetoes facility at summit|l=uf]] Ukraine Facility, proposed in June to support Kyiv from 2024 to 2027, could not be agreed. It is made up of [[€33 billion|blocked|eu-ukraine-facility-loans|European Union|33bn|EUR|financial|loans part of vetoed facility|p=uf]] in loans and [[€17 billion|blocked|eu-ukraine-facility-grants|European Union|17bn|EUR|financial|grants part of vetoed facility|p=uf]] in grants. Leaders will try again in early February.

The Hungarian file. A day before the summit, the Commission released [[€10.2 billion|||European Union|10.2bn|EUR||cohesion funds released for Hungary|r=Hungary]] of cohesion funds for Hungary after judicial reforms in Budapest. Many MEPs called it a payment for good behaviour. The Commission says the conditions were met.

Military money. Hungary also continues to block the [[€500 million|blocked|eu-epf-tranche-hungary|European Union|500m|EUR|military|EPF tranche held up by Hungary]] tranche of the European Peace Facility that reimburses member states for weapons sent to Ukraine. A proposal by the foreign policy chief, Josep Borrell, for a dedicated fund of [[up to €20 billion|requested|eu-epf-ukraine-assistance-fund|European Union|20bn|EUR|military|proposed four-year fund]] over four years is still under discussion.

Reactions. A senior member of the centre-right EPP group called it "a good day with a bad ending". A Renew Europe MEP pointed out that Washington's [[$61 billion|blocked|us-ukraine-supplemental-2024|United States|61bn|USD|other|US request stuck in Congress]] request for Ukraine is also stuck in Congress, "so Kyiv enters the winter with two empty envelopes". An ECR member argued that member states should go ahead with 26 bilateral contributions if Budapest does not move.

What next. The Parliament, which adopted its own position on the facility in October, says it is ready to finish negotiations in days once the Council moves. Ukraine has by now received almost all of the [[€18 billion|delivered|eu-mfa-plus-2023|European Union|18bn|EUR|financial|2023 loan package nearly fully paid]] the EU lent it for this year. A German Social Democrat noted that Berlin has promised to double its own military aid for next year to [[€8 billion|pledged|germany-2024-budget|Germany|8bn|EUR|military|German budget line for 2024 promised]]. Diplomats are studying a fallback that would pay the money through national guarantees, without Hungary.
"""),
dict(id="X015", published="2024-02-26", source="Harbor Relief Network", slug="field-bulletin-two-years-on",
title="Field bulletin 44: two years on, and the funding picture shifts",
text="""
Situation. Two years after the full-scale invasion, our teams are working in 11 oblasts. Attacks on Kharkiv and Odesa have increased since December. Front-line evacuations around Avdiivka have stopped after the town fell on 17 February.

Appeals. The UN's humanitarian response plan for Ukraine asks for [[$3.1 billion||||3.1bn|USD||UN appeal to many donors]] this year, and a separate regional plan seeks [[$1.1 billion||||1.1bn|USD||refugee appeal for host countries]] for refugees in neighbouring countries. Both are only partly funded so far.

Europe. On 1 February all 27 EU leaders agreed the [[€50 billion|pledged|eu-ukraine-facility|European Union|50bn|EUR|financial|facility agreed by all 27 leaders]] Ukraine Facility after Hungary dropped its objection. It is mostly for the budget and reconstruction, not humanitarian relief, but it keeps public services, such as hospitals, going. Norway's [[NOK 75 billion|pledged|norway-nansen|Norway|75bn|NOK|other|Nansen programme recalled]] Nansen programme continues to fund several of our partners.

United States. The Senate passed a [[$95 billion|||United States|95bn|USD||bill total includes Israel and Taiwan|l=sen]] foreign aid bill on 13 February, 70-29, with [[about $60 billion|blocked|us-ukraine-supplemental-2024|United States|60bn|USD|other|Ukraine share stuck in the House|p=sen]] for Ukraine. Speaker Mike Johnson has refused to put it to a vote in the House. Our American partners report that humanitarian grants for Ukraine are still flowing but that new money is uncertain.

Bilateral security deals. Several governments signed ten-year agreements with Kyiv this month. France promised [[up to €3 billion|pledged|france-2024|France|3bn|EUR|military|French security agreement for 2024]] in military aid this year, and Canada, on Saturday, [[more than C$3 billion|pledged|canada-2024|Canada|3bn|CAD|other|Canadian security agreement for 2024]]. The UK had set out [[£2.5 billion|pledged|uk-military-2024|United Kingdom|2.5bn|GBP|military|UK military aid for 2024]] in January. A Czech plan to buy about 800,000 shells outside the EU, costed at [[roughly $1.5 billion||||1.5bn|USD||Czech shell initiative cost, many payers|l=cz]], has drawn support from more than a dozen countries; the Netherlands has said it will put in [[€100 million|pledged|netherlands-czech-shells-2024|Netherlands|100m|EUR|military|Dutch contribution to Czech initiative|p=cz]].

Needs. Winter clothing and heating stoves remain priorities. Mental-health referrals continue to rise.

Next bulletin: 11 March.
"""),
]
