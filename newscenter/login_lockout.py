"""Admin login lockout with django-axes: the backend that refuses, and the page that explains."""

import logging

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off, get_failure_limit
from django.contrib import admin
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from .client_ip import client_ip

logger = logging.getLogger(__name__)


class LockoutBackend(AxesStandaloneBackend):
    """Refuses every login for a username and address that are locked out.

    A login without a request, as the test client's ``login()`` or code in a shell makes, did
    not come over the web: there is no address to count it against, so it is left to the next
    backend rather than refused. Every web login (the admin's form) passes its request.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(request, original_response=None, credentials=None):
    """The lockout page: what happened, when to try again, and who can unlock sooner."""
    cool_off = get_cool_off(request)
    now = timezone.now()
    context = {
        **admin.site.each_context(request),
        "title": _("Too many failed logins"),
        "failure_limit": get_failure_limit(request, credentials),
        "now": now,
        # Every attempt during the lockout restarts it, so it ends one cool-off from now.
        "retry_at": now + cool_off,
    }
    response = render(request, "admin/lockout.html", context, status=429)
    response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response


def address_unknown(request, credentials=None):
    """AXES_WHITELIST_CALLABLE: a login from an unknown address is neither counted nor refused.

    Counted, every such login would share one lockout per username (the address being None), and
    anyone could lock the editors out. The address is unknown only when the server is set up
    wrong (a unix socket or a proxy without DJANGO_TRUSTED_PROXY_COUNT), so it is logged loudly.
    """
    if client_ip(request) is not None:
        return False
    logger.error(
        "Login attempt from an unknown client address (REMOTE_ADDR %r): the login lockout "
        "cannot count it. Behind a proxy or on a unix socket, set DJANGO_TRUSTED_PROXY_COUNT.",
        request.META.get("REMOTE_ADDR", ""),
    )
    return True
