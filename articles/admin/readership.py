"""The article list's views columns: all time and the last 30 days, sortable."""

from django.contrib import admin
from django.db.models import OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from ..models import DailyViews
from ..readership import window_start


def views_since(day=None):
    """An article's views (from `day` on, or ever), as a subquery of the list's one query:
    worked out for the rows of the page shown, or for all of them when sorted by it."""
    rows = DailyViews.objects.filter(article=OuterRef("pk"))
    if day is not None:
        rows = rows.filter(day__gte=day)
    total = rows.values("article").annotate(total=Sum("views")).values("total")
    return Coalesce(Subquery(total), 0)


class ReadershipAdminMixin:
    """For ArticleAdmin: add "total_views" and "recent_views" to list_display."""

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(total_views=views_since(), recent_views=views_since(window_start()))
        )

    @admin.display(description=_("views"), ordering="total_views")
    def total_views(self, obj):
        return obj.total_views

    @admin.display(description=_("views, 30 days"), ordering="recent_views")
    def recent_views(self, obj):
        return obj.recent_views
