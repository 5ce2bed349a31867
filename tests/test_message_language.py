"""The Online Message form in both languages: each message records the language it was sent from.

The Chinese form is the same form under /zh-hans/message/. The tests also send Accept-Language,
which is what LocaleMiddleware goes by where a URL has no language prefix.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from online_messages.models import Message

from .messages import FORM_URL, form_data

pytestmark = pytest.mark.django_db

CHANGELIST_URL = reverse("admin:online_messages_message_changelist")


@pytest.fixture(autouse=True)
def default_language_after_each_test():
    yield
    # A request to a /zh-hans/ page leaves Chinese active in this thread for what follows.
    translation.deactivate()


def chinese_form_url():
    with translation.override("zh-hans"):
        return reverse("online_messages:create")


def post_in_chinese(client, **fields):
    data = form_data(name="王芳", content="请寄一份燃料电池系统的产品目录。", **fields)
    return client.post(chinese_form_url(), data, HTTP_ACCEPT_LANGUAGE="zh-hans")


def test_english_form_stores_english(client):
    response = client.post(FORM_URL, form_data(), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert Message.objects.get().language == "en"


def test_chinese_form_stores_chinese(client):
    page = client.get(chinese_form_url(), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert page.status_code == 200
    assert '<html lang="zh-Hans">' in page.content.decode()

    response = post_in_chinese(client)

    with translation.override("zh-hans"):
        assert response.url == reverse("online_messages:thanks")  # thanked in Chinese too
    message = Message.objects.get()
    assert (message.name, message.language) == ("王芳", "zh-hans")


@pytest.mark.parametrize("header", ["xx-yy", "de", "zh-hans;q=abc", "'; DROP TABLE --", ""])
def test_an_unknown_or_garbled_language_falls_back_to_the_default(client, settings, header):
    response = client.post(FORM_URL, form_data(), HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code == 302
    assert Message.objects.get().language == settings.LANGUAGE_CODE


def test_set_language_accepts_only_the_site_languages(settings):
    message = Message()
    message.set_language("zh-hans")
    assert message.language == "zh-hans"
    message.set_language("fr")
    assert message.language == settings.LANGUAGE_CODE
    message.set_language(None)
    assert message.language == settings.LANGUAGE_CODE


def test_inbox_shows_and_filters_by_language(admin_client, make_message):
    make_message(name="Alpha English", language="en")
    make_message(name="Beta Chinese", language="zh-hans")

    html = admin_client.get(CHANGELIST_URL).content.decode()
    assert "Simplified Chinese" in html and "English" in html
    assert "language__exact=zh-hans" in html  # the filter's link

    chinese = admin_client.get(CHANGELIST_URL, {"language__exact": "zh-hans"}).content.decode()
    assert "Beta Chinese" in chinese and "Alpha English" not in chinese
    # A made-up filter value is the admin's usual "?e=1" redirect, not an error.
    assert admin_client.get(CHANGELIST_URL, {"language__exact": "xx"}).status_code in (200, 302)


def test_message_page_shows_the_language_read_only(admin_client, make_message):
    message = make_message(language="zh-hans")
    url = reverse("admin:online_messages_message_change", args=[message.pk])
    admin_client.post(url, {"status": "read", "internal_note": "", "language": "en"})
    message.refresh_from_db()
    assert message.language == "zh-hans"
    assert "Simplified Chinese" in admin_client.get(url).content.decode()


def test_staff_email_says_the_visitor_wrote_in_chinese(
    client, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.MESSAGE_NOTIFY_EMAILS = ["staff@example.com"]
    with django_capture_on_commit_callbacks(execute=True):
        post_in_chinese(client)

    (email,) = mailoutbox
    # In the staff's language (the site default), whatever the visitor's.
    assert "Written from the pages in: Simplified Chinese" in email.body
    assert "请寄一份燃料电池系统的产品目录。" in email.body


def test_staff_email_says_english_for_an_english_visitor(
    client, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.MESSAGE_NOTIFY_EMAILS = ["staff@example.com"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(FORM_URL, form_data(), HTTP_ACCEPT_LANGUAGE="en")

    (email,) = mailoutbox
    assert "Written from the pages in: English" in email.body
