"""Addresses of views without a reverse() per link: reverse() costs more than a whole link to
render, and a list page holds dozens. What reverse() gives is worked out once per view, language,
URLconf and script prefix; only the arguments at the end of an address change from link to link.
"""

import functools
from urllib.parse import quote

from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language, override

# What reverse() leaves unquoted in an address (RFC 3986's sub-delimiters, "/", "~", ":", "@").
URL_SAFE = "!$&'()*+,;=/~:@"


def fixed_address(name):
    """reverse(name) in the active language, for a view that takes no arguments."""
    return fixed_address_in(name, get_language(), get_urlconf(), get_script_prefix())


@functools.lru_cache(maxsize=256)
def fixed_address_in(name, language, urlconf, script_prefix):
    with override(language):
        return reverse(name, urlconf=urlconf)


def address(name, language, **kwargs):
    """reverse(name, kwargs=kwargs) in `language`, for a view whose address ends in its
    arguments, in that order, one path segment each: /news/<pk>/<slug>/, /news/tag/<slug>/."""
    prefix = address_prefix(name, tuple(kwargs), language, get_urlconf(), get_script_prefix())
    return prefix + "".join(f"{quote(str(value), safe=URL_SAFE)}/" for value in kwargs.values())


@functools.lru_cache(maxsize=64)
def address_prefix(name, arguments, language, urlconf, script_prefix):
    """The address of `name` up to its `arguments`."""
    tail = "1/" * len(arguments)
    with override(language):
        sample = reverse(name, kwargs=dict.fromkeys(arguments, 1), urlconf=urlconf)
    if not sample.endswith("/" + tail):
        raise ImproperlyConfigured(f"{name}'s address must end in its arguments: {sample}")
    return sample.removesuffix(tail)


@receiver(setting_changed)
def forget_addresses(setting, **kwargs):
    if setting in {"ROOT_URLCONF", "LANGUAGE_CODE", "LANGUAGES"}:
        fixed_address_in.cache_clear()
        address_prefix.cache_clear()
