from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import get_object_or_404, redirect
from django.templatetags.static import static
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.views.generic import DetailView, ListView, TemplateView

from .models import Article, Category
from .pagination import ReversiblePaginator


class NearestPageMixin:
    """A stale or mistyped ?page= shows the nearest real page instead of an error."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        try:
            number = max(int(self.request.GET.get("page", "")), 1)
        except ValueError:
            number = 1
        page = paginator.get_page(number)  # beyond the end: the last page
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        context["page_numbers"] = page.paginator.get_elided_page_range(page.number)
        return context


class HomeView(TemplateView):
    template_name = "articles/home.html"
    latest_count = 6

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["latest_articles"] = Article.objects.published().for_listing()[: self.latest_count]
        return context


class ArticleListView(NearestPageMixin, ListView):
    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = settings.NEWS_PAGE_SIZE
    paginator_class = ReversiblePaginator
    category = None

    def get_queryset(self):
        articles = Article.objects.published().for_listing()
        if "slug" in self.kwargs:
            self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
            articles = articles.filter(category=self.category)
        return articles

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["categories"] = Category.objects.all()
        context["category"] = self.category
        return context


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.published().select_related("category")

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.kwargs.get("slug") != self.object.slug:
            return redirect(self.object, permanent=True)
        context = self.get_context_data(object=self.object)
        return self.render_to_response(context)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["previous_article"] = self.object.get_previous_article()
        context["next_article"] = self.object.get_next_article()
        return context


@method_decorator(staff_member_required, name="dispatch")
class ArticlePreviewView(ArticleDetailView):
    """Any article, as the public would see it, for staff only and never cached."""

    def get_queryset(self):
        return Article.objects.select_related("category")

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        response = self.render_to_response(self.get_context_data(object=self.object))
        add_never_cache_headers(response)
        return response

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=True, **kwargs)


class SearchView(NearestPageMixin, ListView):
    template_name = "articles/search.html"
    context_object_name = "articles"
    paginate_by = settings.NEWS_PAGE_SIZE

    def get_query(self):
        # PostgreSQL can't compare strings holding NUL; Django's form fields refuse it too.
        return self.request.GET.get("q", "").replace("\x00", "").strip()[:200]

    def get_queryset(self):
        return Article.objects.published().for_listing().search(self.get_query())

    def get_context_data(self, **kwargs):
        return super().get_context_data(query=self.get_query(), **kwargs)


def favicon(request):
    """Browsers ask for /favicon.ico even on pages that name an icon (the admin names none)."""
    return redirect(static("img/logo.svg"), permanent=True)


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"


def article_shortlink(request, pk):
    """`/news/<id>/` redirects to the canonical address."""
    return redirect(
        get_object_or_404(Article.objects.published().only("id", "slug"), pk=pk), permanent=True
    )
