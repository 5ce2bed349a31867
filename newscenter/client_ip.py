"""The client's address, by one rule for the whole site: ``TRUSTED_PROXY_COUNT``.

With no proxy (0) the address is the connection's, REMOTE_ADDR, and X-Forwarded-For is never
read: the client wrote it. Behind N proxies that each append the address they received the
request from, the client is the Nth entry from the right of X-Forwarded-For; anything further
left was written by the client and may be forged. A header with fewer entries than that did not
come through every proxy, and REMOTE_ADDR stands.

django-ipware's engine (python-ipware) parses and validates the entry: ports, brackets,
IPv4-mapped IPv6, addresses that cannot be a client's. It is handed only the N entries the
proxies wrote. Given the whole header, its "right-most" order counts proxy_count from the left
(a forged left part would decide), and its quote-aware split lets an unclosed quote sent by the
client swallow the entries the proxies appended after it, which would make every address
unknown at the client's wish.
"""

from django.conf import settings
from python_ipware import IpWare

FORWARDED_FOR = "HTTP_X_FORWARDED_FOR"


def client_ip(request):
    """The client's IP address as a string, or None when it is unknown or not a valid one."""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get(FORWARDED_FOR, "")
    hops = forwarded.split(",") if forwarded.strip() else []
    if proxies > 0 and len(hops) >= proxies:
        # Exactly the N entries the proxies wrote, client first; strict: all must be valid.
        written_by_proxies = {FORWARDED_FOR: ",".join(hops[-proxies:])}
        resolver = IpWare(precedence=(FORWARDED_FOR,), proxy_count=proxies - 1)
        ip, _trusted = resolver.get_client_ip(written_by_proxies, strict=True)
        return None if ip is None else str(ip)
    # Only the one header it reads: the engine goes through every header it is given.
    connection = {"REMOTE_ADDR": request.META.get("REMOTE_ADDR", "")}
    ip, _trusted = IpWare(precedence=("REMOTE_ADDR",)).get_client_ip(connection, strict=True)
    return None if ip is None else str(ip)


class ClientIPMiddleware:
    """Sets ``request.client_ip``, the address the apps count and store (None if unknown).

    The apps do not import the project, so the project hands them the address on the request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.client_ip = client_ip(request)
        return self.get_response(request)
