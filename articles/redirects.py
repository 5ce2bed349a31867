"""Old addresses never break: a 404 whose path is a recorded Redirect answers 301 instead.

Like django.contrib.redirects' fallback middleware, it looks only at responses that are
already 404, so the pages that exist pay nothing for it.
"""

from django.core.exceptions import DisallowedRedirect
from django.http import HttpResponsePermanentRedirect

from .models import Redirect

MAX_PATH_LENGTH = Redirect._meta.get_field("old_path").max_length


class RedirectFallbackMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        return redirect_for(request.path) or response


def redirect_for(path):
    """A 301 to where the recorded old `path` leads now (its article's current URL, so that
    renames make no chain), or None: not recorded, or its article is not published."""
    # No stored path is longer, or holds NUL (which PostgreSQL cannot even compare).
    if len(path) > MAX_PATH_LENGTH or "\x00" in path:
        return None
    found = Redirect.objects.select_related("article").filter(old_path=path).first()
    destination = found and found.destination()
    if not destination:
        return None
    try:
        return HttpResponsePermanentRedirect(destination)
    except DisallowedRedirect:  # a target saved without the admin's checks
        return None
