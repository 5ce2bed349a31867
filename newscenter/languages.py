"""Settings for the site's languages and its names in each, read from the environment.

In a module of their own, as the settings file has no room left; settings.py imports them.
"""

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

__all__ = ["COMPANIES", "COMPANY", "LANGUAGE_CODE", "LANGUAGES", "SITE_NAME", "SITE_NAMES"]

env = environ.Env()

LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
# The language of the unprefixed addresses (/news/…); the others are under their own prefix
# (/zh-hans/news/…, or /en/news/… when this is zh-hans).
LANGUAGE_CODE = env("DJANGO_LANGUAGE_CODE", default="en").strip().lower()
if LANGUAGE_CODE not in dict(LANGUAGES):
    raise ImproperlyConfigured(
        f"DJANGO_LANGUAGE_CODE must be one of {', '.join(dict(LANGUAGES))}, not {LANGUAGE_CODE!r}."
    )

# The demo company's names, used while the environment names none in any language.
DEMO = {
    "SITE_NAME": {"en": "News Center", "zh-hans": "新闻中心"},
    "COMPANY_NAME": {"en": "Lanfeng Hydrogen Co., Ltd.", "zh-hans": "蓝峰氢能科技有限公司"},
    "COMPANY_ADDRESS": {
        "en": "88 Harbour Road, Pudong, Shanghai",
        "zh-hans": "上海市浦东新区海港路88号",
    },
    "COMPANY_PHONE": {"en": "+86 10 0000 0000"},
    "COMPANY_EMAIL": {"en": "news@example.com"},
}


def per_language(name):
    """{language: value} of setting `name`: NAME_ZH_HANS (or NAME_EN) for one language, NAME for
    the default one. A language left unset takes the default language's value, unless nothing
    is set at all: then each takes the demo company's."""
    suffixes = {code: code.upper().replace("-", "_") for code in dict(LANGUAGES)}
    given = {code: env(f"{name}_{suffix}", default="") for code, suffix in suffixes.items()}
    given[LANGUAGE_CODE] = given[LANGUAGE_CODE] or env(name, default="")
    demo = DEMO[name]
    if not any(given.values()):
        fallback = demo.get(LANGUAGE_CODE, demo["en"])
        return {code: demo.get(code, fallback) for code in suffixes}
    default = given[LANGUAGE_CODE] or next(value for value in given.values() if value)
    return {code: given[code] or default for code in suffixes}


SITE_NAMES = per_language("SITE_NAME")
COMPANIES = {code: {} for code in dict(LANGUAGES)}
for field in ("name", "address", "phone", "email"):
    for code, value in per_language(f"COMPANY_{field.upper()}").items():
        COMPANIES[code][field] = value
# The default language's: what is not per language (emails to staff, say) uses these.
SITE_NAME = SITE_NAMES[LANGUAGE_CODE]
COMPANY = COMPANIES[LANGUAGE_CODE]
