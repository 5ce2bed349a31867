"""Media Coverage of the demo site: what the press wrote about the company."""

from .html import body, h2, p, quote, ul

# Laid out by hand so the prose wraps like prose.
# fmt: off
ARTICLES = [
    {
        "key": "energy-weekly",
        "title": "Energy Weekly: Inside the Factory Building Fuel Cell Stacks at Scale",
        "category": "media-coverage",
        "age": 95,
        "motif": "flow",
        "cover_alt": "Light diagonal bands over a blue gradient, suggesting a production line",
        "source": "Energy Weekly",
        "tags": ["Manufacturing", "Interviews"],
        "summary": (
            "Energy Weekly visited our Baoding plant and reports on how automation and testing "
            "keep every stack within tight tolerances."
        ),
        "body": body(
            p("In its latest issue, Energy Weekly publishes a four-page report from Lanfeng "
              "Hydrogen's Baoding manufacturing base, following a fuel cell stack from the first "
              "bipolar plate to the final load test."),
            p("The reporter spent a day on the two stack lines and in the test centre, and spoke "
              "with operators, quality engineers and the head of manufacturing."),
            quote("What is striking is how little of the process is left to chance: every plate "
                  "is photographed, every stack is tested under load, and the data follows each "
                  "stack for its whole life."),
            p("The report also describes the company's training programme, in which new operators "
              "spend six weeks on a practice line before they work on the production lines."),
            p("The full article is available in the print and online editions of Energy Weekly."),
        ),
    },
    {
        "key": "clean-tech-review",
        "title": "Clean Tech Review Interviews Our Chief Engineer on Cold-Start Performance",
        "category": "media-coverage",
        "age": 250,
        "motif": "rings",
        "cover_alt": "White concentric rings on a dark blue gradient",
        "source": "Clean Tech Review",
        "tags": ["Interviews", "Cold start"],
        "summary": (
            "Why do fuel cells struggle in the cold, and how does a truck start at −30 °C? Our "
            "chief engineer explains in an interview with Clean Tech Review."
        ),
        "body": body(
            p("Clean Tech Review's winter issue carries an interview with Lanfeng Hydrogen's chief "
              "engineer about one of the hardest problems in fuel cell vehicles: starting them "
              "in deep cold."),
            p("A fuel cell makes water as it runs. Below freezing, that water can turn to ice "
              "inside the stack before the stack has warmed up, blocking the gas channels and "
              "damaging the membrane."),
            quote("The trick is to make heat faster than the water can freeze. We run the stack "
                  "deliberately inefficiently for the first minute, so that it warms itself up."),
            h2("Also in the interview"),
            ul("How the control software manages the first 60 seconds after a cold start",
               "Why purging the stack when the vehicle stops matters as much as the start",
               "Results from last winter's trials in Inner Mongolia"),
        ),
    },
    {
        "key": "industry-observer",
        "title": "Lanfeng Hydrogen Named in Industry Observer's Factories of the Future List",
        "category": "media-coverage",
        "age": 2350,
        "motif": "molecules",
        "cover_alt": "Blue illustration of hydrogen molecules drawn as joined white circles",
        "source": "Industry Observer",
        "tags": ["Manufacturing", "Awards"],
        "summary": (
            "The business magazine Industry Observer lists Lanfeng Hydrogen's Baoding plant among "
            "ten factories that show where manufacturing is heading."
        ),
        "body": body(
            p("Industry Observer has named Lanfeng Hydrogen's Baoding plant in its annual list of "
              "ten Factories of the Future, chosen by the magazine's editors and an advisory panel "
              "of engineers and economists."),
            p("The magazine praises the plant's digital quality records, which follow every stack "
              "from its parts to the vehicle it powers, and its energy use: a quarter of the "
              "plant's electricity comes from solar panels on its own roofs."),
            p("The editors also note the plant's training centre, which is open to students from "
              "two local vocational colleges."),
            p("The list and the accompanying portraits of all ten factories appear in the "
              "magazine's December issue."),
        ),
    },
]
# fmt: on
