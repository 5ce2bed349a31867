"""Spam defence for the Online Message form, all on the server: it works with JavaScript off.

- A honeypot field that people never see (the form holds it; a bot fills it in).
- A signed timestamp: the form carries the time it was served, signed so it cannot be forged.
  Sent sooner than ``MESSAGE_MIN_SECONDS``, or with a missing or forged signature, it is a bot.
  Older than ``MESSAGE_MAX_FORM_AGE`` it is merely stale (a tab left open overnight): the
  visitor gets a fresh timestamp and is asked to send again, and nothing is stored as spam.
  It also carries a random token that the stored message keeps: one served form, one message.
- A rate limit per sender (an IPv4 address, an IPv6 /64), counted in the database so that it
  holds across workers and hosts whatever the cache (PostCounter).
- The blocklist (words, link and email domains, email addresses, IP ranges) and a maximum
  number of links: a match is stored as spam, never refused.
- The optional captcha's expired challenges are deleted as new ones are made.

A spam message records why (``Message.spam_reason``), in English for the record: the rule and
its value, "honeypot", "blocklist: email domain example.top", "too many links (5)". ``describe``
shows it in the reader's language.
"""

import ipaddress
import logging
import re
import secrets
import time
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import blocklist
from .models import BlocklistEntry, PostCounter

logger = logging.getLogger(__name__)

SALT = "online_messages.form-served-at"
CAPTCHA_CLEANUP_KEY = "online_messages:captcha-cleanup"
CAPTCHA_CLEANUP_INTERVAL = 60  # seconds

# What ``check_timestamp`` finds.
OK = "ok"
TOO_FAST = "too_fast"
FORGED = "forged"
STALE = "stale"

# Spam reasons, as stored.
HONEYPOT = "honeypot"
TIMESTAMP_REASONS = {TOO_FAST: "too fast", FORGED: "forged form"}
KIND_WORDING = {
    blocklist.WORD: "word",
    blocklist.LINK_DOMAIN: "link domain",
    blocklist.EMAIL_DOMAIN: "email domain",
    blocklist.EMAIL_ADDRESS: "email address",
    blocklist.IP_RANGE: "IP range",
}
REASON_LENGTH = 200
# How a stored reason reads in the admin's language.
RULE_NAMES = {
    HONEYPOT: _("honeypot"),
    "too fast": _("too fast"),
    "forged form": _("forged form"),
}
KIND_NAMES = {
    "word": _("word"),
    "link domain": _("link domain"),
    "email domain": _("email domain"),
    "email address": _("email address"),
    "IP range": _("IP range"),
}
BLOCKLIST_REASON = re.compile(f"blocklist: ({'|'.join(KIND_NAMES)}) (.*)", re.DOTALL)
LINKS_REASON = re.compile(r"too many links \((\d+)\)")


def make_timestamp(at=None):
    """The signed value of the form's hidden timestamp field: when it was served, and a token."""
    return signing.dumps([time.time() if at is None else at, secrets.token_urlsafe(16)], salt=SALT)


def check_timestamp(value, now=None):
    """Judge a submitted timestamp: (OK, TOO_FAST, FORGED or STALE; the form's token or "")."""
    try:
        served_at, token = signing.loads(value or "", salt=SALT)
        served_at, token = float(served_at), str(token)
    except signing.BadSignature:
        return FORGED, ""
    except (TypeError, ValueError):
        # Signed by us but without a token: served before forms carried one. Sent again, the
        # form gets one; nothing the visitor typed is lost.
        return STALE, ""
    age = (time.time() if now is None else now) - served_at
    if age < settings.MESSAGE_MIN_SECONDS:
        return TOO_FAST, token
    if age > settings.MESSAGE_MAX_FORM_AGE:
        return STALE, token
    return OK, token


def sender_key(ip):
    """Who counts as one sender: an IPv4 address, or the /64 network of an IPv6 address.

    An IPv6 host is usually given a whole /64 and may send from any address in it. An
    IPv4-mapped IPv6 address (::ffff:192.0.2.1) is the IPv4 sender it maps.
    """
    address = ipaddress.ip_address(ip)
    if address.version == 6:
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


def allow_post(ip):
    """Count one POST from this address; False once its sender is over the limit for the window.

    An unknown address (None) is let through uncounted and logged: counted, all of them would
    share one limit, and one sender could shut the form for every visitor.
    """
    if ip is None:
        logger.error(
            "Online message from an unknown client address: not rate limited. Behind a proxy "
            "or on a unix socket, set DJANGO_TRUSTED_PROXY_COUNT."
        )
        return True
    return PostCounter.objects.hit(
        sender_key(ip),
        limit=settings.MESSAGE_RATE_LIMIT,
        window=timedelta(seconds=settings.MESSAGE_RATE_WINDOW),
    )


def remove_expired_captchas(sender, created=False, **kwargs):
    """Connected to the captcha's post_save: now and then, as challenges are made, drop old ones.

    django-simple-captcha stores a row for every challenge it serves and deletes expired rows
    only when a form is submitted. At most once a minute, whatever the number of workers that
    share the cache.
    """
    if not created:
        return
    try:
        due = cache.add(CAPTCHA_CLEANUP_KEY, True, timeout=CAPTCHA_CLEANUP_INTERVAL)
    except Exception:
        # The cache is down: skip this time rather than fail the challenge; it will come back.
        logger.exception("Cache unavailable; expired captchas are removed later.")
        return
    if due:
        sender.remove_expired()


def content_reason(message, ip):
    """Why the message is spam by what it says and who sent it, or "": the blocklist (read in
    one query), then the number of links."""
    texts = [message.name, message.company, message.content, message.display_name]
    texts = [text for text in texts if text]
    found = BlocklistEntry.objects.matcher().match(texts, message.email, ip)
    if found:
        kind, value = found
        return f"blocklist: {KIND_WORDING[kind]} {value}"[:REASON_LENGTH]
    links = blocklist.count_links(texts)
    if links > settings.MESSAGE_MAX_LINKS:
        return f"too many links ({links})"
    return ""


def describe(reason):
    """A stored spam reason in the active language."""
    if reason in RULE_NAMES:
        return str(RULE_NAMES[reason])
    if match := BLOCKLIST_REASON.fullmatch(reason):
        return gettext("blocklist: %(kind)s %(value)s") % {
            "kind": KIND_NAMES[match.group(1)],
            "value": match.group(2),
        }
    if match := LINKS_REASON.fullmatch(reason):
        return gettext("too many links (%(count)s)") % {"count": match.group(1)}
    return reason
