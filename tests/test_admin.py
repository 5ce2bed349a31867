"""Editors at work in the admin: writing, publishing, previewing, uploading images."""

import re
from datetime import datetime, timedelta
from urllib.parse import unquote

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import timezone

from articles.models import Article
from tests.admin_forms import article_form
from tests.media import stored_files

ADD_URL = reverse("admin:articles_article_add")
CHANGELIST_URL = reverse("admin:articles_article_changelist")
CATEGORY_CHANGELIST_URL = reverse("admin:articles_category_changelist")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def row_for(html, text):
    """The changelist row (<tr>) that mentions `text`."""
    rows = [row for row in re.findall(r"<tr[^>]*>.*?</tr>", html, re.S) if text in row]
    assert len(rows) == 1, f"expected one row with {text!r}, found {len(rows)}"
    return rows[0]


# --- The Editors group -----------------------------------------------------------------


def test_editors_group_holds_exactly_the_article_permissions(db):
    permissions = Group.objects.get(name="Editors").permissions.all()
    codenames = set(permissions.values_list("codename", flat=True))
    assert codenames == {
        "add_article",
        "change_article",
        "delete_article",
        "view_article",
        "add_category",
        "change_category",
        "delete_category",
        "view_category",
        "upload_image",
        "add_redirect",
        "change_redirect",
        "delete_redirect",
        "view_redirect",
        # taggit's Tag
        "add_tag",
        "change_tag",
        "delete_tag",
        "view_tag",
    }
    # Nothing on users, groups, messages or anything else outside articles and tags.
    assert not permissions.exclude(content_type__app_label__in=["articles", "taggit"]).exists()
    # Not the tagged-article links or the daily views: the article form and the batch write those.
    assert not permissions.filter(codename__endswith="taggedarticle").exists()
    assert not permissions.filter(codename__endswith="dailyviews").exists()


@pytest.mark.parametrize("url", ["/admin/auth/user/", "/admin/auth/group/"])
def test_editor_cannot_open_user_or_group_admin(editor_client, url):
    assert editor_client.get(url).status_code == 403


def test_editor_cannot_open_message_admin(editor_client):
    assert editor_client.get("/admin/online_messages/message/").status_code == 403


# --- Writing an article ------------------------------------------------------------------


def test_add_form_shows_the_rich_text_editor(editor_client):
    response = editor_client.get(ADD_URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert 'data-type="ckeditortype"' in content
    assert "ckeditor/ckeditor/ckeditor.js" in content
    assert "leave it empty" in content  # the slug's help text


def test_editor_adds_an_article_through_the_admin(editor_client, editor, category, image_upload):
    hostile = '<p>Revenue grew.</p><script>alert("x")</script><img src="/a.png" onerror="alert(1)">'
    response = editor_client.post(
        ADD_URL, article_form(category, body=hostile, cover=image_upload("board.jpg"))
    )
    assert response.status_code == 302
    assert response["Location"] == CHANGELIST_URL

    article = Article.objects.get()
    assert article.title == "Quarterly results announced"
    assert article.slug == "quarterly-results-announced"
    assert article.created_by == editor
    assert article.updated_by == editor
    assert article.status == Article.Status.PUBLISHED
    assert article.pinned is True
    assert article.source == "Corporate Communications"
    assert article.publish_at == timezone.make_aware(datetime(2020, 11, 20, 9, 30))
    assert "<p>Revenue grew.</p>" in article.body
    assert "<script" not in article.body
    assert "alert" not in article.body
    assert "onerror" not in article.body
    assert article.cover.name.startswith("covers/")
    assert article.cover_alt == "The board on stage"
    assert article.cover_card  # the list rendition was made from the uploaded cover


def test_chinese_title_gets_a_chinese_slug_that_resolves(editor_client, category):
    title = "公司召开年度总结大会"
    response = editor_client.post(ADD_URL, article_form(category, title=title))
    assert response.status_code == 302

    article = Article.objects.get()
    assert article.slug == title
    url = article.get_absolute_url()
    assert resolve(unquote(url)).url_name == "detail"  # as Django sees the path a browser sends
    public = editor_client.get(url)
    assert public.status_code == 200
    assert title in public.content.decode()


def test_invalid_form_is_shown_again_and_stores_nothing(editor_client, category):
    response = editor_client.post(
        ADD_URL, article_form(category, title="", publish_at_0="not a date")
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors.keys() >= {"title", "publish_at"}
    assert not Article.objects.exists()


def test_second_editor_becomes_updated_by_but_not_created_by(
    client, editor, make_editor, make_article, category
):
    article = make_article(title="First version", created_by=editor, updated_by=editor)
    other = make_editor("second")
    client.force_login(other)

    response = client.post(
        change_url(article), article_form(category, title="Second version", slug=article.slug)
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Second version"
    assert article.created_by == editor
    assert article.updated_by == other


# --- Publishing several at once ----------------------------------------------------------


def test_publish_action_publishes_drafts_and_keeps_schedules(editor_client, editor, make_article):
    past = timezone.now() - timedelta(days=2)
    future = timezone.now() + timedelta(days=3)
    ready = make_article(title="Ready draft", status=Article.Status.DRAFT, publish_at=past)
    later = make_article(title="Later draft", status=Article.Status.DRAFT, publish_at=future)
    live = make_article(title="Already live")

    response = editor_client.post(
        CHANGELIST_URL,
        {"action": "publish_selected", "_selected_action": [ready.pk, later.pk, live.pk]},
        follow=True,
    )

    content = response.content.decode()
    assert "2 articles were published." in content
    assert "1 of them is scheduled" in content
    for article in (ready, later):
        article.refresh_from_db()
        assert article.status == Article.Status.PUBLISHED
        assert article.updated_by == editor
    assert later.publish_at == future
    # Published for the first time with a past date: dated now, so it leads the list.
    assert list(Article.objects.published()) == [ready, live]
    editor_client.logout()
    assert editor_client.get(later.get_absolute_url()).status_code == 404


def test_unpublish_action_turns_articles_into_hidden_drafts(editor_client, editor, make_article):
    first, second = make_article(title="First"), make_article(title="Second")
    kept = make_article(title="Kept")

    response = editor_client.post(
        CHANGELIST_URL,
        {"action": "unpublish_selected", "_selected_action": [first.pk, second.pk]},
        follow=True,
    )

    assert "2 articles were unpublished" in response.content.decode()
    assert list(Article.objects.published()) == [kept]
    first.refresh_from_db()
    assert first.status == Article.Status.DRAFT
    assert first.updated_by == editor
    editor_client.logout()
    assert editor_client.get(first.get_absolute_url()).status_code == 404


def test_publishing_one_article_says_so_in_the_singular(editor_client, make_article):
    draft = make_article(status=Article.Status.DRAFT)
    response = editor_client.post(
        CHANGELIST_URL, {"action": "publish_selected", "_selected_action": [draft.pk]}, follow=True
    )
    assert "1 article was published." in response.content.decode()


# --- The article list ----------------------------------------------------------------------


def test_changelist_shows_state_and_the_right_link(editor_client, make_article):
    live = make_article(title="Live story")
    draft = make_article(title="Draft story", status=Article.Status.DRAFT)
    scheduled = make_article(title="Scheduled story", publish_at=timezone.now() + timedelta(days=1))

    content = editor_client.get(CHANGELIST_URL).content.decode()

    live_row = row_for(content, "Live story")
    assert ">Published<" in live_row
    assert f'href="{live.get_absolute_url()}"' in live_row
    assert ">View<" in live_row
    draft_row = row_for(content, "Draft story")
    assert ">Draft<" in draft_row
    assert f'href="{reverse("articles:preview", args=[draft.pk])}"' in draft_row
    scheduled_row = row_for(content, "Scheduled story")
    assert ">Scheduled<" in scheduled_row
    assert f'href="{reverse("articles:preview", args=[scheduled.pk])}"' in scheduled_row
    assert ">Preview<" in scheduled_row


def test_changelist_filters_by_status(editor_client, make_article):
    make_article(title="Live story")
    make_article(title="Draft story", status=Article.Status.DRAFT)

    content = editor_client.get(CHANGELIST_URL, {"status__exact": "draft"}).content.decode()

    assert "Draft story" in content
    assert "Live story" not in content


def test_changelist_search_finds_by_title(editor_client, make_article):
    make_article(title="Factory opens in Suzhou")
    make_article(title="New board member")

    content = editor_client.get(CHANGELIST_URL, {"q": "suzhou"}).content.decode()

    assert "Factory opens in Suzhou" in content
    assert "New board member" not in content


def test_changelist_date_hierarchy_narrows_to_a_year(editor_client, make_article):
    make_article(title="Old news", publish_at=timezone.make_aware(datetime(2020, 6, 15, 12)))
    make_article(title="Recent news", publish_at=timezone.make_aware(datetime(2024, 6, 15, 12)))

    overview = editor_client.get(CHANGELIST_URL).content.decode()
    assert "?publish_at__year=2020" in overview
    assert "?publish_at__year=2024" in overview

    content = editor_client.get(CHANGELIST_URL, {"publish_at__year": "2020"}).content.decode()
    assert "Old news" in content
    assert "Recent news" not in content


def test_changelist_with_a_bad_filter_value_is_not_a_server_error(editor_client, make_article):
    make_article()
    response = editor_client.get(CHANGELIST_URL, {"publish_at__year": "abc"})
    assert response.status_code == 302
    assert response["Location"] == f"{CHANGELIST_URL}?e=1"


# --- Preview and "View on site" --------------------------------------------------------------


def test_staff_preview_a_draft_uncached(editor_client, make_article):
    draft = make_article(title="Unreleased plan", status=Article.Status.DRAFT)

    response = editor_client.get(reverse("articles:preview", args=[draft.pk]))

    assert response.status_code == 200
    assert "Unreleased plan" in response.content.decode()
    cache_control = response["Cache-Control"]
    assert "no-cache" in cache_control or "max-age=0" in cache_control
    assert "private" in cache_control or "no-store" in cache_control


def test_anonymous_preview_goes_to_admin_login_and_public_url_is_404(client, make_article):
    draft = make_article(title="Unreleased plan", status=Article.Status.DRAFT)

    response = client.get(reverse("articles:preview", args=[draft.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_logged_in_visitor_who_is_not_staff_cannot_preview(client, make_article):
    draft = make_article(title="Unreleased plan", status=Article.Status.DRAFT)
    client.force_login(User.objects.create_user("visitor", password="pw"))

    response = client.get(reverse("articles:preview", args=[draft.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert "Unreleased plan" not in response.content.decode()


def test_view_on_site_points_to_preview_for_a_draft(editor_client, make_article):
    draft = make_article(status=Article.Status.DRAFT)
    content = editor_client.get(change_url(draft)).content.decode()
    preview = reverse("articles:preview", args=[draft.pk])
    assert f'<a href="{preview}" class="viewsitelink">' in content


def test_view_on_site_points_to_the_canonical_url_when_published(editor_client, make_article):
    live = make_article()
    content = editor_client.get(change_url(live)).content.decode()
    assert f'<a href="{live.get_absolute_url()}" class="viewsitelink">' in content


# --- Images in the editor --------------------------------------------------------------------

UPLOAD_URL = "/ckeditor/upload/"


def test_anonymous_cannot_upload_images(client, image_upload, media_root):
    response = client.post(UPLOAD_URL, {"upload": image_upload()})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert stored_files(media_root) == []


def test_staff_without_upload_permission_cannot_upload(db, client, image_upload, media_root):
    client.force_login(User.objects.create_user("clerk", password="pw", is_staff=True))
    response = client.post(UPLOAD_URL, {"upload": image_upload()})
    assert response.status_code == 403
    assert stored_files(media_root) == []


def test_editor_uploads_an_image(editor_client, image_upload, media_root):
    response = editor_client.post(UPLOAD_URL, {"upload": image_upload("Board Photo.jpg")})

    assert response.status_code == 200
    url = response.json()["url"]
    assert url.startswith("/media/uploads/") and url.endswith(".jpg")
    assert (media_root / url.removeprefix("/media/")).is_file()


def test_editor_upload_of_a_non_image_is_refused(editor_client, media_root):
    fake = SimpleUploadedFile("notes.jpg", b"<html>not an image</html>", content_type="image/jpeg")
    response = editor_client.post(UPLOAD_URL, {"upload": fake})

    assert response.status_code == 400
    assert "not a complete image" in response.json()["error"]["message"]
    assert stored_files(media_root) == []


# --- Categories --------------------------------------------------------------------------------


def test_category_list_shows_article_counts(editor_client, make_category, make_article):
    busy = make_category(name="Industry News")
    make_category(name="Media Coverage")
    for _ in range(3):
        make_article(category=busy)
    make_article(status=Article.Status.DRAFT, category=busy)  # drafts count too

    content = editor_client.get(CATEGORY_CHANGELIST_URL).content.decode()

    assert '<td class="field-article_count">4</td>' in row_for(content, "Industry News")
    assert '<td class="field-article_count">0</td>' in row_for(content, "Media Coverage")


def test_category_list_counts_in_one_query_however_many_categories(
    editor_client, make_category, make_article
):
    make_article(category=make_category())
    with CaptureQueriesContext(connection) as few:
        editor_client.get(CATEGORY_CHANGELIST_URL)
    for _ in range(4):
        make_article(category=make_category())
    with CaptureQueriesContext(connection) as many:
        editor_client.get(CATEGORY_CHANGELIST_URL)
    assert len(many) == len(few)
