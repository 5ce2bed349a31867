"""Article revisions in the admin: kept on every save, listed, compared, restored and recovered
(django-reversion and django-reversion-compare)."""

import io
import re
from datetime import timedelta
from html import unescape

import pytest
import reversion
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version
from taggit.models import Tag

from articles.models import Article, TaggedArticle
from tests.media import image_bytes

from ..admin_forms import article_form
from ..xss_assertions import content_of
from .helpers import (
    CHANGELIST_URL,
    FIRST,
    RECOVER_LIST_URL,
    SECOND,
    compare_url,
    history_url,
    recover_url,
    revision_url,
    tag_names,
    versions,
)

pytestmark = pytest.mark.django_db


# --- Kept on every save ------------------------------------------------------------------


def test_each_admin_save_keeps_who_when_and_the_whole_article(edited, editor):
    first, second = versions(edited)

    assert first.revision.user == second.revision.user == editor
    assert first.revision.date_created <= second.revision.date_created
    assert first.field_dict["title"] == FIRST["title"]
    assert first.field_dict["body"] == FIRST["body"]
    assert second.field_dict["summary"] == SECOND["summary"]
    kept_tags = Version.objects.get_for_model(TaggedArticle).filter(revision=first.revision)
    assert kept_tags.count() == 2  # the tags are in the revision too


def test_history_lists_the_revisions_with_their_editor(editor_client, edited):
    response = editor_client.get(history_url(edited))

    assert response.status_code == 200
    content = content_of(response)
    for version in versions(edited):
        assert revision_url(edited, version) in content
    assert len(re.findall(r"<td>\s*editor\s", content)) == 2  # who saved each
    assert 'name="version_id1"' in content  # two revisions: they can be compared


# --- Compare ----------------------------------------------------------------------------


def test_compare_shows_the_changed_words_of_title_summary_and_body_text(editor_client, edited):
    first, second = versions(edited)
    response = editor_client.get(compare_url(edited, first, second))

    assert response.status_code == 200
    content = content_of(response)
    assert "Harbour pilot <del>begins</del><ins>expands</ins>" in content
    assert "<del>Three</del><ins>Five</ins> stations open" in content  # the summary
    assert "links <del>three</del><ins>five</ins> refuelling" in content  # the body's text
    assert "<del>energy, hydrogen</del><ins>solar</ins>" in content  # the tags
    # The body as text: no markup, raw or escaped.
    assert "&lt;p&gt;" not in content and "&lt;strong&gt;" not in content
    assert "<strong>three" not in content and "<em>five" not in content


def test_compare_says_when_only_the_formatting_changed(editor_client, editor, make_article):
    with reversion.create_revision():
        article = make_article(body="<p>Plain words.</p>")
    with reversion.create_revision():
        article.body = "<p><strong>Plain</strong> words.</p>"
        article.save()

    response = editor_client.get(compare_url(article, *versions(article)))

    assert "Only the formatting changed; the text is the same." in content_of(response)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?version_id1=abc&version_id2=1",
        "?version_id1=1&version_id2=99999999999999999999999",
        "?version_id1=-1&version_id2=0",
    ],
)
def test_compare_with_bad_version_ids_is_not_found(editor_client, edited, query):
    url = reverse("admin:articles_article_compare", args=[edited.pk])
    assert editor_client.get(url + query).status_code == 404


def test_compare_refuses_versions_of_another_article(editor_client, edited, make_article):
    with reversion.create_revision():
        other = make_article()
    first, _ = versions(edited)
    (foreign,) = versions(other)

    assert editor_client.get(compare_url(edited, first, foreign)).status_code == 404
    url = reverse("admin:articles_article_compare", args=["nonsense"])
    assert editor_client.get(f"{url}?version_id1=1&version_id2=2").status_code == 404


# --- Restore ------------------------------------------------------------------------------


def test_editor_restores_the_first_version_only_when_saving(
    visitor, editor_client, edited, django_capture_on_commit_callbacks
):
    first, _ = versions(edited)
    public_url = edited.get_absolute_url()

    form = editor_client.get(revision_url(edited, first))

    assert form.status_code == 200
    shown = unescape(content_of(form))
    assert f'value="{FIRST["title"]}"' in shown
    assert 'value="energy, hydrogen"' in shown
    assert "Press the save button below to revert to this version" in shown
    # Nothing changed yet: not the article, its tags, its page, nor its history.
    edited.refresh_from_db()
    assert edited.title == SECOND["title"] and tag_names(edited) == ["solar"]
    assert SECOND["title"] in visitor.get(public_url).content.decode()
    assert len(versions(edited)) == 2

    with django_capture_on_commit_callbacks(execute=True):  # the cached page goes stale
        saved = editor_client.post(
            revision_url(edited, first), article_form(edited.category, **FIRST)
        )

    assert saved.status_code == 302
    edited.refresh_from_db()
    assert edited.title == FIRST["title"]
    assert tag_names(edited) == ["energy", "hydrogen"]
    page = visitor.get(public_url).content.decode()
    assert FIRST["title"] in page and SECOND["title"] not in page
    assert "three</strong> refuelling stations" in page
    restored = versions(edited)[-1]
    assert len(versions(edited)) == 3
    assert restored.revision.comment.startswith("Reverted to previous version, saved on")


def test_a_restore_keeps_revoked_share_links_revoked(editor_client, edited):
    first, _ = versions(edited)
    revoked = timezone.now() - timedelta(minutes=5)
    Article.objects.filter(pk=edited.pk).update(share_links_revoked_at=revoked)
    published = edited.first_published_at

    response = editor_client.post(
        revision_url(edited, first), article_form(edited.category, **FIRST)
    )

    assert response.status_code == 302
    edited.refresh_from_db()
    assert edited.title == FIRST["title"]
    assert edited.share_links_revoked_at == revoked
    assert edited.first_published_at == published


def test_a_restore_leaves_out_a_tag_deleted_since(editor_client, edited):
    first, _ = versions(edited)
    Tag.objects.filter(name="energy").delete()

    form = editor_client.get(revision_url(edited, first))
    assert form.status_code == 200
    assert 'value="hydrogen"' in content_of(form)
    response = editor_client.post(
        revision_url(edited, first), article_form(edited.category, **FIRST | {"tags": "hydrogen"})
    )

    assert response.status_code == 302
    edited.refresh_from_db()
    assert edited.title == FIRST["title"]
    assert tag_names(edited) == ["hydrogen"]


@pytest.mark.parametrize("version_id", ["99999", "99999999999999999999999"])
def test_a_version_that_is_not_the_articles_is_not_found(editor_client, edited, version_id):
    url = reverse("admin:articles_article_revision", args=[edited.pk, version_id])
    assert editor_client.get(url).status_code == 404


def test_a_tag_version_cannot_stand_in_for_an_article_version(editor_client, edited):
    tag_version = Version.objects.get_for_model(TaggedArticle).first()
    url = reverse("admin:articles_article_revision", args=[edited.pk, tag_version.pk])

    assert editor_client.get(url).status_code == 404


# --- Recover ------------------------------------------------------------------------------


def test_editor_recovers_a_deleted_article_with_its_tags(
    visitor, editor_client, edited, django_capture_on_commit_callbacks
):
    pk, public_url = edited.pk, edited.get_absolute_url()
    delete_url = reverse("admin:articles_article_delete", args=[pk])
    assert editor_client.post(delete_url, {"post": "yes"}).status_code == 302
    assert visitor.get(public_url).status_code == 404

    listed = editor_client.get(RECOVER_LIST_URL)
    assert SECOND["title"] in content_of(listed)
    (deleted,) = Version.objects.get_deleted(Article)
    form = editor_client.get(recover_url(deleted))
    assert form.status_code == 200
    assert f'value="{SECOND["title"]}"' in content_of(form)
    assert not Article.objects.filter(pk=pk).exists()  # not before the editor saves

    with django_capture_on_commit_callbacks(execute=True):
        saved = editor_client.post(recover_url(deleted), article_form(edited.category, **SECOND))

    assert saved.status_code == 302
    article = Article.objects.get(pk=pk)
    assert tag_names(article) == ["solar"]
    assert SECOND["title"] in visitor.get(public_url).content.decode()


def test_an_article_saved_without_a_revision_can_be_recovered_after_deletion(
    editor_client, make_article
):
    article = make_article(title="Made by a script")
    assert versions(article) == []

    editor_client.post(
        CHANGELIST_URL,
        {"action": "delete_selected", "_selected_action": [article.pk], "post": "yes"},
    )

    assert not Article.objects.exists()
    assert "Made by a script" in content_of(editor_client.get(RECOVER_LIST_URL))


def test_recovering_an_article_that_exists_is_not_found(editor_client, edited):
    first, _ = versions(edited)
    assert editor_client.get(recover_url(first)).status_code == 404
    assert editor_client.get(recover_url(Version(pk=99999))).status_code == 404


# --- Revisions from the bulk actions and from loaddemo -----------------------------------


def test_bulk_actions_keep_a_revision_for_each_changed_article(editor_client, editor, make_article):
    drafts = [make_article(status=Article.Status.DRAFT) for _ in range(2)]
    live = make_article()

    editor_client.post(
        CHANGELIST_URL,
        {"action": "publish_selected", "_selected_action": [a.pk for a in (*drafts, live)]},
    )

    assert versions(live) == []  # already published: unchanged
    (first,), (second,) = versions(drafts[0]), versions(drafts[1])
    assert first.revision != second.revision  # restoring one leaves the other alone
    for version in (first, second):
        assert version.field_dict["status"] == Article.Status.PUBLISHED
        assert version.revision.user == editor
        assert version.revision.comment == "Status set to “Published” with a bulk action."

    editor_client.post(
        CHANGELIST_URL, {"action": "unpublish_selected", "_selected_action": [drafts[0].pk]}
    )
    assert [v.field_dict["status"] for v in versions(drafts[0])] == ["published", "draft"]


def test_loaddemo_keeps_a_revision_for_each_article(monkeypatch):
    # Small covers: drawing the real ones takes seconds and is not what is tested here.
    monkeypatch.setattr(
        "articles.management.commands.loaddemo.make_cover",
        lambda motif, number: image_bytes(size=(160, 90)),
    )
    call_command("loaddemo", stdout=io.StringIO())

    articles = list(Article.objects.all())
    revisions = {version.revision_id for a in articles for version in versions(a)}
    assert articles and len(revisions) == len(articles)
    for article in articles:
        (version,) = versions(article)
        assert version.field_dict["title"] == article.title
        assert version.revision.comment == "Loaded by loaddemo."

    call_command("loaddemo", stdout=io.StringIO())  # finds them all: changes nothing
    assert Version.objects.get_for_model(Article).count() == len(articles)
