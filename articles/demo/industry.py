"""Industry News of the demo site: standards, policy and markets around hydrogen."""

from .html import body, h2, p, quote, ul

# Laid out by hand so the prose wraps like prose.
# fmt: off
ARTICLES = [
    {
        "key": "refuelling-standard",
        "title": "New National Standard for Hydrogen Refuelling Stations Comes into Force",
        "category": "industry-news",
        "age": 300,
        "motif": "flow",
        "cover_alt": "Blue gradient crossed by light diagonal bands and thin lines",
        "source": "Policy Research Office",
        "tags": ["Standards", "Refuelling stations", "Hydrogen safety"],
        "summary": (
            "The standard sets common rules for the design, safety distances and dispensing "
            "pressures of hydrogen refuelling stations, and should speed up their approval."
        ),
        "body": body(
            p("A new national standard for the design of hydrogen refuelling stations came into "
              "force on the first of the month. It replaces a patchwork of local rules that made "
              "every new station a project of its own."),
            p("For operators, the most important change is a single table of safety distances "
              "between dispensers, storage and surrounding buildings. Stations built to the table "
              "no longer need a separate risk study for each site, which the industry expects to "
              "shorten approval times by several months."),
            h2("What changes"),
            ul("Common safety distances for stations of every size",
               "Dispensing at both 35 MPa and 70 MPa covered by one set of rules",
               "Requirements for combined stations that also sell petrol, diesel or electricity",
               "Clear rules for on-site hydrogen production by electrolysis"),
            p("Lanfeng Hydrogen's product team took part in the public consultation on the draft "
              "and welcomes the standard: more stations, built faster, are what fleet customers "
              "ask for first."),
        ),
    },
    {
        "key": "city-clusters",
        "title": "Fuel Cell Vehicle City Clusters Report Strong Progress at Mid-Term Review",
        "category": "industry-news",
        "age": 470,
        "motif": "molecules",
        "cover_alt": "Paired white circles, like hydrogen molecules, scattered over blue",
        "source": "Policy Research Office",
        "tags": ["Fuel cell trucks", "Policy"],
        "summary": (
            "The demonstration city clusters have put more than half of their planned fuel cell "
            "vehicles on the road, with heavy trucks growing fastest."
        ),
        "body": body(
            p("The mid-term review of the fuel cell vehicle demonstration city clusters, published "
              "this week, shows that the clusters have reached more than half of their targets for "
              "vehicles on the road and refuelling stations in operation."),
            p("Heavy trucks were the fastest-growing group, ahead of buses and light logistics "
              "vehicles. The review credits fixed routes, such as port and steel plant transport, "
              "and the falling price of fuel cell systems."),
            quote("The question is no longer whether fuel cell trucks work, but how fast their "
                  "cost can come down to that of diesel."),
            p("The review also names the main obstacles: the price of hydrogen at the pump, which "
              "is still above the level at which most fleets break even, and the small number of "
              "stations outside the clusters. The second half of the programme focuses on both."),
        ),
    },
    {
        "key": "electrolyser-prices",
        "title": "Electrolyser Prices Fall as Green Hydrogen Projects Scale Up",
        "category": "industry-news",
        "age": 2300,
        "motif": "hexagons",
        "cover_alt": "Hexagon grid in white outlines over a deep blue to light blue gradient",
        "source": "Industry Desk",
        "tags": ["Green hydrogen", "Electrolysers"],
        "summary": (
            "Larger factories and bigger projects have cut the price of alkaline electrolysers, "
            "making hydrogen made from wind and solar power cheaper to produce."
        ),
        "body": body(
            p("Prices for alkaline electrolysers have fallen markedly over the past year as "
              "manufacturers opened larger factories and projects moved from a few megawatts to "
              "hundreds of megawatts."),
            p("Electrolysers split water into hydrogen and oxygen using electricity. Powered by "
              "wind and solar farms, they produce hydrogen without carbon emissions, and the "
              "equipment is one of the largest costs of such a project."),
            p("Analysts caution that the electricity price still decides most of the cost of green "
              "hydrogen, and that projects need steady buyers. Transport, chemicals and steel are "
              "the three markets most often named."),
            p("For fuel cell vehicle makers, cheaper green hydrogen is the missing piece: it "
              "lowers the cost of every kilometre and makes the climate case for the vehicles "
              "complete."),
        ),
    },
]
# fmt: on
