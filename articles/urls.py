from django.urls import path, register_converter

from . import converters, views

register_converter(converters.UnicodeSlugConverter, "uslug")

app_name = "articles"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="list"),
    path("category/<uslug:slug>/", views.ArticleListView.as_view(), name="category"),
    path("preview/<int:pk>/", views.ArticlePreviewView.as_view(), name="preview"),
    path("<int:pk>/", views.article_shortlink, name="shortlink"),
    path("<int:pk>/<uslug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
]
