"""Translations in the admin: the language in the list and the form, an article's translations
on its change page, "Translate to" making a linked draft, and a language a story already has
refused as a form error."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from articles.models import Article

from .admin_forms import article_form
from .test_hostile_payloads import THROUGH_THE_SITE, Checker

pytestmark = pytest.mark.django_db

LIST_URL = reverse("admin:articles_article_changelist")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def translate_url(article, language):
    return reverse("admin:articles_article_translate", args=[article.pk, language])


@pytest.fixture
def story(make_article, image_upload):
    """A published English article with what its translations share."""
    article = make_article(
        title="Hydrogen plant opens",
        summary="The plant makes fuel cells.",
        body="<p>The plant opened today.</p>",
        cover=image_upload(),
        cover_alt="The plant",
        pinned=True,
    )
    article.tags.add("hydrogen", "plants")
    return article


def test_the_list_shows_and_filters_by_language(editor_client, make_article):
    make_article(title="An English story")
    make_article(title="一篇中文新闻", language="zh-hans")

    page = editor_client.get(LIST_URL).content.decode()
    assert "Simplified Chinese" in page and "English" in page
    chinese = editor_client.get(LIST_URL, {"language__exact": "zh-hans"}).content.decode()
    assert "一篇中文新闻" in chinese
    assert "An English story" not in chinese


def test_the_add_form_lets_the_editor_pick_the_language(editor_client, category):
    page = editor_client.get(reverse("admin:articles_article_add")).content.decode()
    assert '<select name="language"' in page
    data = article_form(category, title="季度业绩公布", language="zh-hans")
    response = editor_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302
    assert Article.objects.get(title="季度业绩公布").language == "zh-hans"


def test_the_change_page_lists_translations_with_status_and_offers_the_missing_language(
    editor_client, story, make_article
):
    page = editor_client.get(change_url(story)).content.decode()
    assert "This article has no translations yet." in page
    assert f'action="{translate_url(story, "zh-hans")}"' in page
    assert "Translate to 简体中文" in page
    assert translate_url(story, "en") not in page  # its own language

    chinese = make_article(
        title="氢能工厂开业",
        language="zh-hans",
        translation_key=story.translation_key,
        status=Article.Status.DRAFT,
    )
    page = editor_client.get(change_url(story)).content.decode()
    assert f'<a href="{change_url(chinese)}">氢能工厂开业</a>' in page
    assert "(Simplified Chinese, Draft)" in page
    assert "Translate to" not in page  # every language is there
    # And the way back, from the translation to the original.
    page = editor_client.get(change_url(chinese)).content.decode()
    assert f'<a href="{change_url(story)}">Hydrogen plant opens</a>' in page
    assert "(English, Published)" in page


def test_translating_makes_a_linked_draft_with_the_shared_fields_and_opens_it(
    editor_client, editor, story
):
    response = editor_client.post(translate_url(story, "zh-hans"), follow=True)

    draft = Article.objects.get(language="zh-hans")
    assert response.redirect_chain == [(change_url(draft), 302)]
    assert draft.translation_key == story.translation_key
    assert draft.status == Article.Status.DRAFT
    assert (draft.category, draft.cover.name, draft.pinned) == (
        story.category,
        story.cover.name,
        True,
    )
    assert sorted(draft.tags.names()) == ["hydrogen", "plants"]
    assert (draft.title, draft.summary, draft.body) == (story.title, story.summary, story.body)
    assert draft.slug != story.slug
    assert draft.created_by == editor
    page = response.content.decode()
    assert "Its texts are copied from the English version as a starting point" in page
    assert f'<a href="{change_url(story)}">Hydrogen plant opens</a>' in page
    # The original is as it was, and lists its new translation.
    story.refresh_from_db()
    assert (story.language, story.status, story.title) == (
        "en",
        "published",
        "Hydrogen plant opens",
    )
    assert list(story.translations()) == [draft]


def test_translating_again_opens_the_translation_there_is(editor_client, story):
    editor_client.post(translate_url(story, "zh-hans"))
    response = editor_client.post(translate_url(story, "zh-hans"), follow=True)
    draft = Article.objects.get(language="zh-hans")
    assert response.redirect_chain == [(change_url(draft), 302)]
    assert "already has a version in Simplified Chinese" in response.content.decode()
    assert Article.objects.count() == 2


def test_a_language_the_site_has_not_is_refused_with_a_message(editor_client, story):
    response = editor_client.post(translate_url(story, "fr"), follow=True)
    assert response.redirect_chain == [(change_url(story), 302)]
    assert "There is no language" in response.content.decode()
    assert Article.objects.count() == 1


def test_translating_a_missing_article_is_404(editor_client):
    assert (
        editor_client.post(
            reverse("admin:articles_article_translate", args=[9999, "en"])
        ).status_code
        == 404
    )


def test_translating_is_a_post(editor_client, story):
    assert editor_client.get(translate_url(story, "zh-hans")).status_code == 405
    assert Article.objects.count() == 1


def test_translating_needs_a_csrf_token(editor, story):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor)
    assert browser.post(translate_url(story, "zh-hans")).status_code == 403
    assert Article.objects.count() == 1


def test_message_handlers_may_not_translate(handler_client, story):
    assert handler_client.post(translate_url(story, "zh-hans")).status_code == 403
    assert Article.objects.count() == 1


def test_without_the_add_permission_there_is_no_button_and_no_translation(
    editor_client, editor, story
):
    editor.user_permissions.add(Permission.objects.get(codename="change_article"))
    editor.groups.clear()
    page = editor_client.get(change_url(story)).content.decode()
    assert "Translate to" not in page
    assert editor_client.post(translate_url(story, "zh-hans")).status_code == 403
    assert Article.objects.count() == 1


def test_anonymous_users_are_sent_to_the_login_page(client, story):
    response = client.post(translate_url(story, "zh-hans"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    assert Article.objects.count() == 1


def test_editing_an_article_leaves_its_translations_alone(editor_client, story, category):
    editor_client.post(translate_url(story, "zh-hans"))
    draft = Article.objects.get(language="zh-hans")
    data = article_form(category, title="Hydrogen plant opens its doors", language="en")
    assert editor_client.post(change_url(story), data).status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Hydrogen plant opens"
    assert draft.status == Article.Status.DRAFT


def test_a_language_the_story_already_has_is_refused_as_a_form_error(
    editor_client, story, category
):
    editor_client.post(translate_url(story, "zh-hans"))
    draft = Article.objects.get(language="zh-hans")
    data = article_form(category, title="氢能工厂开业", language="en")
    response = editor_client.post(change_url(draft), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "This story already has a version in English" in errors["language"][0]
    draft.refresh_from_db()
    assert (draft.language, draft.title) == ("zh-hans", "Hydrogen plant opens")


def test_a_form_without_the_language_keeps_the_article_s(editor_client, make_article, category):
    article = make_article(language="zh-hans")
    data = article_form(category, title="新标题")
    assert editor_client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert (article.title, article.language) == ("新标题", "zh-hans")


def test_the_category_admin_edits_the_chinese_name(admin_client, category):
    page = admin_client.get(reverse("admin:articles_category_changelist")).content.decode()
    assert "name in Simplified Chinese" in page.lower() or "Name in Simplified Chinese" in page
    data = {"name": category.name, "name_zh_hans": "公司新闻", "slug": category.slug, "position": 1}
    url = reverse("admin:articles_category_change", args=[category.pk])
    assert 'name="name_zh_hans"' in admin_client.get(url).content.decode()
    assert admin_client.post(url, data).status_code == 302
    category.refresh_from_db()
    assert category.name_zh_hans == "公司新闻"


@pytest.mark.parametrize("payload", THROUGH_THE_SITE)
def test_titles_of_translations_are_shown_escaped(payload, admin_client, make_article):
    article = make_article(title="Plain original")
    make_article(
        title=payload.storable(200),
        language="zh-hans",
        translation_key=article.translation_key,
    )
    check = Checker(payload)
    html = check.page(admin_client, change_url(article))
    box = re.search(r'<section class="module article-translations".*?</section>', html, re.S)
    if box is None or payload.marker not in box[0]:
        check.fail("translations box", "the translation's title is not in the box")
    check.assert_clean()


def test_a_chinese_article_is_translated_to_english(editor_client, make_article):
    chinese = make_article(title="氢能工厂开业", language="zh-hans")
    page = editor_client.get(change_url(chinese)).content.decode()
    assert "Translate to English" in page
    response = editor_client.post(translate_url(chinese, "en"), follow=True)
    english = Article.objects.get(language="en")
    assert response.redirect_chain == [(change_url(english), 302)]
    assert english.translation_key == chinese.translation_key
    assert english.slug == "氢能工厂开业-en"
    assert "copied from the Simplified Chinese version" in response.content.decode()


def test_an_article_without_a_translation_key_starts_a_story_when_translated(
    editor_client, make_article
):
    older = make_article(title="Older article")
    make_article(title="Another older one")
    Article.objects.update(translation_key=None)
    page = editor_client.get(change_url(older)).content.decode()
    assert "This article has no translations yet." in page
    assert "Another older one" not in page

    editor_client.post(translate_url(older, "zh-hans"))
    older.refresh_from_db()
    draft = Article.objects.get(language="zh-hans")
    assert draft.translation_key == older.translation_key == older.uuid
