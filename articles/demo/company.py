"""Company News of the demo company: partnerships, launches, awards, trade fairs."""

from .html import body, h2, p, quote, table, ul

# Laid out by hand so the prose wraps like prose.
# fmt: off
ARTICLES = [
    {
        "key": "northbridge-trucks",
        "title": (
            "Lanfeng Hydrogen and Northbridge Logistics Sign Agreement for 500 Fuel Cell Trucks"
        ),
        "category": "company-news",
        "age": 18,
        "pinned": True,
        "motif": "molecules",
        "cover_alt": "Abstract blue illustration of paired hydrogen atoms joined by bonds",
        "source": "Corporate Communications",
        "tags": ["Fuel cell trucks", "Partnerships", "Logistics"],
        "summary": (
            "Lanfeng Hydrogen will supply fuel cell systems for 500 heavy trucks that Northbridge "
            "Logistics puts on its port and regional routes over the next three years."
        ),
        "body": body(
            p("On Monday Lanfeng Hydrogen and Northbridge Logistics signed a strategic cooperation "
              "agreement in Tianjin. Under the agreement, Lanfeng will supply HX-150 fuel cell "
              "systems for 500 heavy-duty trucks, which Northbridge will run between the port, its "
              "bonded warehouses and distribution centres across northern China."),
            p("The trucks will be built by two partner vehicle makers and delivered in three "
              "batches, the first of 80 vehicles before the end of the second quarter. Lanfeng "
              "will also provide on-site service engineers and a remote monitoring platform that "
              "reports stack health and hydrogen consumption for every vehicle."),
            h2("What the agreement covers"),
            ul("Supply of 500 HX-150 fuel cell systems and spare parts",
               "Driver and workshop training at Northbridge's three main depots",
               "A shared data platform for fleet energy use and maintenance planning",
               "Joint planning of two hydrogen refuelling stations near the port"),
            p("“Heavy trucks on fixed routes are where hydrogen makes the clearest sense today,” "
              "said the president of Lanfeng Hydrogen at the signing. “Northbridge knows its "
              "routes to the kilometre, and that lets us size every system for the job.”"),
            p("Northbridge expects the fleet to cut its diesel use by about 19 million litres a "
              "year once all 500 trucks are on the road."),
        ),
    },
    {
        "key": "hx150-launch",
        "title": "Lanfeng Hydrogen Launches the HX-150 Fuel Cell System for Heavy-Duty Trucks",
        "category": "company-news",
        "age": 75,
        "pinned": True,
        "motif": "hexagons",
        "cover_alt": "Blue honeycomb pattern of hexagons, as in a fuel cell catalyst diagram",
        "source": "Product Marketing Department",
        "tags": ["Fuel cell trucks", "HX-150", "Product launch"],
        "summary": (
            "The HX-150 delivers 150 kW of rated power, starts at −30 °C and is designed for "
            "30,000 hours of operation in trucks, buses and construction machinery."
        ),
        "body": body(
            p("Lanfeng Hydrogen today launched the HX-150, its most powerful fuel cell system so "
              "far. Developed over three years at the company's research centre in Baoding, the "
              "system is built around a new metal bipolar plate stack made entirely on Lanfeng's "
              "own production line."),
            p("The HX-150 is aimed at 31- to 49-tonne trucks, intercity buses and construction "
              "machinery: vehicles that run long hours and need to refuel quickly."),
            h2("Key figures"),
            table(("Specification", "HX-150", "Previous generation (HX-110)"),
                  ("Rated power", "150 kW", "110 kW"),
                  ("Power density of the stack", "4.2 kW/L", "3.1 kW/L"),
                  ("Cold start", "−30 °C", "−20 °C"),
                  ("Design life", "30,000 hours", "20,000 hours"),
                  ("System weight", "245 kg", "260 kg")),
            p("The system's controller was rewritten to keep the stack in its most efficient "
              "operating window for longer, which lowers hydrogen consumption on hilly routes by "
              "up to 6 percent compared with the previous generation."),
            p("Series production starts next month. The first units go to customers in the "
              "Beijing–Tianjin–Hebei demonstration city cluster."),
        ),
    },
    {
        "key": "innovation-award",
        "title": "Company Wins Annual Hydrogen Innovation Award",
        "category": "company-news",
        "age": 140,
        "motif": "rings",
        "cover_alt": "Concentric circles on a deep blue gradient",
        "source": "Corporate Communications",
        "tags": ["Awards", "Hydrogen"],
        "summary": (
            "For developing and mass-producing its metal bipolar plate stack, the company received "
            "the Hydrogen Innovation Award of the Year at the annual hydrogen industry conference."
        ),
        "body": body(
            p("At this week's annual hydrogen industry conference, the company received the "
              "Hydrogen Innovation Award of the Year for developing its own metal bipolar plate "
              "fuel cell stack and bringing it to mass production. The jury was made up of experts "
              "from universities, research institutes and vehicle makers."),
            p("The jury pointed to clear progress in the stack's power density, cold start and "
              "consistency in production, and noted that the stack is already in series use in "
              "heavy trucks and city buses."),
            h2("Highlights of the winning project"),
            ul("Stack power density of 4.2 kW per litre", "Cold start at −30 °C",
               "A yield of more than 99 percent on the bipolar plate line"),
            p("“This award belongs to every colleague in research and on the production line,” "
              "said the president as he accepted it. “We will keep investing in research to make "
              "hydrogen vehicles more reliable and more affordable.”"),
        ),
    },
    {
        "key": "second-stack-line",
        "title": "Second Stack Production Line Starts Operation in Baoding",
        "category": "company-news",
        "age": 210,
        "motif": "flow",
        "cover_alt": "Light blue diagonal bands crossing a dark blue background, like a conveyor",
        "source": "Corporate Communications",
        "tags": ["Manufacturing", "Baoding"],
        "summary": (
            "A second automated line for fuel cell stacks lifts Lanfeng Hydrogen's annual capacity "
            "to 20,000 stacks and brings 180 new jobs to the Baoding site."
        ),
        "body": body(
            p("Lanfeng Hydrogen's second fuel cell stack production line went into operation at "
              "the Baoding manufacturing base on Thursday, eleven months after construction began. "
              "Together with the first line, the site can now build 20,000 stacks a year."),
            p("The new line automates the most delicate steps of stack assembly: stacking of "
              "membrane electrode assemblies and bipolar plates, compression, and leak testing. "
              "Every stack is tested on a load bench before it leaves the plant."),
            h2("The new line in numbers"),
            ul("Floor space of 12,000 square metres",
               "One stack assembled every six minutes",
               "Automatic optical inspection of every bipolar plate",
               "180 new jobs in production, quality and maintenance"),
            p("“Scale is what brings the cost of fuel cells down,” said the head of manufacturing. "
              "“With the second line we can supply the large fleet orders we are seeing this year "
              "without longer delivery times.”"),
        ),
    },
    {
        "key": "hannover-messe",
        "title": "Lanfeng Hydrogen Presents Type IV Storage Tanks at Hannover Messe",
        "category": "company-news",
        "age": 2420,
        "motif": "rings",
        "cover_alt": "Concentric white rings on a blue gradient, like the cross-section of a tank",
        "source": "Marketing Department",
        "tags": ["Storage tanks", "Trade fairs"],
        "summary": (
            "At its first Hannover Messe, Lanfeng showed its 70 MPa Type IV hydrogen tank and its "
            "fuel cell systems to visitors from more than 40 countries."
        ),
        "body": body(
            p("Lanfeng Hydrogen exhibited at Hannover Messe for the first time this year, sharing "
              "a stand in the hydrogen and fuel cells hall with three partners from its supply "
              "chain."),
            p("The centre of the stand was the company's new Type IV storage tank: a plastic liner "
              "wrapped in carbon fibre, rated for 70 MPa and some 30 percent lighter than a steel "
              "lined tank of the same volume. A cut-away model showed visitors the layers of the "
              "wall."),
            quote("Many visitors asked the same question: when can we buy it in Europe? That tells "
                  "us where to go next."),
            p("Over five days, the team held more than 200 meetings with vehicle makers, "
              "integrators and research institutes, and signed a memorandum of understanding with "
              "a European bus manufacturer on joint testing."),
        ),
    },
    {
        "key": "safety-week",
        "title": "Safety Week: 1,200 Employees Complete Hydrogen Safety Drills",
        "category": "company-news",
        "age": 400,
        "motif": "hexagons",
        "cover_alt": "Pattern of white hexagon outlines over a deep blue gradient",
        "source": "Health, Safety and Environment Office",
        "tags": ["Hydrogen safety"],
        "summary": (
            "Evacuation drills, leak detection training and a fire brigade exercise marked this "
            "year's Safety Week at all three Lanfeng sites."
        ),
        "body": body(
            p("Every employee at Lanfeng Hydrogen's three sites took part in this year's Safety "
              "Week, which ended on Friday with a joint exercise with the local fire brigade at "
              "the Baoding test centre."),
            p("Hydrogen is safe to handle when the right rules are followed, and the week was "
              "about practising them until they become habits. Teams trained with portable leak "
              "detectors, walked through the emergency shutdown of the test benches and refreshed "
              "their first aid skills."),
            ul("1,200 employees trained in five days",
               "38 evacuation drills, all completed within the target time",
               "Four new safety ideas from the shop floor adopted by the management"),
            p("The winning idea came from the stack assembly team: coloured tags that show at a "
              "glance when each hydrogen line was last leak-tested."),
        ),
    },
    {
        "key": "q3-update",
        "title": "Third-Quarter Production and Delivery Update",
        "category": "company-news",
        "age": 2,
        "status": "draft",
        "motif": "flow",
        "cover_alt": "Light blue diagonal bands and thin lines on a blue gradient",
        "source": "Corporate Communications",
        "tags": ["Manufacturing", "Results"],
        "summary": "Draft: production, deliveries and new orders in the third quarter.",
        "body": body(
            p("Lanfeng Hydrogen delivered 2,140 fuel cell systems in the third quarter, 38 percent "
              "more than in the same quarter last year."),
            p("Figures to be confirmed by the finance department before publication: new orders, "
              "order backlog, and the share of exports."),
            p("Editor's note: add a quote from the president and the photo from the delivery "
              "ceremony before publishing."),
        ),
    },
    {
        "key": "open-day",
        "title": "Lanfeng Hydrogen to Host Customer Open Day at Its Baoding Campus",
        "category": "company-news",
        "age": -12,
        "motif": "molecules",
        "cover_alt": "Illustration of hydrogen molecules as joined white circles on blue",
        "source": "Corporate Communications",
        "tags": ["Baoding", "Events"],
        "summary": (
            "Customers and partners are invited to tour the stack lines, the test centre and the "
            "research labs, and to ride in a fuel cell bus."
        ),
        "body": body(
            p("Lanfeng Hydrogen will open the doors of its Baoding campus to customers, partners "
              "and the press for a full day of tours, talks and test drives."),
            h2("Programme"),
            ul("Guided tours of both stack production lines",
               "A visit to the test centre and its cold chamber",
               "Talks by the research team on the next generation of stacks",
               "Test rides in a fuel cell city bus and a 49-tonne truck"),
            p("Places on the tours are limited. Please register through your account manager or "
              "send us an Online Message with your name and company."),
        ),
    },
]
# fmt: on
