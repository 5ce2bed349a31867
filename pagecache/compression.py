"""Stored pages are kept compressed, Brotli and gzip, and sent in the encoding the client prefers.

Compressing once when a page is stored, not on every hit, is what makes it free: a hit sends
stored bytes. The page is kept as it is too, for clients that accept neither (decompressing
for them would cost more than the rest of a hit).

Safe from BREACH: that attack needs a secret (a CSRF token, a session's data) in a compressed
response beside text the attacker controls. Only pages the cache stores are compressed, and the
cache stores only public pages, the same for every visitor, that set no cookie
(pagecache.middleware.may_store): the message form with its CSRF token, the admin and every
page a session sees are never compressed here.
"""

import gzip
from functools import partial

import brotli
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers, set_response_etag

# Quality 5 compresses a 30 kB page in about a millisecond, smaller than gzip's best; Brotli's
# default (11) takes fifty times as long for a few per cent more.
COMPRESSORS = {
    "br": partial(brotli.compress, quality=5),
    "gzip": partial(gzip.compress, compresslevel=6, mtime=0),
}
IDENTITY = "identity"
# Beyond this the header is not an honest one; the rest of it is not read.
MAX_ACCEPT_ENCODING = 500


def compressed(response):
    """(headers, bodies) to store for `response`: its headers as they are sent with every
    encoding, and its content as it is and in each encoding of COMPRESSORS."""
    if not response.has_header("ETag"):
        set_response_etag(response)  # so that hits answer If-None-Match without hashing
    # One weak validator for every encoding of the same page (RFC 9110, 8.8.1).
    etag = response["ETag"]
    if not etag.startswith("W/"):
        response["ETag"] = "W/" + etag
    patch_vary_headers(response, ["Accept-Encoding"])
    headers = tuple((name, value) for name, value in response.items() if name != "Content-Length")
    bodies = {name: compress(response.content) for name, compress in COMPRESSORS.items()}
    bodies[IDENTITY] = response.content
    return headers, bodies


def stored_response(headers, bodies, accept_encoding):
    """The stored page as an HttpResponse, in the client's preferred encoding."""
    encoding = preferred_encoding(accept_encoding)
    content = bodies[encoding or IDENTITY]
    response = HttpResponse(content, headers=headers)
    if encoding:
        response["Content-Encoding"] = encoding
    response["Content-Length"] = str(len(content))
    return response


def preferred_encoding(accept_encoding):
    """ "br" or "gzip", whichever the Accept-Encoding header allows first, or None.

    Quality values count only to refuse (q=0): every client that accepts Brotli prefers it.
    """
    qualities = {}
    for item in accept_encoding[:MAX_ACCEPT_ENCODING].lower().split(","):
        name, *parameters = item.split(";")
        qualities[name.strip()] = quality(parameters)
    for encoding in COMPRESSORS:
        if qualities.get(encoding, qualities.get("*", 0)) > 0:
            return encoding
    return None


def quality(parameters):
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip() == "q":
            try:
                return float(value)
            except ValueError:
                return 0
    return 1
