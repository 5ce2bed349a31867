"""Find markup built from hostile payloads in pages, feeds, CSV exports and emails.

A payload is recognised by its marker (tests/hostile_payloads.py), so the site's own scripts and
links are allowed while anything a payload managed to turn into live markup is reported.
"""

import csv
import email
import html
import io
import re
import unicodedata
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

from .hostile_payloads import MARKERS

MARKER_PATTERN = re.compile(r"xss\d{3}")

# Elements that run, embed or restyle content, or redirect the page's URLs.
ACTIVE_ELEMENTS = {
    "script",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "link",
    "style",
    "portal",
}
# Attributes a browser follows as a URL; the last four are SVG animation values.
URL_ATTRIBUTES = {
    "href",
    "src",
    "srcset",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "lowsrc",
    "dynsrc",
    "codebase",
    "ping",
    "manifest",
    "values",
    "to",
    "from",
    "by",
}
# Attributes holding a list of URLs or values: each item is checked.
LIST_ATTRIBUTES = {"srcset", "values"}
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")
# Data blocks: inert unless their content can close the element (json_script escapes "<").
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}
# A <link> that only names another page of the site (its slug may come from a title) is inert.
NAVIGATION_RELS = {"canonical", "alternate", "prev", "next"}
SITE_ORIGIN = "http://testserver"
CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", re.DOTALL)
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
# A spreadsheet runs a cell starting with one of these as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
ALLOWED_EMAIL_HEADERS = {
    "content-type",
    "mime-version",
    "content-transfer-encoding",
    "subject",
    "from",
    "to",
    "reply-to",
    "date",
    "message-id",
}


def markers_in(text, markers=MARKERS):
    return sorted(set(MARKER_PATTERN.findall(text)).intersection(markers))


def _without_controls(value):
    """What a browser's URL parser keeps: it drops ASCII tabs and newlines anywhere, and
    control characters and spaces at the ends; be stricter and drop them everywhere."""
    return "".join(
        char for char in value if not (char.isspace() or unicodedata.category(char) == "Cc")
    )


def is_dangerous_url(value, is_list=False):
    """True for a javascript:, vbscript: or data: URL, however it is spelled."""
    decoded = value
    for _ in range(3):  # Entities in entities: be stricter than a browser.
        decoded = html.unescape(decoded)
    items = [decoded, *re.split(r"[;,]", decoded)] if is_list else [decoded]
    return any(_without_controls(item).lower().startswith(DANGEROUS_SCHEMES) for item in items)


def _css_unescape(match):
    if match.group(1):
        return chr(int(match.group(1), 16)) if int(match.group(1), 16) < 0x110000 else ""
    return match.group(2)


def is_dangerous_style(value):
    """True if a style attribute can fetch or run something: url(), expression(), @import."""
    css = CSS_ESCAPE.sub(_css_unescape, CSS_COMMENT.sub("", html.unescape(value)))
    css = _without_controls(css).lower()
    return any(token in css for token in ("url(", "expression(", "@import", "javascript:"))


class ExecutableMarkupFinder(HTMLParser):
    """Walk a document and collect every place where a payload became live markup."""

    def __init__(self, markers=MARKERS):
        super().__init__(convert_charrefs=True)
        self.markers = markers
        self.findings = []
        self._raw_element = None  # (tag, start tag, is data) while inside <script> or <style>
        self._raw_text = []

    def report(self, reason, excerpt):
        self.findings.append(f"{reason}: {excerpt[:300]!r}")

    def handle_starttag(self, tag, attrs):
        self._check_element(tag, attrs)
        if tag in self.CDATA_CONTENT_ELEMENTS:
            is_data = tag == "script" and dict(attrs).get("type") in DATA_SCRIPT_TYPES
            self._raw_element = (tag, self.get_starttag_text() or "", is_data)
            self._raw_text = []

    def handle_startendtag(self, tag, attrs):
        self._check_element(tag, attrs)

    def handle_data(self, data):
        if self._raw_element:
            self._raw_text.append(data)

    def handle_endtag(self, tag):
        if self._raw_element and tag == self._raw_element[0]:
            self._check_raw_text()

    def close(self):
        super().close()
        if self._raw_element:  # Never closed: it swallows the rest of the document.
            self._raw_text.append(self.rawdata)
            self._check_raw_text()

    def _check_raw_text(self):
        content = "".join(self._raw_text)
        tag, start, is_data = self._raw_element
        if markers_in(content, self.markers) and not (is_data and "<" not in content):
            self.report(f"<{tag}> with payload content", start + content)
        self._raw_element = None

    def _check_element(self, tag, attrs):
        source = self.get_starttag_text() or f"<{tag}>"
        values = " ".join(f"{name}={value or ''}" for name, value in attrs)
        marked = markers_in(source + " " + values, self.markers)
        active = tag in ACTIVE_ELEMENTS and not is_own_page_link(tag, attrs)
        if marked and (active or (tag == "meta" and any(n == "http-equiv" for n, _ in attrs))):
            self.report(f"<{tag}> built from a payload", source)
        if marked and "<" in source[1:]:
            # A raw "<" inside a tag means an attribute went out unescaped (mutation XSS).
            self.report("unescaped '<' in a tag holding a payload", source)
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.report(f"event handler attribute {name}", source)
            elif name == "srcdoc":
                self.report("srcdoc attribute", source)
            elif name in URL_ATTRIBUTES and is_dangerous_url(value, name in LIST_ATTRIBUTES):
                self.report(f"dangerous URL in {name}", source)
            elif name == "style" and is_dangerous_style(value):
                self.report("style that loads or runs something", source)


def is_own_page_link(tag, attrs):
    attrs = dict(attrs)
    href = attrs.get("href") or ""
    own = (href.startswith("/") and not href.startswith("//")) or href.startswith(SITE_ORIGIN + "/")
    return tag == "link" and attrs.get("rel") in NAVIGATION_RELS and own


def find_executable_markup(document, markers=MARKERS):
    finder = ExecutableMarkupFinder(markers)
    finder.feed(document)
    finder.close()
    return finder.findings


class _LinkCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.append(dict(attrs))


def links(document, rel):
    """The hrefs of the document's <a rel=`rel`> links, as a browser reads them."""
    collector = _LinkCollector()
    collector.feed(document)
    return [attrs.get("href") or "" for attrs in collector.links if attrs.get("rel") == rel]


def content_of(response):
    return response.content.decode(response.charset or "utf-8")


# --- Feeds ------------------------------------------------------------------------------------

ATOM = "{http://www.w3.org/2005/Atom}"


def _local(name):
    return name.rsplit("}", 1)[-1]


def find_feed_problems(content, origin, markers=MARKERS):
    """What is wrong with an RSS or Atom feed, a sitemap too: it must parse, payloads stay
    text, links lead to the site, and text that the feed declares HTML holds no live markup
    (RSS descriptions and Atom type="html" text are HTML to a feed reader)."""
    try:
        root = ET.fromstring(content)
    except ET.ParseError as error:
        return [f"not well-formed XML: {error}"]
    problems = []
    own = origin.rstrip("/") + "/"
    for element in root.iter():
        tag = _local(element.tag)
        if markers_in(element.tag, markers) or tag in ACTIVE_ELEMENTS - {"link"}:
            problems.append(f"element <{element.tag}> built from a payload")
        for name, value in element.attrib.items():
            if markers_in(name, markers):
                problems.append(f"attribute {name!r} built from a payload")
            if _local(name) in URL_ATTRIBUTES and not value.startswith(own):
                problems.append(f"<{tag} {name}={value!r}> does not lead to the site")
        is_html = tag == "description" or element.get("type") in ("html", "xhtml")
        if is_html and element.text:
            problems += [f"<{tag}> {finding}" for finding in find_executable_markup(element.text)]
        text = (element.text or "").strip()
        if tag in ("link", "guid", "loc") and text and not text.startswith(own):
            problems.append(f"<{tag}>{element.text!r} does not lead to the site")
        if element.tag == f"{ATOM}id" and not (element.text or "").startswith(own):
            problems.append(f"<id>{element.text!r} is not the site's own address")
    return problems


# --- CSV --------------------------------------------------------------------------------------


def csv_rows(content):
    text = content.decode("utf-8-sig") if isinstance(content, bytes) else content
    return list(csv.reader(io.StringIO(text, newline="")))


def find_csv_problems(content):
    """Cells a spreadsheet would run as a formula: each must start with a quote instead."""
    return [
        f"row {number}, column {column}: {cell[:80]!r}"
        for number, row in enumerate(csv_rows(content), start=1)
        for column, cell in enumerate(row, start=1)
        if cell.startswith(FORMULA_TRIGGERS)
    ]


# --- Email ------------------------------------------------------------------------------------


def find_email_problems(message, recipients):
    """A plain-text email to `recipients` only, one-line subject, no smuggled headers."""
    problems = []
    if "\n" in message.subject or "\r" in message.subject:
        problems.append(f"multi-line subject {message.subject!r}")
    if sorted(message.recipients()) != sorted(recipients):
        problems.append(f"recipients {message.recipients()!r}, expected {recipients!r}")
    if getattr(message, "alternatives", None) or message.attachments:
        problems.append("an HTML alternative or attachment")
    # What goes on the wire, parsed back as a mail server would parse it.
    wire = email.message_from_bytes(message.message().as_bytes())
    if wire.get_content_type() != "text/plain" or wire.is_multipart():
        problems.append(f"content type {wire.get_content_type()}")
    extra = {name.lower() for name in wire} - ALLOWED_EMAIL_HEADERS
    if extra:
        problems.append(f"unexpected headers {sorted(extra)}")
    return problems
