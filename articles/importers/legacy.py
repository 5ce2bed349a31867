"""Reading one article out of a legacy news page saved as text (see seeds/legacy-news-page.txt).

The page starts with the site navigation and section labels, then the title, a "Font size"
control, and the body paragraphs, one per line. The date is somewhere in the text.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.utils.html import escape

# Navigation and section labels of the legacy site, compared case-insensitively.
NAVIGATION_LABELS = {
    "home",
    "online message",
    "news center",
    "news centre",
    "news",
    "company news",
    "industry news",
    "media coverage",
    "contact us",
    "about us",
    "back",
    "print",
    "share",
    "current location",
    "location",
    "english",
    "中文",
    "首页",
    "在线留言",
    "新闻中心",
    "新闻动态",
    "公司新闻",
    "行业新闻",
    "媒体报道",
    "联系我们",
    "关于我们",
    "返回",
    "打印",
    "分享",
    "当前位置",
    "您的位置",
}
# The font-size control: "Font size", "Font size: A A A", "【字号：大 中 小】".
FONT_SIZE = re.compile(r"^\W*(font\s*size\b|字号)", re.IGNORECASE)
BREADCRUMB_SEPARATORS = re.compile(r"\s*[>›»|/:：]+\s*")
LABEL_PUNCTUATION = " \t[]【】()（）<>«»·•-"
MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
    r"Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
DATE_PATTERNS = (
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b"),
    re.compile(r"\b(?P<day>\d{1,2})\s+" + _MONTH + r",?\s+(?P<year>\d{4})\b"),
    re.compile(r"(?<!\d)(?P<year>\d{4})([-./])(?P<month>\d{1,2})\2(?P<day>\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日"),
)
# A line that holds only a date, perhaps labelled: "Date: 2020-11-20", "发布时间：2020年11月20日".
DATE_LINE_LABEL = re.compile(
    r"^(date|published|release date|日期|发布时间|时间)\s*[:：]?\s*", re.IGNORECASE
)
TIME = re.compile(r"\b\d{1,2}:\d{2}(:\d{2})?\b")
DATE_LINE_PUNCTUATION = " \t,.:;|/()[]-–—，。：；（）【】"
SUMMARY_LENGTH = 200
# Not text, so never in a page: C0 control characters except tab (the line ends are stripped).
CONTROL_CHARACTER = re.compile("[\x00-\x08\x0a-\x1f]")


@dataclass
class LegacyPage:
    title: str = ""
    paragraphs: list = field(default_factory=list)
    date: datetime.date | None = None

    @property
    def body(self):
        return "\n".join(f"<p>{escape(text)}</p>" for text in self.paragraphs)

    @property
    def summary(self):
        return shorten(self.paragraphs[0]) if self.paragraphs else ""


def is_navigation(line):
    """True for a navigation label, a breadcrumb trail of labels, or the font-size control."""
    if FONT_SIZE.match(line) and len(line) <= 40:
        return True
    parts = [part.strip(LABEL_PUNCTUATION).casefold() for part in BREADCRUMB_SEPARATORS.split(line)]
    parts = [part for part in parts if part]
    return bool(parts) and all(part in NAVIGATION_LABELS for part in parts)


def find_date(text):
    """The first valid date written in `text`, or None."""
    found = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            month = match["month"]
            month = MONTHS[month[:3].lower()] if month[0].isalpha() else int(month)
            try:
                day = datetime.date(int(match["year"]), month, int(match["day"]))
            except ValueError:
                continue  # 2020-13-45 is not a date; keep looking
            found.append((match.start(), day))
            break
    return min(found)[1] if found else None


def is_date_line(line):
    """True for a line that holds a date and nothing else but a label, a time or punctuation."""
    rest = DATE_LINE_LABEL.sub("", line)
    for pattern in (*DATE_PATTERNS, TIME):
        rest = pattern.sub("", rest)
    return find_date(line) is not None and not rest.strip(DATE_LINE_PUNCTUATION)


def parse_page(lines):
    """Read a LegacyPage from the page's lines (an iterable of str, read once)."""
    page = LegacyPage()
    for raw in lines:
        line = " ".join(raw.split())  # also folds non-breaking and ideographic spaces
        if not line:
            continue
        if not page.title:
            if not is_navigation(line):
                page.title = line
                page.date = find_date(line)
            continue
        # The font-size control, and a date line between the title and the first paragraph.
        if is_navigation(line) or (not page.paragraphs and is_date_line(line)):
            page.date = page.date or find_date(line)
            continue
        page.paragraphs.append(line)
        page.date = page.date or find_date(line)
    return page


def shorten(text, limit=SUMMARY_LENGTH):
    """`text` cut to at most `limit` characters on a word boundary, with an ellipsis if cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    head, space, _ = cut.rpartition(" ")
    if space and len(head) > limit // 2:  # text without spaces (Chinese) is cut anywhere
        cut = head
    return cut.rstrip(" ,;:.-–—，、；：") + "…"


def control_character(line):
    """The first C0 control character but tab in `line`, as "U+0000", or None."""
    found = CONTROL_CHARACTER.search(line)
    return f"U+{ord(found[0]):04X}" if found else None
