"""The language of a JSON Lines record and its translation key, the story it belongs to (see
Article.translation_key): a story has one article per language.

A record without a language leaves the article's alone, or takes the one `import_news
--language` gives; a new article without either is in the site's default language.
"""

import uuid

from django.conf import settings
from django.utils.translation import gettext as _

from ..models import Article
from .jsonl import RecordError


def language_code(value):
    """The code of the site's language that `value` names, in any case, or None."""
    if not isinstance(value, str):
        return None
    code = value.strip().lower().replace("_", "-")
    return code if code in dict(settings.LANGUAGES) else None


def language_codes():
    return ", ".join(code for code, _name in settings.LANGUAGES)


def parse_languages(record, parsed, default_language=None):
    """Add the record's language (else `default_language`) and translation key to `parsed`."""
    value = record.get("language")
    if value is not None and value != "":
        code = language_code(value)
        if code is None:
            raise RecordError(
                _("language must be one of %(choices)s, not %(value)s.")
                % {"choices": language_codes(), "value": repr(value)[:60]}
            )
        parsed.fields["language"] = code
    elif default_language:
        parsed.fields["language"] = default_language
    value = record.get("translation_key")
    if value is not None and value != "":
        try:
            if not isinstance(value, str):
                raise ValueError
            parsed.fields["translation_key"] = uuid.UUID(value.strip())
        except ValueError:
            raise RecordError(
                _("translation_key is not a valid UUID: %(value)s.") % {"value": repr(value)[:60]}
            ) from None


def check_translation(article, fields):
    """Refuse `fields` if they give `article` (None: a new one) the language of a story that
    another article of the story already has."""
    if "language" not in fields and "translation_key" not in fields:
        return
    if article is None:
        key = fields.get("translation_key")  # none: the new article starts a story
        language = fields.get("language", settings.LANGUAGE_CODE)
    else:
        key = fields.get("translation_key", article.translation_key)
        language = fields.get("language", article.language)
        if (key, language) == (article.translation_key, article.language):
            return
    if key is None:
        return
    others = Article.objects.filter(translation_key=key, language=language)
    if article is not None:
        others = others.exclude(pk=article.pk)
    other = others.only("id", "title").first()
    if other is not None:
        raise RecordError(
            _(
                "the story with translation_key %(key)s already has an article in %(language)s, "
                "%(title)r; a story has one article per language."
            )
            % {"key": key, "language": language, "title": other.title}
        )
