"""Site-wide views: home, robots.txt, favicon, CSRF failures, the admin's "View on site"."""

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import get_permission_codename
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.views.generic import TemplateView

from articles.cards import FIELDS, cards
from articles.models import Article
from articles.readership import most_read


class HomeView(TemplateView):
    template_name = "home.html"
    latest_count = 6
    most_read_count = 5

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        latest = Article.objects.published().in_language().values(*FIELDS)
        context["latest_articles"] = cards(latest.first_of_list(self.latest_count))
        # Ranked by the last batch of views and kept in the cache: one query for five articles
        # (none when nothing was read). A batch that changes them makes the cached home stale.
        context["most_read"] = most_read(self.most_read_count)
        return context


class RobotsView(TemplateView):
    """One for the host, naming the sitemap of each language."""

    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sitemap_urls"] = []
        context["preview_urls"] = []
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                context["sitemap_urls"].append(self.request.build_absolute_uri(reverse("sitemap")))
                context["preview_urls"].append(reverse("articles:preview", kwargs={"pk": 0}))
        return context


def favicon(request):
    """Browsers ask for /favicon.ico even on pages that name an icon (the admin names none)."""
    return redirect(static("img/logo.svg"), permanent=True)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: the site's explanation, unless the form's own view gives one.

    A class-based view answers for a form posted to it by defining
    `csrf_failure_response(reason)`; it is called set up as for the request, so it can show
    the form again with what the visitor typed.
    """
    match = request.resolver_match
    view_class = getattr(match.func, "view_class", None) if match else None
    if request.method == "POST" and hasattr(view_class, "csrf_failure_response"):
        view = view_class(**match.func.view_initkwargs)
        view.setup(request, *match.args, **match.kwargs)
        return view.csrf_failure_response(reason)
    return render(request, "403_csrf.html", status=403)


@staff_member_required
def admin_view_on_site(request, content_type_id, object_id):
    """The admin's "View on site" redirect, for staff who may view that kind of object.

    The admin's own only asks for staff status, so it would tell anyone on the staff the
    address (and so the slug) of any object, such as a draft article.
    """
    content_type = get_object_or_404(ContentType, pk=content_type_id)
    model = content_type.model_class()
    if model is None or not any(
        request.user.has_perm(
            f"{content_type.app_label}.{get_permission_codename(action, model._meta)}"
        )
        for action in ("view", "change")
    ):
        raise PermissionDenied
    return shortcut(request, content_type_id, object_id)
