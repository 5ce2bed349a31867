"""The words that `seed_articles` puts together into made-up news of Lanfeng Hydrogen."""

# Laid out by hand, several to a line.
# fmt: off
COMPANY = "Lanfeng Hydrogen"
CITIES = (
    "Baoding", "Tianjin", "Shanghai", "Foshan", "Zhangjiakou", "Qingdao", "Chengdu", "Wuhan",
    "Dalian", "Ningbo", "Suzhou", "Datong", "Ordos", "Tangshan", "Rotterdam", "Hamburg",
    "Busan", "Nagoya", "Antwerp", "Valencia", "Lyon", "Ulsan", "Yantai", "Hefei",
    "Guangzhou", "Shenzhen", "Xiamen", "Jinan", "Zhengzhou", "Changsha", "Kunming", "Xi'an",
    "Hohhot", "Yinchuan", "Lanzhou", "Urumqi", "Harbin", "Changchun", "Shenyang", "Nanjing",
    "Hangzhou", "Wuxi", "Nantong", "Weifang", "Zibo", "Handan", "Jiaxing", "Rizhao",
)
PARTNERS = (
    "Northbridge Logistics", "Eastport Shipping", "Greenline Bus Company", "Harbour Steel",
    "Sino Coastal Freight", "Jade River Mining", "Silver Coast Transit", "Pacific Cold Chain",
    "Westway Haulage", "Bluewater Ports", "Summit Chemical", "Riverside Power",
    "Golden Valley Cement", "Redstone Express", "Crescent City Transit", "Longhai Rail Freight",
    "Orchid Supermarkets", "Three Rivers Energy", "Blue Sky Sanitation", "Evergreen Airports",
    "Highland Quarries", "Meridian Chemicals", "Starlight Coaches", "Ocean Gate Terminals",
)
PRODUCTS = (
    "HX-150 fuel cell system", "HX-80 fuel cell system", "HX-240 fuel cell system",
    "HX-300 fuel cell system", "Type III storage tank", "Type IV storage tank",
    "35 MPa dispenser", "70 MPa dispenser", "PEM electrolyser stack", "alkaline electrolyser",
    "metal bipolar plate", "graphite bipolar plate", "air compressor module",
    "hydrogen recirculation pump", "fleet monitoring platform", "mobile refuelling unit",
)
VEHICLES = ("heavy trucks", "city buses", "logistics vans", "port tractors", "coaches",
            "forklifts", "refuse trucks", "cold-chain trucks", "tipper trucks", "road sweepers",
            "airport tugs", "mining trucks")
EVENTS = ("Hannover Messe", "the China Hydrogen Expo", "the World Hydrogen Summit",
          "the International Fuel Cell Forum", "the Clean Transport Fair", "Auto China",
          "the Hydrogen Technology Expo", "the Asia Clean Energy Summit")
TOPICS = ("cold-start performance", "stack durability", "hydrogen safety",
          "refuelling speed", "green hydrogen costs", "fleet energy use", "catalyst loading",
          "membrane lifetime", "storage pressure", "recycling of platinum", "water management",
          "system efficiency", "hydrogen purity", "maintenance costs", "digital quality records",
          "supplier quality")
OUTLETS = ("Energy Weekly", "Clean Tech Review", "Industry Observer", "Hydrogen Today",
           "Transport Times", "The Business Herald", "Green Power Monthly", "Fleet Manager",
           "China Industry Daily", "Future Mobility")
ROLES = ("chief engineer", "president", "head of manufacturing", "head of research",
         "quality director", "head of after-sales service", "chief technology officer",
         "head of safety")
AWARDS = ("Hydrogen Innovation Award", "Green Manufacturing Prize", "Quality Excellence Award",
          "Safe Workplace Award", "Export Achievement Award", "Best Supplier Award")
QUARTERS = ("First-Quarter", "Second-Quarter", "Third-Quarter", "Fourth-Quarter")
PERCENTS = tuple(range(6, 60))
NUMBERS = (12, 15, 18, 20, 24, 25, 30, 36, 40, 45, 50, 60, 64, 80, 90, 100, 120, 150, 160, 200,
           240, 250, 300, 400, 500, 600, 800, 1000, 1200)

TITLES = {
    "company-news": (
        "{company} Signs Agreement with {partner} for {n} Fuel Cell {Vehicles} in {city}",
        "{company} Launches the {Product} for {Vehicles} at {event} {year} with {n} Orders",
        "{company} Delivers {n} {Product}s to {partner} in {city}",
        "{year}: New {Product} Line in {city} Starts Operation, Adding {n} Jobs",
        "{company} and {partner} Present the {Product} and {Product2} at {event} {year}",
        "{quarter} {year} Update: {percent}% More {Product}s Delivered to {partner}",
        "{company}'s {city} Team Wins the {award} {year} for Its Work on {Topic}",
        "{n} Employees in {city} Complete {Topic} Training in {year}",
        "{company} and {partner} Open {Vehicles} Service Centres in {city} and {city2}",
        "{company} and {partner} Start a Joint Study on {Topic} for {Vehicles} in {city}",
    ),
    "industry-news": (
        "{city} Plans {n} Hydrogen Refuelling Stations for {Vehicles} by {later_year}",
        "{city} Adopts a New Standard on {Topic} for {Vehicles} from {later_year}",
        "Prices of the {Product} Fall by {percent}% as {city} Projects Scale Up",
        "{city} Puts {n} Fuel Cell {Vehicles} on Its Roads in {year}",
        "Report: {Topic} of {Vehicles} Improves by {percent}% in {year}",
        "{n} MW Green Hydrogen Project in {city} Goes Ahead with {partner}, {percent}% Cheaper",
        "{city} Cluster Reports {percent}% Progress on {Topic}",
        "Ports of {city} and {city2} Test {n} Hydrogen {Vehicles}",
    ),
    "media-coverage": (
        "{outlet}: Inside the {city} Plant Building the {Product} for {partner}",
        "After {event} {year}, {outlet} Interviews Our {Role} on {Topic} and {Topic2}",
        "Our {city} Plant Is in {outlet}'s {year} List of Factories to Watch, for {Topic}",
        "{outlet} Reports on {partner}'s Fleet of {n} Fuel Cell {Vehicles} in {city}",
        "{outlet} Asks Our {Role} What Comes After {Topic} in {city}",
    ),
}

# The first sentences of an article come from its category's list, the rest from GENERAL.
SENTENCES = {
    "company-news": (
        "{company} and {partner} signed the agreement in {city} on {weekday}.",
        "Under the agreement, {company} will supply {n} units of its {product} over three years.",
        "The first {vehicles} are due before the end of the {season}.",
        "Service engineers will be based at {partner}'s depots in {city} and {city2}.",
        "The {product} was developed at the company's research centre in Baoding.",
        "Production of the {product} rose by {percent}% compared with the same period last year.",
        "Every unit is tested under load before it leaves the plant.",
        "The new line in {city} adds capacity for {n} systems a year.",
        "Visitors to {event} could see the {product} at the company's stand.",
        "More than {n} employees took part in the drills, which ended with a full evacuation.",
        "The award recognises the company's work on {topic}.",
        "Customers can follow the health of each system on the fleet monitoring platform.",
        "The {product} weighs {percent}% less than the model it replaces.",
        "Deliveries to {partner} will start in {city} and move on to {city2} next year.",
    ),
    "industry-news": (
        "The plan foresees {n} refuelling stations in and around {city}.",
        "The new rules set common requirements for {topic}.",
        "Operators expect approval times to fall by {percent}% once the rules apply.",
        "Analysts link the fall in prices to larger factories and more automation.",
        "Heavy {vehicles} on fixed routes remain the fastest-growing group.",
        "The price of hydrogen at the pump is still the main obstacle for most fleets.",
        "Local governments in {city} and {city2} have promised support for the first stations.",
        "The project will use electricity from wind and solar farms nearby.",
        "Industry groups took part in the consultation on the draft.",
        "Most of the new {vehicles} will be built by local manufacturers.",
        "About {n} {vehicles} in {city} already run on hydrogen.",
        "The review names {topic} as the area where most progress is still needed.",
        "Banks have become more willing to lend to projects with long-term offtake contracts.",
        "A second phase would double the capacity of the electrolysers to {n} MW.",
    ),
    "media-coverage": (
        "In its latest issue, {outlet} publishes a report from the company's plant in {city}.",
        "The reporter spent a day on the production lines and in the test centre.",
        "The company's {role} explains how the team approached {topic}.",
        "{outlet} praises the digital quality records that follow every {product}.",
        "The article also describes the training programme for new operators.",
        "Readers can find the full report in the print and online editions of {outlet}.",
        "The interview covers results from last winter's trials in {city}.",
        "According to {outlet}, {partner} now runs {n} fuel cell {vehicles}.",
        "The editors chose the plant for its use of data and its training centre.",
        "{outlet} also spoke with drivers and workshop staff at {partner}.",
        "The report compares the running costs of hydrogen and diesel {vehicles}.",
        "A video of the visit is available on the website of {outlet}.",
    ),
}
GENERAL = (
    "The company will share more details in the coming weeks.",
    "Hydrogen {vehicles} produce no exhaust other than water vapour.",
    "Refuelling takes about as long as filling a diesel tank.",
    "The systems are built to run for more than a million kilometres.",
    "Lanfeng Hydrogen employs more than two thousand people in China and Europe.",
    "The company's research centre in Baoding works on stacks, tanks and control software.",
    "Fleet customers have asked for longer service intervals and simpler maintenance.",
    "Work on {topic} continues with universities in {city} and {city2}.",
    "The results will be presented at {event} next year.",
    "Every step of the process is recorded, so that each part can be traced.",
    "Running costs depend mostly on the price of hydrogen and on how much the vehicles are used.",
    "Training for drivers and workshop staff is part of every delivery.",
    "The partners expect to cut carbon emissions by {n} thousand tonnes a year.",
    "Suppliers from {city} provide most of the parts for the {product}.",
    "Trials in {city} showed that the {vehicles} can run through the winter without problems.",
    "The project is supported by the local government of {city}.",
    "Spare parts will be held at warehouses in {city} and {city2}.",
    "Questions from customers can be sent through the Online Message form.",
)
QUOTES = (
    "Hydrogen makes the clearest sense where vehicles run long, fixed routes every day.",
    "What matters to our customers is that the trucks run every day, in every season.",
    "We test every stack under load, and the data follows it for its whole life.",
    "The question is no longer whether fuel cells work, but how fast their cost comes down.",
    "Safety is not a department here; it is part of every job on the line.",
)
HEADINGS = ("What the agreement covers", "Key figures", "Next steps", "Background",
            "What changes", "Also in the report")
POINTS = (
    "Supply of {n} units of the {product}",
    "Training for drivers and workshop staff in {city}",
    "A shared data platform for fleet energy use",
    "Joint planning of refuelling stations near {city2}",
    "Spare parts held at regional warehouses",
    "Regular reviews of {topic}",
)
SOURCES = {
    "company-news": ("Corporate Communications", "Marketing Department",
                     "Product Marketing Department", "Health, Safety and Environment Office"),
    "industry-news": ("Policy Research Office", "Industry Desk", "Market Research Team"),
}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
SEASONS = ("first quarter", "second quarter", "third quarter", "fourth quarter", "year")
# fmt: on
