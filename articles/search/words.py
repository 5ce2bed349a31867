"""The words of a search query, as every engine reads them, and CJK text as the indexes hold it.

Neither FTS5's unicode61 nor PostgreSQL's parser splits Chinese into words, so the index holds
each run of CJK characters as its overlapping pairs ("燃料电池": "燃料 料电 电池"), and a CJK
word of the query is the phrase of its pairs: a substring match, in the index.
"""

import re

ALPHANUMERIC_RUN = re.compile(r"[^\W_]+")
CJK_CHARACTERS = (
    "\u1100-\u11ff\u2e80-\u2fdf\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f"
)
CJK = re.compile(f"[{CJK_CHARACTERS}]")
CJK_RUN = re.compile(f"[{CJK_CHARACTERS}]+")
CJK_SPLIT = re.compile(f"([{CJK_CHARACTERS}]+)")
MAX_WORDS = 32
MIN_PREFIX_LENGTH = 3  # shorter prefixes match too many words to be useful or quick


def query_words(query):
    """The distinct words of `query` that hold a letter or digit, in order, at most MAX_WORDS.

    A word is split into its CJK runs and what lies between them ("HX-150燃料电池": "HX-150",
    "燃料电池"), as the index holds them."""
    words = []
    for word in (query or "").replace("\x00", "").split():
        words += CJK_SPLIT.split(word)
    return [word for word in dict.fromkeys(words) if ALPHANUMERIC_RUN.search(word)][:MAX_WORDS]


def pairs(run):
    """The overlapping character pairs of a run of CJK characters; a single one stays alone."""
    return [run[n : n + 2] for n in range(len(run) - 1)] or [run]


def index_text(text):
    """`text` as the indexes read it, each CJK run as its pairs; None when that is `text`."""
    if not text or not CJK.search(text):
        return None
    return CJK_RUN.sub(lambda run: " {} ".format(" ".join(pairs(run.group()))), text)


def is_cjk(word):
    return bool(CJK.match(word))


def last_is_prefix(words):
    """Whether the last word also matches the longer words it begins ("hydro": "hydrogen").

    A CJK word matches anywhere in a run already, as its pairs."""
    return len(words[-1]) >= MIN_PREFIX_LENGTH and not is_cjk(words[-1])
