"""The words of a search query, as every engine reads them."""

import re

ALPHANUMERIC_RUN = re.compile(r"[^\W_]+")
CJK = re.compile(
    "[\u1100-\u11ff\u2e80-\u2fdf\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f]"
)
MAX_WORDS = 32
MIN_PREFIX_LENGTH = 3  # shorter prefixes match too many words to be useful or quick


def query_words(query):
    """The distinct words of `query` that hold a letter or digit, in order, at most MAX_WORDS."""
    words = dict.fromkeys((query or "").replace("\x00", "").split())
    return [word for word in words if ALPHANUMERIC_RUN.search(word)][:MAX_WORDS]


def last_is_prefix(words):
    """Whether the last word also matches the longer words it begins ("hydro": "hydrogen")."""
    return len(words[-1]) >= MIN_PREFIX_LENGTH
