"""The JSON Lines record format of `export_news` and `import_news`: one article per line."""

import json
import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.validators import validate_unicode_slug
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Article, Category

# Read and written by editorial.py: lists, texts that may be unset, dates that may be null.
EDITORIAL_LISTS = ("tags", "legacy_paths")
EDITORIAL_DATES = ("first_published_at", "updated_significantly_at")
EDITORIAL_FIELDS = (*EDITORIAL_LISTS, "seo_title", "seo_description", *EDITORIAL_DATES)
# Read and written by languages.py: the language and the story.
LANGUAGE_FIELDS = ("language", "translation_key")
FIELDS = (
    "uuid",
    *LANGUAGE_FIELDS,
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
    *EDITORIAL_FIELDS,
)
NON_TEXT_FIELDS = (
    "uuid",
    *LANGUAGE_FIELDS,
    "status",
    "publish_at",
    "pinned",
    *EDITORIAL_DATES,
    *EDITORIAL_LISTS,
)
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
    "seo_title": (Article, "seo_title"),
    "seo_description": (Article, "seo_description"),
}
MAX_LENGTHS = {
    name: model._meta.get_field(field).max_length for name, (model, field) in BOUNDED_FIELDS.items()
}
# Characters that are not text: NUL (PostgreSQL refuses it, and it would reach the pages) and
# a lone UTF-16 surrogate, which JSON can escape ("\ud800") but UTF-8 cannot encode.
NOT_TEXT = re.compile("[\x00\ud800-\udfff]")


class RecordError(ValueError):
    """A record that cannot be imported; the message says which field and why."""


@dataclass
class ParsedRecord:
    """A valid record: the uuid that names its article, its category, and the fields it sets."""

    key: uuid.UUID | None
    category: str  # a category slug; "" when the record gives none
    category_name: str
    fields: dict = field(default_factory=dict)
    tags: list | None = None  # None: the record leaves the article's tags alone
    legacy_paths: list | None = None  # likewise, its recorded old paths


def article_to_record(article):
    """The exported form of `article`; its category must be loaded (select_related)."""
    return {
        "uuid": str(article.uuid) if article.uuid else None,
        "language": article.language,
        "translation_key": str(article.translation_key) if article.translation_key else None,
        "title": article.title,
        "slug": article.slug,
        "category": article.category.slug,
        "category_name": article.category.name,
        "summary": article.summary,
        "body": article.body,
        "source": article.source,
        "status": article.status,
        "publish_at": local_isoformat(article.publish_at),
        "pinned": article.pinned,
        "cover": article.cover.name or "",
        "cover_alt": article.cover_alt,
    }


def local_isoformat(moment):
    """`moment` in the site's time zone, or as stored (UTC) if that would pass year 9999.

    Publish dates are bounded now, but a database may hold one saved before they were.
    """
    try:
        return timezone.localtime(moment).isoformat()
    except OverflowError:
        return moment.isoformat()


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


def is_text(value):
    """True if `value` holds no character that cannot be stored (see NOT_TEXT)."""
    return not NOT_TEXT.search(value)


def parse_uuid(value):
    """The UUID a record gives, or None when it gives none."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise RecordError(_("uuid must be a string, not %(value)s.") % {"value": _shown(value)})
    try:
        return uuid.UUID(value.strip())
    except ValueError:
        raise RecordError(
            _("uuid is not a valid UUID: %(value)s.") % {"value": _shown(value)}
        ) from None


def parse_publish_at(value, name="publish_at"):
    """An aware datetime in the range that Article allows for `name`, or RecordError."""
    try:
        if not isinstance(value, str):
            raise ValueError
        moment = datetime.fromisoformat(value.strip())
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
    except (ValueError, OverflowError):
        raise RecordError(
            _("%(field)s is not an ISO 8601 date: %(value)s.")
            % {"field": name, "value": _shown(value)}
        ) from None
    try:
        Article._meta.get_field("publish_at").run_validators(moment)
    except ValidationError as error:
        raise RecordError(
            _("%(field)s %(value)s is out of range. %(problem)s")
            % {"field": name, "value": _shown(value), "problem": " ".join(error.messages)}
        ) from None
    return moment


def record_to_fields(record, storage):
    """Validate `record`; return a ParsedRecord holding only the article fields it sets.

    So an update changes only those. What a new article needs besides (a text, a category) is
    checked by `check_new`. A cover is kept only when its file exists in `storage`; otherwise
    the article gets no cover.
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
        elif found := NOT_TEXT.search(value):
            raise RecordError(
                _("%(field)s contains the character %(code)s, which is not text; remove it.")
                % {"field": name, "code": f"U+{ord(found[0]):04X}"}
            )
    key = parse_uuid(record.get("uuid"))
    fields = {}
    if "title" in record or key is None:
        fields["title"] = record.get("title", "").strip()
        if not fields["title"]:
            raise RecordError(
                _("title is missing or empty.")
                if key is None or "title" not in record
                else _("title is empty.")
            )
    category = record.get("category", "").strip()
    for name, slug in (("category", category), ("slug", record.get("slug", ""))):
        if slug:
            try:
                validate_unicode_slug(slug)
            except ValidationError:
                raise RecordError(
                    _("%(field)s is not a valid slug: %(value)s.")
                    % {"field": name, "value": _shown(slug)}
                ) from None

    for name in ("slug", "summary", "body", "source", "cover_alt"):
        if name in record:
            fields[name] = record[name]
    if not fields.get("slug"):
        fields.pop("slug", None)  # the model fills it from the title on create

    if "status" in record:
        status = record["status"]
        if status not in Article.Status.values:
            raise RecordError(
                _("status must be one of %(choices)s, not %(value)s.")
                % {"choices": ", ".join(Article.Status.values), "value": _shown(status)}
            )
        fields["status"] = status

    if "publish_at" in record:
        fields["publish_at"] = parse_publish_at(record["publish_at"])

    if "pinned" in record:
        if not isinstance(record["pinned"], bool):
            raise RecordError(
                _("pinned must be true or false, not %(value)s.")
                % {"value": _shown(record["pinned"])}
            )
        fields["pinned"] = record["pinned"]

    if "cover" in record:
        fields["cover"] = record["cover"] if _stored(storage, record["cover"]) else ""

    return ParsedRecord(key, category, record.get("category_name", "").strip(), fields)


def check_new(parsed, default_category=""):
    """Refuse a record that cannot make a new article; return the new article's category slug.

    A record without a status makes a published article, as export_news always writes one.
    """
    if "title" not in parsed.fields:
        raise RecordError(
            _("there is no article with uuid %(uuid)s, and the record has no title to create it.")
            % {"uuid": parsed.key}
        )
    check_text(parsed.fields.get("body", ""), parsed.fields.get("summary", ""))
    category = parsed.category or default_category
    if not category:
        raise RecordError(_("category is missing; give the category slug."))
    parsed.fields.setdefault("status", Article.Status.PUBLISHED)
    if parsed.key is not None:
        parsed.fields["uuid"] = parsed.key  # so that importing the file again updates it
    return category


def check_text(body, summary):
    if not (body.strip() or summary.strip()):
        raise RecordError(_("body and summary are both empty; give at least one."))


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
