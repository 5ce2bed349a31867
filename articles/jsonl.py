"""The JSON Lines record format of `export_news` and `import_news`: one article per line."""

import json
from datetime import datetime

from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.validators import validate_unicode_slug
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Article, Category

FIELDS = (
    "title",
    "slug",
    "category",
    "category_name",
    "summary",
    "body",
    "source",
    "status",
    "publish_at",
    "pinned",
    "cover",
    "cover_alt",
)
NON_TEXT_FIELDS = ("status", "publish_at", "pinned")
TEXT_FIELDS = tuple(name for name in FIELDS if name not in NON_TEXT_FIELDS)
# The model field behind each bounded text field of a record, for its longest allowed value.
BOUNDED_FIELDS = {
    "title": (Article, "title"),
    "slug": (Article, "slug"),
    "category": (Category, "slug"),
    "category_name": (Category, "name"),
    "summary": (Article, "summary"),
    "source": (Article, "source"),
    "cover": (Article, "cover"),
    "cover_alt": (Article, "cover_alt"),
}
MAX_LENGTHS = {
    name: model._meta.get_field(field).max_length for name, (model, field) in BOUNDED_FIELDS.items()
}


class RecordError(ValueError):
    """A record that cannot be imported; the message says which field and why."""


def article_to_record(article):
    """The exported form of `article`; its category must be loaded (select_related)."""
    return {
        "title": article.title,
        "slug": article.slug,
        "category": article.category.slug,
        "category_name": article.category.name,
        "summary": article.summary,
        "body": article.body,
        "source": article.source,
        "status": article.status,
        "publish_at": timezone.localtime(article.publish_at).isoformat(),
        "pinned": article.pinned,
        "cover": article.cover.name or "",
        "cover_alt": article.cover_alt,
    }


def dump_record(record):
    return json.dumps(record, ensure_ascii=False) + "\n"


def parse_line(text):
    """The record on one line of JSON, or RecordError."""
    try:
        record = json.loads(text)
    except json.JSONDecodeError as error:
        raise RecordError(
            _("this is not valid JSON (%(problem)s at column %(column)d).")
            % {"problem": error.msg, "column": error.colno}
        ) from None
    if not isinstance(record, dict):
        raise RecordError(_("a record must be a JSON object ({...})."))
    return record


def _shown(value):
    """A value quoted for an error message, cut short so one bad field cannot flood the terminal."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def parse_publish_at(value):
    if not isinstance(value, str):
        raise ValueError
    moment = datetime.fromisoformat(value.strip())
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def record_to_fields(record, storage, default_category=""):
    """Validate `record`; return (category slug, category name, article fields).

    The article fields hold only what the record sets, so an update keeps the rest. A cover is
    kept only when its file exists in `storage`; otherwise the article gets no cover.
    """
    for name in TEXT_FIELDS:
        value = record.get(name, "")
        if value is None:
            record[name] = ""
        elif not isinstance(value, str):
            raise RecordError(_("%(field)s must be a string.") % {"field": name})
        elif len(value) > MAX_LENGTHS.get(name, len(value)):
            raise RecordError(
                _("%(field)s is longer than %(limit)d characters.")
                % {"field": name, "limit": MAX_LENGTHS[name]}
            )
    title = record.get("title", "").strip()
    if not title:
        raise RecordError(_("title is missing or empty."))
    if not (record.get("body", "").strip() or record.get("summary", "").strip()):
        raise RecordError(_("body and summary are both empty; give at least one."))
    category = record.get("category", "").strip() or default_category
    if not category:
        raise RecordError(_("category is missing; give the category slug."))
    for field, slug in (("category", category), ("slug", record.get("slug", ""))):
        if slug:
            try:
                validate_unicode_slug(slug)
            except ValidationError:
                raise RecordError(
                    _("%(field)s is not a valid slug: %(value)s.")
                    % {"field": field, "value": _shown(slug)}
                ) from None

    fields = {"title": title}
    for name in ("slug", "summary", "body", "source", "cover_alt"):
        if name in record:
            fields[name] = record[name]
    if not fields.get("slug"):
        fields.pop("slug", None)  # the model fills it from the title on create

    status = record.get("status", Article.Status.PUBLISHED)
    if status not in Article.Status.values:
        raise RecordError(
            _("status must be one of %(choices)s, not %(value)s.")
            % {"choices": ", ".join(Article.Status.values), "value": _shown(status)}
        )
    fields["status"] = status

    if "publish_at" in record:
        try:
            fields["publish_at"] = parse_publish_at(record["publish_at"])
        except ValueError:
            raise RecordError(
                _("publish_at is not an ISO 8601 date: %(value)s.")
                % {"value": _shown(record["publish_at"])}
            ) from None

    if "pinned" in record:
        if not isinstance(record["pinned"], bool):
            raise RecordError(
                _("pinned must be true or false, not %(value)s.")
                % {"value": _shown(record["pinned"])}
            )
        fields["pinned"] = record["pinned"]

    if "cover" in record:
        fields["cover"] = record["cover"] if _stored(storage, record["cover"]) else ""

    return category, record.get("category_name", "").strip(), fields


def _stored(storage, name):
    if not name:
        return False
    try:
        return storage.exists(name)
    except SuspiciousFileOperation:
        raise RecordError(
            _("cover must name a file inside the media folder, not %(value)s.")
            % {"value": _shown(name)}
        ) from None
