"""What the compare page shows of two revisions of an article: texts compared word by word, and
the category and tags by name. Every diff is escaped HTML."""

import re

from diff_match_patch import diff_match_patch
from django.utils.safestring import mark_safe
from reversion.errors import RevertError
from reversion.models import Version
from reversion_compare.helpers import diff_match_patch_pretty_html
from taggit.models import Tag

from ..models import Article, Category, TaggedArticle

# A word, or any other single character: Chinese and Japanese have no spaces between words, so
# each of their characters counts as one.
WORD = re.compile(r"(?:(?![\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff])\w)+|.", re.DOTALL)


def word_diff(old, new):
    """The changes from text `old` to `new` as whole words struck out and inserted."""
    words, codes = [], {}

    def encode(text):
        # diff-match-patch compares characters: each distinct word stands as one.
        encoded = []
        for word in WORD.findall(text):
            if word not in codes:
                codes[word] = chr(len(words))
                words.append(word)
            encoded.append(codes[word])
        return "".join(encoded)

    dmp = diff_match_patch()
    diffs = dmp.diff_main(encode(old), encode(new), checklines=False)
    dmp.diff_cleanupSemantic(diffs)  # encoded still, so that no word is split
    diffs = [(op, "".join(words[ord(code)] for code in data)) for op, data in diffs]
    return mark_safe(diff_match_patch_pretty_html(diffs))  # it escapes the texts


def related_rows(version1, version2):
    """Compare-page rows for the category and the tags, when they changed."""
    rows = []
    for name, read in (("category", category_name), ("tags", tag_names)):
        old, new = read(version1), read(version2)
        if old != new:
            field = Article._meta.get_field(name)
            rows.append({"field": field, "is_related": False, "diff": word_diff(old, new)})
    return rows


def category_name(version):
    pk = readable(version).get("category_id")
    return Category.objects.filter(pk=pk).values_list("name", flat=True).first() or ""


def tag_names(version):
    """The article's tags in `version`, by name, sorted, comma-separated."""
    tagged = Version.objects.get_for_model(TaggedArticle).filter(revision_id=version.revision_id)
    tag_ids = [
        fields.get("tag_id")
        for fields in map(readable, tagged)
        if str(fields.get("content_object_id")) == version.object_id
    ]
    return ", ".join(sorted(Tag.objects.filter(pk__in=tag_ids).values_list("name", flat=True)))


def readable(version):
    """The version's fields, or none if its data no longer loads."""
    try:
        return version.field_dict
    except RevertError:
        return {}
