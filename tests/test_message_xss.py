"""Nothing a visitor writes runs as script: form, thanks page, admin, CSV and email."""

import pytest
from django.contrib.admin import helpers
from django.urls import reverse
from django.utils.html import escape

from online_messages.models import Message

from .messages import FORM_URL, THANKS_URL, form_data

pytestmark = pytest.mark.django_db

HOSTILE = {
    "name": '<script>alert("name")</script>',
    # A quoted local part makes this a valid address, markup and all.
    "email": '"<script>alert(1)</script>"@example.com',
    "phone": "+1 (555) 010-0199",  # The phone rule admits no markup at all.
    "company": '"><img src=x onerror=alert("company")>',
    "content": (
        "=cmd|' /C calc'!A0\n</textarea><script>alert(\"content\")</script>"
        '<a href="javascript:alert(1)">click</a>'
    ),
}
LIVE_MARKUP = ("<script>alert(", "<img src=x", '<a href="javascript:')


def assert_inert(html):
    for markup in LIVE_MARKUP:
        assert markup not in html


def hostile_post(**changes):
    return form_data(**{**HOSTILE, **changes})


def test_form_sent_back_with_errors_shows_hostile_input_as_text(client):
    response = client.post(FORM_URL, hostile_post(phone="12"))
    html = response.content.decode()
    assert response.status_code == 200
    assert_inert(html)
    for field in ("name", "email", "company", "content"):
        assert escape(HOSTILE[field]) in html


def test_rate_limited_page_shows_hostile_input_as_text(client, settings):
    settings.MESSAGE_RATE_LIMIT = 0
    response = client.post(FORM_URL, hostile_post())
    html = response.content.decode()
    assert response.status_code == 429
    assert_inert(html)
    assert escape(HOSTILE["content"]) in html


def test_thanks_page_shows_the_name_as_text(client):
    response = client.post(FORM_URL, hostile_post(), follow=True)
    html = response.content.decode()
    assert response.redirect_chain == [(THANKS_URL, 302)]
    assert_inert(html)
    assert escape(HOSTILE["name"]) in html
    assert "calc" not in html  # The content is never echoed there.


@pytest.fixture
def hostile_message(client):
    client.post(FORM_URL, hostile_post())
    message = Message.objects.get()
    assert message.name == HOSTILE["name"]  # Stored as written; escaping is the output's job.
    return message


def test_admin_list_shows_hostile_fields_as_text(admin_client, hostile_message):
    html = admin_client.get(reverse("admin:online_messages_message_changelist")).content.decode()
    assert_inert(html)
    for field in ("name", "email", "company"):
        assert escape(HOSTILE[field]) in html
    assert escape("</textarea><script>alert(") in html  # The excerpt.


def test_admin_change_page_shows_hostile_fields_as_text(admin_client, hostile_message):
    url = reverse("admin:online_messages_message_change", args=[hostile_message.pk])
    html = admin_client.get(url).content.decode()
    assert_inert(html)
    for field in ("name", "email", "company"):
        assert escape(HOSTILE[field]) in html
    assert escape('<script>alert("content")</script>') in html


def test_admin_recent_actions_show_the_name_as_text(admin_client, hostile_message):
    url = reverse("admin:online_messages_message_change", args=[hostile_message.pk])
    admin_client.post(url, {"status": "replied", "internal_note": "<script>alert('note')</script>"})
    html = admin_client.get(reverse("admin:index")).content.decode()
    assert "Recent actions" in html and escape(HOSTILE["name"]) in html
    assert_inert(html)
    change_page = admin_client.get(url).content.decode()
    assert "<script>alert('note')" not in change_page


def test_csv_is_a_download_with_formulas_neutralised(admin_client, hostile_message):
    response = admin_client.post(
        reverse("admin:online_messages_message_changelist"),
        {"action": "export_csv", helpers.ACTION_CHECKBOX_NAME: [hostile_message.pk]},
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    body = response.content.decode("utf-8-sig")
    assert "\"'=cmd|' /C calc'!A0\n" in body
    assert "'+1 (555) 010-0199" in body


def test_email_is_plain_text_only(client, settings, mailoutbox, django_capture_on_commit_callbacks):
    settings.MESSAGE_NOTIFY_EMAILS = ["staff@example.com"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(FORM_URL, hostile_post())
    (email,) = mailoutbox
    mime = email.message()
    assert mime.get_content_type() == "text/plain"
    assert not mime.is_multipart()
    assert not getattr(email, "alternatives", None)
    assert HOSTILE["content"].splitlines()[1] in email.body  # Verbatim, as text.
    assert "\n" not in email.subject
