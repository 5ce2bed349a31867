from django.urls import path, register_converter

from pagecache import cacheable, canonical_page

from . import converters, readership, sharing, views

register_converter(converters.UnicodeSlugConverter, "uslug")

app_name = "articles"

urlpatterns = [
    path("", cacheable(views.ArticleListView.as_view(), page=canonical_page), name="list"),
    path(
        "category/<uslug:slug>/",
        cacheable(views.ArticleListView.as_view(), page=canonical_page),
        name="category",
    ),
    path(
        "tag/<uslug:slug>/",
        cacheable(views.TagArticleListView.as_view(), page=canonical_page),
        name="tag",
    ),
    path("preview/<int:pk>/", views.ArticlePreviewView.as_view(), name="preview"),
    path("read/<int:pk>/", readership.read, name="read"),  # never cached: counts views
    # Never `cacheable`: each link is private to the people it was given to.
    path("shared/<str:token>/", sharing.SharedArticleView.as_view(), name="shared"),
    path("<int:pk>/", views.article_shortlink, name="shortlink"),
    path("<int:pk>/<uslug:slug>/", cacheable(views.ArticleDetailView.as_view()), name="detail"),
]
