from django.urls import path, register_converter

from pagecache import cacheable

from . import converters, views
from .pagination import canonical_page

register_converter(converters.UnicodeSlugConverter, "uslug")

app_name = "articles"

urlpatterns = [
    path("", cacheable(views.ArticleListView.as_view(), page=canonical_page), name="list"),
    path(
        "category/<uslug:slug>/",
        cacheable(views.ArticleListView.as_view(), page=canonical_page),
        name="category",
    ),
    path("preview/<int:pk>/", views.ArticlePreviewView.as_view(), name="preview"),
    path("<int:pk>/", views.article_shortlink, name="shortlink"),
    path("<int:pk>/<uslug:slug>/", cacheable(views.ArticleDetailView.as_view()), name="detail"),
]
