"""Share links: a signed address that shows a draft or scheduled article to someone without an
account, until it expires or the article's links are revoked (Article.share_links_revoked_at).

A token is [article id, issued at (µs), expires at (s)], signed with the secret key and a salt
of its own. The issue time is in microseconds so that a link made just after a revoke works.
"""

from datetime import UTC, datetime, timedelta

from django.core import signing
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from .models import Article
from .views import ArticleDetailView

SALT = "articles.sharing.preview"
PERIODS = (1, 7, 30)  # days an editor may choose
DEFAULT_PERIOD = 7
MAX_TOKEN_LENGTH = 200  # far longer than any token made here; a longer one is not read
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)


def make_token(article, days=DEFAULT_PERIOD):
    """A token that opens `article` for `days` days from now, and when it expires (to the
    second, as the token holds it)."""
    now = timezone.now()
    expires = int((now + timedelta(days=days)).timestamp())
    payload = [article.pk, (now - EPOCH) // MICROSECOND, expires]
    return signing.Signer(salt=SALT).sign_object(payload), datetime.fromtimestamp(expires, UTC)


def share_url(article, days=DEFAULT_PERIOD):
    """The path of a new share link, and when it expires."""
    token, expires = make_token(article, days)
    return reverse("articles:shared", args=[token]), expires


def read_token(token):
    """(article id, issued at, expires at) of a genuine token, or None."""
    if len(token) > MAX_TOKEN_LENGTH:
        return None
    try:
        pk, issued, expires = signing.Signer(salt=SALT).unsign_object(token)
        return pk, EPOCH + issued * MICROSECOND, datetime.fromtimestamp(expires, UTC)
    except (signing.BadSignature, ValueError, TypeError, OverflowError):
        return None


def shared_article(token):
    """(the article a token opens now, when the link expires), or None: the token was altered,
    has expired, or was revoked after it was made."""
    found = read_token(token)
    if found is None:
        return None
    pk, issued, expires = found
    if expires <= timezone.now():
        return None
    article = Article.objects.select_related("category").filter(pk=pk).first()
    if article is None:
        return None
    revoked = article.share_links_revoked_at
    if revoked is not None and issued < revoked:
        return None
    return article, expires


class SharedArticleView(ArticleDetailView):
    """The article as it will be published, with a banner saying it is a shared preview."""

    def get(self, request, *args, **kwargs):
        found = shared_article(self.kwargs["token"])
        if found is None:
            raise Http404(_("This share link is not valid: it has expired or was withdrawn."))
        self.object, self.expires = found
        if self.object.is_published():
            response = redirect(self.object)  # 302: the link itself is temporary
        else:
            response = self.render_to_response(self.get_context_data(object=self.object))
        # The token is the key: keep it out of caches, search engines and Referer headers.
        patch_cache_control(response, private=True, no_store=True)
        response.headers["X-Robots-Tag"] = "noindex"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview="shared", share_expires=self.expires, **kwargs)
