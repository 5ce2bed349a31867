from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="list"),
    path("category/<str:slug>/", views.ArticleListView.as_view(), name="category"),
    path("preview/<int:pk>/", views.ArticlePreviewView.as_view(), name="preview"),
    path("<int:pk>/", views.article_shortlink, name="shortlink"),
    path("<int:pk>/<str:slug>/", views.ArticleDetailView.as_view(), name="detail"),
]
