from ckeditor_uploader import views as ckeditor_views
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.decorators.cache import never_cache

from articles.editor_uploads import EditorImageUploadView
from articles.feeds import LatestArticlesAtomFeed, LatestArticlesFeed
from articles.sitemaps import sitemap_section, sitemaps
from articles.views import SearchView
from newscenter.views import HomeView, RobotsView, admin_view_on_site, favicon
from pagecache import cacheable, canonical_page


def editor_upload_view(view):
    """CKEditor's upload views, for staff who hold the upload permission (the Editors group)."""
    upload_permission = permission_required("articles.upload_image", raise_exception=True)
    return staff_member_required(upload_permission(view))


# The public pages, in each language: the default one unprefixed (/news/), the others under
# their prefix (/zh-hans/news/). newscenter.locale takes the language from the address.
# The pages the page cache may store for anonymous visitors are marked `cacheable`.
public_patterns = [
    path("", cacheable(HomeView.as_view()), name="home"),
    path("news/", include("articles.urls")),
    path("search/", SearchView.as_view(), name="search"),
    path("message/", include("online_messages.urls")),
    path("feed/", cacheable(LatestArticlesFeed()), name="feed"),
    path("feed/atom/", cacheable(LatestArticlesAtomFeed()), name="feed-atom"),
    path(
        "sitemap.xml",
        cacheable(sitemap_views.index),
        {"sitemaps": sitemaps, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        cacheable(sitemap_section, p=canonical_page),
        name="sitemap-section",
    ),
]

urlpatterns = [
    *i18n_patterns(*public_patterns, prefix_default_language=False),
    # One for the whole host, naming each language's sitemap.
    path("robots.txt", cacheable(RobotsView.as_view()), name="robots"),
    path("favicon.ico", favicon),
    path(
        "ckeditor/upload/",
        # CSRF-checked: CKEditor sends the token as a header (static/js/editor-csrf.js).
        editor_upload_view(EditorImageUploadView.as_view()),
        name="ckeditor_upload",
    ),
    path(
        "ckeditor/browse/",
        never_cache(editor_upload_view(ckeditor_views.browse)),
        name="ckeditor_browse",
    ),
    # Ahead of the admin's own view of that address, which checks staff status only.
    path("admin/r/<int:content_type_id>/<path:object_id>/", admin_view_on_site),
    path("admin/", admin.site.urls),
]

if settings.MESSAGE_CAPTCHA:
    # Only then: its views answer anyone, and the refresh view stores a row for every request.
    urlpatterns += [path("captcha/", include("captcha.urls"))]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
