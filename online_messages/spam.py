"""Spam defence for the Online Message form, all on the server: it works with JavaScript off.

- A honeypot field that people never see (the form holds it; a bot fills it in).
- A signed timestamp: the form carries the time it was served, signed so it cannot be forged.
  Sent sooner than ``MESSAGE_MIN_SECONDS``, or with a missing or forged signature, it is a bot.
  Older than ``MESSAGE_MAX_FORM_AGE`` it is merely stale (a tab left open overnight): the
  visitor gets a fresh timestamp and is asked to send again, and nothing is stored as spam.
- A per-IP rate limit in Django's cache. Every worker must share the cache for it to hold.
"""

import ipaddress
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache

SALT = "online_messages.form-served-at"

# What ``check_timestamp`` finds.
OK = "ok"
TOO_FAST = "too_fast"
FORGED = "forged"
STALE = "stale"


def make_timestamp(at=None):
    """The signed value of the form's hidden timestamp field: when the form was served."""
    return signing.dumps(time.time() if at is None else at, salt=SALT)


def check_timestamp(value, now=None):
    """Judge a submitted timestamp: OK, TOO_FAST, FORGED or STALE."""
    try:
        served_at = float(signing.loads(value or "", salt=SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return FORGED
    age = (time.time() if now is None else now) - served_at
    if age < settings.MESSAGE_MIN_SECONDS:
        return TOO_FAST
    if age > settings.MESSAGE_MAX_FORM_AGE:
        return STALE
    return OK


def client_ip(request):
    """The visitor's IP address, or None if it is not a valid one.

    Behind N trusted proxies, each appends the address it received the request from to
    X-Forwarded-For, so the client is the Nth entry from the right; anything further left
    was written by the client and may be forged.
    """
    address = request.META.get("REMOTE_ADDR", "")
    proxies = settings.MESSAGE_TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        if len(forwarded) >= proxies and forwarded[-proxies]:
            address = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def allow_post(ip):
    """Count one POST from this IP; False once it is over the limit for the current window."""
    key = f"online_messages:posts:{ip or 'unknown'}"
    window = settings.MESSAGE_RATE_WINDOW
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # The window expired between add() and incr().
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= settings.MESSAGE_RATE_LIMIT
