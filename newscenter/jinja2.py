"""The Jinja2 environment of the public pages (Django's Jinja2 backend; the admin keeps Django's).

Translatable text is written `{{ _("Text") }}`, or `{{ _("Text %(name)s")|format(name=…) }}`:
the forms that `makemessages` reads in templates. It cannot read plurals there, so the few
plural sentences are made in Python (below, or in the view).
"""

import functools
import json
import unicodedata
from datetime import date as Date
from datetime import datetime

import jinja2
import markupsafe
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import Truncator, add_truncation_text, calculate_truncate_chars_length
from django.utils.translation import get_language, gettext, ngettext, pgettext
from jinja2 import Environment

from articles.addresses import fixed_address
from newscenter.locale import language_links, language_tag


def environment(**options):
    env = Environment(**options)
    env.template_class = Template
    env.globals.update(
        _=translate,
        gettext=translate,
        get_current_language=get_language,
        language_links=language_links,
        language_tag=language_tag,
        now=timezone.now,
        search_summary=search_summary,
        static=static_url,
        url=url,
    )
    env.filters.update(date=date, json_ld=json_ld, truncatechars=truncatechars)
    return env


class Template(jinja2.Template):
    """Pages with escaped quotes written as Django writes them, &#x27; and &quot;, where
    markupsafe writes &#39; and &#34; (the same characters): text escaped by the admin, by form
    widgets and by Jinja then reads the same.

    One pass over the finished page, a few microseconds; escaping each value again (a
    `finalize`) cost a fifth of the rendering. The pages hold no inline script or style, where
    a reference would not be decoded."""

    def render(self, *args, **kwargs):
        # `_` bound to the page's language: a page asks for dozens of texts, and looking the
        # language up for each was a tenth of its rendering. Macros imported without the
        # context use the global `_`, which looks it up.
        context = {"_": functools.partial(translation_of, language=get_language())}
        page = super().render(context | dict(*args, **kwargs))
        return page.replace("&#39;", "&#x27;").replace("&#34;", "&quot;")


@functools.cache
def static_url(path):
    """Django's {% static %}, once per path: the storage gives a path the same URL for as long
    as it lives (its manifest is read once). A test that changes the storage empties the cache."""
    return static(path)


def translate(message):
    """gettext() for the templates, where a page asks for dozens of texts."""
    return translation_of(message, get_language())


@functools.lru_cache(maxsize=4096)
def translation_of(message, language):
    """gettext(message) in `language`, the active one, once per process: Django looks in each
    catalog of the language for every call. Templates only ask for texts written in them."""
    return gettext(message)


@receiver(setting_changed)
def forget_cached(setting, **kwargs):
    if setting in {"STATIC_URL", "STORAGES"}:
        static_url.cache_clear()
    if setting in {"LANGUAGE_CODE", "LANGUAGES", "LOCALE_PATHS", "INSTALLED_APPS"}:
        translation_of.cache_clear()
        truncation_text.cache_clear()


def url(name, *args, **kwargs):
    """Django's {% url %}: `url("articles:category", slug=…)`. Every page links the same dozen
    views that take no arguments: those are reversed once (newscenter.addresses)."""
    if args or kwargs:
        return reverse(name, args=args or None, kwargs=kwargs or None)
    return fixed_address(name)


# As django.utils.html.json_script escapes them: no "</script>" or "<!--" can end the block.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(value):
    """`value` as a JSON-LD block: json_script()'s escaping, with the type that JSON-LD needs."""
    data = json.dumps(value, cls=DjangoJSONEncoder).translate(JSON_SCRIPT_ESCAPES)
    return markupsafe.Markup(f'<script type="application/ld+json">{data}</script>')


def date(value, format_string=None):
    """Django's `date` filter. Django's templates turn an aware datetime into local time
    before any filter sees it; Jinja does not, so it is done here."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime) and settings.USE_TZ and timezone.is_aware(value):
        value = timezone.localtime(value)
    numeric = isinstance(value, Date) and numeric_format(
        format_string or "", time=isinstance(value, datetime)
    )
    if numeric:
        return numeric.format(value)
    return formats.date_format(value, format_string)


# Django's format characters that are zero-padded numbers in every language ("Y.m.d H:i").
DATE_NUMBERS = {"Y": "{0.year:04d}", "m": "{0.month:02d}", "d": "{0.day:02d}"}
TIME_NUMBERS = {"H": "{0.hour:02d}", "i": "{0.minute:02d}", "s": "{0.second:02d}"}


@functools.cache
def numeric_format(format_string, time=True):
    """The str.format() pattern for a date format of numbers (DATE_NUMBERS, and TIME_NUMBERS
    when `time`) and punctuation, else None.

    Lists print a date per item: this is several times quicker than Django's date_format(),
    and gives the same text. Anything with another letter (names, named formats) goes there.
    """
    if not format_string.strip(" .-/:"):
        return None
    numbers = DATE_NUMBERS | TIME_NUMBERS if time else DATE_NUMBERS
    pattern = ""
    for char in format_string:
        if char in numbers:
            pattern += numbers[char]
        elif char in " .-/:":
            pattern += char
        else:
            return None
    return pattern


def truncatechars(value, length):
    """Django's `truncatechars`, without its count character by character where no character
    can combine: a text that fits, or one in ASCII."""
    text = unicodedata.normalize("NFC", str(value))
    if len(text) <= length:
        return text
    if length > 0 and text.isascii():
        ellipsis = truncation_text(get_language())
        kept = calculate_truncate_chars_length(length, ellipsis)
        return add_truncation_text(text[:kept], ellipsis)
    return Truncator(text).chars(length)


@functools.lru_cache(maxsize=16)
def truncation_text(language):
    """The text that ends a truncated one ("%(truncated_text)s…"), as Django translates it."""
    return pgettext("String to return when truncating text", "%(truncated_text)s…")


def search_summary(count, query, exact=True):
    """The search page's count of matches: a plural sentence, or the cap search stops at."""
    if not exact:
        return gettext(
            "More than %(counter)s articles match “%(query)s”. These are the best %(counter)s."
        ) % {"counter": count, "query": query}
    return ngettext(
        "%(counter)s article matches “%(query)s”.",
        "%(counter)s articles match “%(query)s”.",
        count,
    ) % {"counter": count, "query": query}
