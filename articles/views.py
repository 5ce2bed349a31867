from functools import partial

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView
from taggit.models import Tag

from pagecache import CanonicalPageMixin, remembered, requested_page

from . import metadata
from .addresses import address
from .cards import FIELDS, cards, values_of
from .models import Article, Category
from .models.languages import translation_urls
from .pagination import ReversiblePaginator
from .surroundings import surroundings


class CardListMixin:
    """A ListView whose page holds cards (articles.cards) of the rows its paginator reads."""

    categories = None  # the category tabs, when the view reads them

    def paginate_queryset(self, queryset, page_size):
        paginator, page, rows, is_paginated = super().paginate_queryset(queryset, page_size)
        page.object_list = cards(self.card_rows(rows), self.categories)
        return paginator, page, page.object_list, is_paginated

    def card_rows(self, rows):
        return rows


class ArticleListView(CardListMixin, CanonicalPageMixin, ListView):
    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = settings.NEWS_PAGE_SIZE
    paginator_class = ReversiblePaginator
    category = None

    def get_queryset(self):
        articles = Article.objects.published().in_language().values(*FIELDS)
        self.categories = Category.objects.tabs()
        if "slug" in self.kwargs:
            self.category = next(
                (tab for tab in self.categories if tab.slug == self.kwargs["slug"]), None
            )
            if self.category is None:
                raise Http404(_("There is no such category."))
            articles = articles.filter(category=self.category)
        return articles

    def get_paginator(self, queryset, *args, **kwargs):
        name = f"published:category:{self.category.pk}" if self.category else "published"
        count = partial(queryset.remembered_count, name)
        return super().get_paginator(queryset, *args, count=count, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["categories"] = self.categories
        context["category"] = self.category
        return context


class TagArticleListView(ArticleListView):
    """The published articles with one tag, paged as a category's are."""

    def get_queryset(self):
        slug = self.kwargs["slug"]
        self.tag = None
        # A slug longer than a tag's names none: it is neither looked up nor made a cache key.
        if len(slug) <= Tag._meta.get_field("slug").max_length:
            # Kept only when found: a made-up slug is looked up again, never stored.
            find = Tag.objects.filter(slug=slug).first
            self.tag = remembered(f"articles:tag:{slug}", find, keep=bool)
        articles = Article.objects.published().in_language().values(*FIELDS)
        # A tag with no published article is no more public than an unknown one.
        self.count = self.tag and articles.remembered_count(
            f"published:tag:{self.tag.pk}", tag=self.tag
        )
        if not self.count:
            raise Http404(_("There is no such tag."))
        self.categories = Category.objects.tabs()  # for the cards' category names
        return articles.tagged(self.tag, walk=self.walking_is_quicker(articles))

    def walking_is_quicker(self, articles):
        """Walking the list finds a tagged article about every total/count articles; reading
        the tag's articles reads `count` of them, and sorts them."""
        per_page = self.get_paginate_by(articles)
        number = requested_page(self.request.GET.getlist(self.page_kwarg))[0]  # get() checked it
        pages = -(-self.count // per_page)
        # ReversiblePaginator reads a page in the back half from the end.
        depth = max(1, min(number, pages - number + 1)) * per_page
        return depth * articles.remembered_count("published") < self.count * self.count

    def get_paginator(self, queryset, *args, **kwargs):
        return ReversiblePaginator(queryset, *args, count=lambda: self.count, **kwargs)

    def get_context_data(self, **kwargs):
        # A tag's articles in the other language may be none: it has no page there.
        translations = {get_language(): self.request.path}
        return super().get_context_data(tag=self.tag, translations=translations, **kwargs)


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.published().select_related("category").defer(*Article.INDEXED_TEXT)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        # An article in another language, or a wrong slug: its one address (in its language).
        if (self.kwargs.get("slug"), get_language()) != (self.object.slug, self.object.language):
            return redirect(self.object, permanent=True)
        context = self.get_context_data(object=self.object)
        return self.render_to_response(context)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        around = surroundings(article)
        context["previous_article"], context["next_article"] = around["previous"], around["next"]
        context["tag_links"] = tag_links(tag for tag in around["tags"] if tag.slug)
        context["related_articles"] = cards(around["related"])
        if not context.get("preview"):
            context["meta"] = metadata.article_metadata(self.request, article, context["tag_links"])
            # Not subqueries of the article's query (with_translations(), as the sitemap has
            # them): building their SQL took 5 ms, more than all the page's queries together.
            context["translations"] = translation_urls(article, around["translations"])
        return context


@method_decorator(staff_member_required, name="dispatch")
@method_decorator(
    permission_required("articles.view_article", raise_exception=True), name="dispatch"
)
class ArticlePreviewView(ArticleDetailView):
    """Any article, as the public would see it, for staff who may view articles; never cached."""

    def get_queryset(self):
        return Article.objects.select_related("category")

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        response = self.render_to_response(self.get_context_data(object=self.object))
        add_never_cache_headers(response)
        return response

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=True, **kwargs)


class SearchView(CardListMixin, CanonicalPageMixin, ListView):
    template_name = "articles/search.html"
    context_object_name = "articles"
    paginate_by = settings.NEWS_PAGE_SIZE

    def get_query(self):
        # PostgreSQL can't compare strings holding NUL; Django's form fields refuse it too.
        return self.request.GET.get("q", "").replace("\x00", "").strip()[:200]

    def get_queryset(self):
        articles = Article.objects.published().in_language().only(*FIELDS)
        return articles.search_results(self.get_query())

    def card_rows(self, rows):
        return map(values_of, rows)  # the search reads model instances

    def get_context_data(self, **kwargs):
        """Besides the page: `result_count`, the number of matches, exact when
        `result_count_is_exact`, else the cap on what search shows (see articles.search)."""
        context = super().get_context_data(query=self.get_query(), **kwargs)
        context["result_count"] = context["paginator"].count
        context["result_count_is_exact"] = getattr(self.object_list, "count_is_exact", True)
        return context

    def kept_parameters(self):
        query = self.get_query()
        return {"q": query} if query else {}


def tag_links(tags):
    """[(tag, the address of its page)]."""
    language = get_language()
    return [(tag, address("articles:tag", language, slug=tag.slug)) for tag in tags]


def article_shortlink(request, pk):
    """`/news/<id>/` redirects to the canonical address."""
    return redirect(
        get_object_or_404(Article.objects.published().only("id", "slug", "language"), pk=pk),
        permanent=True,
    )
