from ckeditor_uploader import views as ckeditor_views
from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from articles.editor_uploads import EditorImageUploadView
from articles.feeds import LatestArticlesAtomFeed, LatestArticlesFeed
from articles.sitemaps import sitemaps
from articles.views import HomeView, RobotsView, SearchView, favicon


def editor_upload_view(view):
    """CKEditor's upload views, for staff who hold the upload permission (the Editors group)."""
    upload_permission = permission_required("articles.upload_image", raise_exception=True)
    return staff_member_required(upload_permission(view))


# CKEditor posts uploads without Django's CSRF token; the session cookie is SameSite=Lax, so a
# cross-site form cannot carry a staff session to these views.
urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("news/", include("articles.urls")),
    path("search/", SearchView.as_view(), name="search"),
    path("message/", include("online_messages.urls")),
    path("feed/", LatestArticlesFeed(), name="feed"),
    path("feed/atom/", LatestArticlesAtomFeed(), name="feed-atom"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": sitemaps, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": sitemaps},
        name="sitemap-section",
    ),
    path("robots.txt", RobotsView.as_view(), name="robots"),
    path("favicon.ico", favicon),
    path(
        "ckeditor/upload/",
        editor_upload_view(csrf_exempt(EditorImageUploadView.as_view())),
        name="ckeditor_upload",
    ),
    path(
        "ckeditor/browse/",
        never_cache(editor_upload_view(ckeditor_views.browse)),
        name="ckeditor_browse",
    ),
    path("captcha/", include("captcha.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
