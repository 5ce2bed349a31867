"""The project's security middleware: Django's and django-csp's, each with one local rule."""

import ipaddress

import csp.middleware
from csp.constants import HEADER
from csp.middleware import PolicyParts
from csp.utils import build_policy, default_config
from django.conf import settings
from django.http.request import split_domain_port
from django.middleware import security


def is_loopback_host(request):
    """Whether the request's Host header names this machine (localhost, 127.0.0.1, [::1])."""
    domain, _port = split_domain_port(request.META.get("HTTP_HOST", ""))
    if domain == "localhost":
        return True
    try:
        return ipaddress.ip_address(domain.strip("[]")).is_loopback
    except ValueError:
        return False


class SecurityMiddleware(security.SecurityMiddleware):
    """Django's SecurityMiddleware, without the HTTPS redirect for a loopback Host.

    Health checks and the local benchmark call gunicorn over plain HTTP on 127.0.0.1. A public
    request cannot get this far with such a Host unless an admin adds it to ALLOWED_HOSTS: any
    other page would answer 400 for a host that is not allowed.
    """

    def process_request(self, request):
        if is_loopback_host(request):
            return None
        return super().process_request(request)


class CSPMiddleware(csp.middleware.CSPMiddleware):
    """django-csp, with CONTENT_SECURITY_POLICY_EDITOR on the responses of CSP_EDITOR_VIEWS, and
    the site's policy built once.

    Nearly every response, each cached page among them, carries CONTENT_SECURITY_POLICY as it
    is: building that header again for each one cost a fifth of a cache hit. Responses with
    anything of their own (the editor's policy, a view's csp_update, a nonce) and a report-only
    policy still go through django-csp. (The project uses no csp_exempt: the fast path would
    send the policy anyway, the stricter way to be wrong.)
    """

    def __init__(self, get_response):
        super().__init__(get_response)
        self.site_policy = build_policy()

    def process_response(self, request, response):
        if self.has_site_policy(request, response):
            if HEADER not in response:
                response[HEADER] = self.site_policy
            return response
        return super().process_response(request, response)

    def has_site_policy(self, request, response):
        simple = not (
            settings.DEBUG or getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
        )
        return simple and self.get_policy_parts(request, response) == PolicyParts()

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        # A view's own csp_replace/csp_update still applies on top of the editor's policy.
        if not report_only and parts.config is None and self.is_editor_view(request):
            parts.config = default_config(settings.CONTENT_SECURITY_POLICY_EDITOR["DIRECTIVES"])
        return parts

    @staticmethod
    def is_editor_view(request):
        """Chosen by the view that answered, not by the path: a 404 under /ckeditor/, or an
        editor's address with something appended, gets the strict policy."""
        match = getattr(request, "resolver_match", None)
        return match is not None and match.view_name in settings.CSP_EDITOR_VIEWS
