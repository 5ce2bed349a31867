"""The project's system checks.

Django's deploy checks for SecurityMiddleware, run for the project's subclass of it: Django looks
for ``django.middleware.security.SecurityMiddleware`` by name, so with the subclass in MIDDLEWARE
its HSTS, redirect and header checks would pass without looking at anything.

The proxy setting: one for the whole site, under its new name. The translations: compiled.
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.core.checks.security import base

DJANGO_MIDDLEWARE = "django.middleware.security.SecurityMiddleware"
PROJECT_MIDDLEWARE = "newscenter.middleware.SecurityMiddleware"

SETTINGS_CHECKS = [
    base.check_sts,
    base.check_sts_include_subdomains,
    base.check_sts_preload,
    base.check_content_type_nosniff,
    base.check_ssl_redirect,
    base.check_referrer_policy,
    base.check_cross_origin_opener_policy,
]

W001 = Warning(
    f"Neither {PROJECT_MIDDLEWARE!r} nor {DJANGO_MIDDLEWARE!r} is in MIDDLEWARE, so there is no "
    "HTTPS redirect, HSTS, nosniff, Referrer-Policy or Cross-Origin-Opener-Policy.",
    id="newscenter.W001",
)


@register(Tags.security, deploy=True)
def check_security_middleware(app_configs, **kwargs):
    if DJANGO_MIDDLEWARE in settings.MIDDLEWARE:
        return []  # Django's own checks see it.
    if PROJECT_MIDDLEWARE not in settings.MIDDLEWARE:
        return [W001]
    from django.test.utils import override_settings  # only when checks run, not at start-up

    as_django = [DJANGO_MIDDLEWARE if m == PROJECT_MIDDLEWARE else m for m in settings.MIDDLEWARE]
    with override_settings(MIDDLEWARE=as_django):
        return [message for check in SETTINGS_CHECKS for message in check(app_configs)]


OLD_PROXY_VARIABLE = "MESSAGE_TRUSTED_PROXY_COUNT"
PROXY_VARIABLE = "DJANGO_TRUSTED_PROXY_COUNT"


@register(Tags.compatibility)
def check_proxy_count_variable(app_configs, **kwargs):
    """MESSAGE_TRUSTED_PROXY_COUNT still counts for one release, with a warning (W002)."""
    if OLD_PROXY_VARIABLE not in os.environ:
        return []
    if PROXY_VARIABLE in os.environ:
        hint = f"{PROXY_VARIABLE} is set too and wins: remove {OLD_PROXY_VARIABLE}."
    else:
        hint = (
            f"Rename it {PROXY_VARIABLE} (same value). Until then it decides the client's "
            "address for the whole site, the login lockout included."
        )
    return [
        Warning(
            f"The environment variable {OLD_PROXY_VARIABLE} is deprecated and will stop "
            f"working in the next release: {PROXY_VARIABLE} is the one proxy setting.",
            hint=hint,
            id="newscenter.W002",
        )
    ]


@register(deploy=True)
def check_compiled_translations(app_configs, **kwargs):
    """Each locale/*.po has its .mo, compiled since (W003): without, pages stay in English."""
    stale = []
    for folder in settings.LOCALE_PATHS:
        for po in sorted(Path(folder).glob("*/LC_MESSAGES/*.po")):
            mo = po.with_suffix(".mo")
            if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
                stale.append(str(po))
    if not stale:
        return []
    return [
        Warning(
            f"Translations not compiled, or older than their text: {', '.join(stale)}.",
            hint="Run `.venv/bin/pybabel compile -d locale -D django` (make locale).",
            id="newscenter.W003",
        )
    ]
