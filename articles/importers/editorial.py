"""The editorial fields of a JSON Lines record (jsonl.EDITORIAL_FIELDS): the article's tags, the
old paths that redirect to it, its SEO texts, and its first-published and last-updated dates.

A record without `tags` or `legacy_paths` leaves those alone. Given tags replace the article's
tags; given legacy paths are added to its old paths and never remove one, so no old link breaks.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from taggit.models import Tag

from ..models import Redirect
from ..models.redirect import old_path_of
from .jsonl import (
    EDITORIAL_DATES,
    NOT_TEXT,
    RecordError,
    article_to_record,
    local_isoformat,
    parse_publish_at,
)

MAX_ITEMS = 100  # tags, or legacy paths, in one record: one article never needs more
TAG_LENGTH = Tag._meta.get_field("name").max_length
PATH_LENGTH = Redirect._meta.get_field("old_path").max_length


def export_record(article):
    """The record of `article`, whose category is loaded and tags and redirects prefetched."""
    record = article_to_record(article)
    record["tags"] = sorted(tag.name for tag in article.tags.all())
    record["legacy_paths"] = sorted(redirect.old_path for redirect in article.redirects.all())
    record["seo_title"] = article.seo_title or ""
    record["seo_description"] = article.seo_description or ""
    for name in EDITORIAL_DATES:
        moment = getattr(article, name)
        record[name] = local_isoformat(moment) if moment else None
    return record


def parse_editorial(record, parsed):
    """Add what `record` gives of the editorial fields to `parsed` (a jsonl.ParsedRecord).

    The SEO texts were checked with the other texts (jsonl.record_to_fields); empty is unset.
    """
    for name in ("seo_title", "seo_description"):
        if name in record:
            parsed.fields[name] = record[name].strip() or None
    for name in EDITORIAL_DATES:
        if name in record:
            value = record[name]
            parsed.fields[name] = parse_publish_at(value, name) if value else None
    if "tags" in record:
        parsed.tags = texts(record["tags"], "tags", TAG_LENGTH)
    if "legacy_paths" in record:
        parsed.legacy_paths = [
            legacy_path(path) for path in texts(record["legacy_paths"], "legacy_paths", PATH_LENGTH)
        ]


def texts(value, name, max_length):
    """The distinct non-empty strings of the list `value` (null is an empty list)."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise RecordError(_("%(field)s must be a list of strings.") % {"field": name})
    items = list(dict.fromkeys(item.strip() for item in value if item.strip()))
    if len(items) > MAX_ITEMS:
        raise RecordError(
            _("%(field)s has %(count)d items; an article may have at most %(limit)d.")
            % {"field": name, "count": len(items), "limit": MAX_ITEMS}
        )
    for item in items:
        if len(item) > max_length:
            raise RecordError(
                _("%(field)s has an item longer than %(limit)d characters.")
                % {"field": name, "limit": max_length}
            )
        if found := NOT_TEXT.search(item):
            raise RecordError(
                _("%(field)s contains the character %(code)s, which is not text; remove it.")
                % {"field": name, "code": f"U+{ord(found[0]):04X}"}
            )
    return items


def legacy_path(value):
    try:
        return old_path_of(value)
    except ValidationError as error:
        raise RecordError(
            _("legacy_paths has %(value)r: %(problem)s")
            % {"value": value[:60], "problem": " ".join(error.messages)}
        ) from None


def set_tags(article, names):
    """Give `article` exactly the tags `names`; whether that changed them."""
    if sorted(article.tags.names()) == sorted(names):
        return False
    article.tags.set(names)
    return True


def record_old_paths(article, paths):
    """Record `paths` as old addresses of `article`; how many were new.

    A path that already leads elsewhere is refused, not taken: it may be another article's.
    """
    if not paths:
        return 0
    recorded = Redirect.objects.filter(old_path__in=paths).select_related("article")
    recorded = {redirect.old_path: redirect for redirect in recorded}
    for path in paths:
        other = recorded.get(path)
        if other is not None and other.article_id != article.pk:
            raise RecordError(
                _(
                    "the legacy path %(path)s already leads to %(other)s; it was left there. "
                    "Remove it in the admin (Redirects) first if it should lead here."
                )
                % {
                    "path": path,
                    "other": repr(other.article.title) if other.article else other.target,
                }
            )
    new = [Redirect(old_path=path, article=article) for path in paths if path not in recorded]
    Redirect.objects.bulk_create(new)
    return len(new)
