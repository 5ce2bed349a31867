"""Old URLs never break: renamed articles, legacy pages recorded at import, and redirects that
staff enter, all answer 301 straight to where the content is now."""

import io
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Redirect

from .hostile_payloads import EACH_PAYLOAD
from .xss_assertions import content_of, find_executable_markup

pytestmark = pytest.mark.django_db

LEGACY_PAGE = Path("/work/shared/seeds/legacy-news-page.txt")
LEGACY_PATH = "/about/companynews-detail-123.htm"
ADD_URL = reverse("admin:articles_redirect_add")
CHANGELIST_URL = reverse("admin:articles_redirect_changelist")


def import_news(path, *args):
    out = io.StringIO()
    call_command("import_news", str(path), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def rename(article, slug):
    article.slug = slug
    article.save()
    return article


def assert_moved(client, old, new):
    response = client.get(old)
    assert (response.status_code, response["Location"]) == (301, new), old


# --- Renamed articles ------------------------------------------------------------------


def test_after_three_renames_every_old_url_leads_straight_to_the_current_one(client, make_article):
    article = make_article(title="Plant opens", slug="plant-opens")
    old_urls = [article.get_absolute_url()]
    for slug in ("plant-opens-in-may", "new-plant-opens", "hydrogen-plant-opens"):
        old_urls.append(rename(article, slug).get_absolute_url())
    current = old_urls.pop()

    for old in old_urls:
        assert_moved(client, old, current)
    assert client.get(current).status_code == 200


# --- Legacy pages recorded at import ---------------------------------------------------


def test_a_company_moving_from_the_legacy_site_keeps_its_old_links(client):
    import_news(LEGACY_PAGE, "--legacy-url", LEGACY_PATH)
    article = Article.objects.get()

    for old in (LEGACY_PATH, LEGACY_PATH + "?id=123&lang=en"):
        assert_moved(client, old, article.get_absolute_url())
    page = client.get(LEGACY_PATH, follow=True)
    assert page.status_code == 200
    assert "FTXT and BAIC FOTON Speeds Up Deepening Cooperation" in content_of(page)
    # Renamed later: still one hop, to the new address.
    rename(article, "ftxt-and-foton")
    assert_moved(client, LEGACY_PATH, article.get_absolute_url())


def test_a_full_legacy_url_is_recorded_as_its_path(client):
    import_news(LEGACY_PAGE, "--legacy-url", f"http://www.example.com.cn{LEGACY_PATH}?from=home")
    assert list(Redirect.objects.values_list("old_path", flat=True)) == [LEGACY_PATH]


def test_importing_the_page_again_keeps_one_old_path(client):
    import_news(LEGACY_PAGE, "--legacy-url", LEGACY_PATH)
    output = import_news(LEGACY_PAGE, "--legacy-url", LEGACY_PATH)
    assert "0 created" in output
    assert Redirect.objects.count() == 1


def test_a_legacy_path_of_another_article_is_refused_and_kept(make_article):
    other = make_article(title="Earlier import")
    Redirect.objects.create(old_path=LEGACY_PATH, article=other)

    with pytest.raises(CommandError, match="already leads to 'Earlier import'"):
        import_news(LEGACY_PAGE, "--legacy-url", LEGACY_PATH)
    assert Redirect.objects.get().article == other
    assert not Article.objects.exclude(pk=other.pk).exists()  # nothing imported


@pytest.mark.parametrize("url", ["about/news.htm", "/", "/admin/", "/news/", "http://x.example"])
def test_a_legacy_url_that_cannot_redirect_is_refused_before_importing(url):
    with pytest.raises(CommandError, match="--legacy-url"):
        import_news(LEGACY_PAGE, "--legacy-url", url)
    assert not Article.objects.exists()


def test_an_unrecorded_legacy_looking_path_stays_404(client):
    import_news(LEGACY_PAGE, "--legacy-url", LEGACY_PATH)
    assert client.get("/about/companynews-detail-124.htm").status_code == 404


@pytest.mark.parametrize("when", ["draft", "scheduled"])
def test_an_old_path_of_an_article_not_yet_public_stays_404(client, make_article, when):
    fields = {"status": Article.Status.DRAFT}
    if when == "scheduled":
        fields = {"publish_at": timezone.now() + timezone.timedelta(days=2)}
    article = make_article(**fields)
    Redirect.objects.create(old_path=LEGACY_PATH, article=article)
    assert client.get(LEGACY_PATH).status_code == 404


def test_an_old_path_to_a_fixed_target(client):
    Redirect.objects.create(old_path="/about/news-list.htm", target="/news/")
    assert_moved(client, "/about/news-list.htm?page=3", "/news/")


def test_pages_that_exist_never_look_up_redirects(client, make_article):
    article = make_article()
    Redirect.objects.create(old_path="/news/", target="/search/")  # never reached
    with CaptureQueriesContext(connection) as queries:
        for path in ("/", "/news/", article.get_absolute_url()):
            assert client.get(path).status_code == 200
    assert not [q for q in queries.captured_queries if "articles_redirect" in q["sql"]]


# --- Staff manage redirects in the admin -----------------------------------------------


def test_editor_adds_changes_and_removes_a_redirect(editor_client, client, make_article):
    article = make_article(title="Annual report 2020")
    form = {"old_path": "/about/report.asp?id=7#top", "article": article.pk, "target": ""}
    response = editor_client.post(ADD_URL, form, follow=True)
    assert "was added successfully" in content_of(response)
    redirect = Redirect.objects.get()
    assert (redirect.old_path, redirect.article) == ("/about/report.asp", article)
    assert "Annual report 2020" in content_of(editor_client.get(CHANGELIST_URL))
    assert_moved(client, "/about/report.asp", article.get_absolute_url())

    change = reverse("admin:articles_redirect_change", args=[redirect.pk])
    editor_client.post(change, {"old_path": "/about/report.asp", "article": "", "target": "/news/"})
    assert_moved(client, "/about/report.asp", "/news/")

    delete = reverse("admin:articles_redirect_delete", args=[redirect.pk])
    editor_client.post(delete, {"post": "yes"})
    assert not Redirect.objects.exists()
    assert client.get("/about/report.asp").status_code == 404


def test_the_article_is_chosen_by_autocomplete(editor_client, make_article):
    make_article(title="Hydrogen valley pilot")
    assert "admin-autocomplete" in content_of(editor_client.get(ADD_URL))
    found = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "articles",
            "model_name": "redirect",
            "field_name": "article",
            "term": "valley",
        },
    ).json()
    assert [result["text"] for result in found["results"]] == ["Hydrogen valley pilot"]


def test_message_handlers_cannot_manage_redirects(handler_client):
    assert handler_client.get(CHANGELIST_URL).status_code == 403
    assert handler_client.post(ADD_URL, {"old_path": "/x.htm", "target": "/"}).status_code == 403
    assert not Redirect.objects.exists()


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"old_path": "", "target": "/news/"}, "This field is required"),
        ({"old_path": "/" + "x" * 500, "target": "/news/"}, "at most 500 characters"),
        ({"old_path": "about/x.htm", "target": "/news/"}, "must start with a single /"),
        ({"old_path": "/", "target": "/news/"}, "is the address of a page of this site"),
        ({"old_path": "/admin/login/", "target": "/news/"}, "is the address of a page of this"),
        ({"old_path": "/search/", "target": "/news/"}, "is the address of a page of this site"),
        ({"old_path": "/x.htm", "target": ""}, "Choose the article the old path leads to"),
        ({"old_path": "/x.htm", "target": "//evil.example/"}, "must be a path on this site"),
        ({"old_path": "/x.htm", "target": "/\\evil.example/"}, "must be a path on this site"),
        ({"old_path": "/x.htm", "target": "javascript:alert(1)"}, "must be a path on this site"),
        ({"old_path": "/x.htm", "target": "https://evil.example/"}, "Only a superuser may"),
        ({"old_path": "/x.htm", "target": "/a\r\nSet-Cookie: x=1"}, "must be a path on this site"),
    ],
)
def test_a_redirect_that_cannot_work_is_refused_with_a_reason(editor_client, form, message):
    response = editor_client.post(ADD_URL, {"article": "", **form})
    assert response.status_code == 200
    assert message in content_of(response)
    assert not Redirect.objects.exists()


def test_article_and_target_together_are_refused(editor_client, make_article):
    form = {"old_path": "/x.htm", "article": make_article().pk, "target": "/news/"}
    assert "not both" in content_of(editor_client.post(ADD_URL, form))
    assert not Redirect.objects.exists()


def test_an_old_path_already_recorded_is_refused(editor_client):
    Redirect.objects.create(old_path="/x.htm", target="/news/")
    response = editor_client.post(ADD_URL, {"old_path": "/x.htm?a=1", "target": "/search/"})
    assert "already exists" in content_of(response)
    assert Redirect.objects.get().target == "/news/"


def test_only_a_superuser_may_redirect_to_another_site(client, db):
    superuser = User.objects.create_superuser("root", "root@example.com", None)
    client.force_login(superuser)
    form = {"old_path": "/partners.htm", "article": "", "target": "https://partner.example/"}
    response = client.post(ADD_URL, form, follow=True)
    assert "was added successfully" in content_of(response)
    client.logout()
    assert_moved(client, "/partners.htm", "https://partner.example/")


# --- Hostile input ---------------------------------------------------------------------


@pytest.mark.parametrize("payload", EACH_PAYLOAD)
def test_hostile_paths_never_break_out_of_the_admin_or_the_location_header(
    editor_client, client, payload
):
    text = payload.fit(400)
    form = {"old_path": f"/legacy/{text}", "article": "", "target": f"/news/{text}"}
    response = editor_client.post(ADD_URL, form, follow=True)
    assert response.status_code == 200
    redirect = Redirect.objects.first()
    if redirect is None:  # refused: the form says why, and shows the input harmlessly
        assert "Please correct the error" in content_of(response)
        assert not find_executable_markup(content_of(response))
        return
    for url in (CHANGELIST_URL, reverse("admin:articles_redirect_change", args=[redirect.pk])):
        page = editor_client.get(url)
        assert page.status_code == 200
        assert not find_executable_markup(content_of(page)), url

    moved = client.get(redirect.old_path)
    assert moved.status_code == 301
    location = moved["Location"]
    assert not any(ch in location for ch in '\r\n\x00<>" ')
    assert location.startswith("/news/")
    assert urlsplit(location).netloc == ""
