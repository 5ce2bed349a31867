"""Staff reply to a message from its admin page: by email or, without an address, by phone.

The reply is stored with its sender and delivery state, listed under the message, and the
message is marked replied. Tasks run in-process here (the tests' settings); the email's text,
the database queue and retries: test_message_reply_delivery.py.
"""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from online_messages.models import Message, Reply
from tests.hostile_payloads import PAYLOADS
from tests.test_message_notifications import FlakyBackend, mail_server_down  # noqa: F401 (fixture)
from tests.xss_assertions import find_email_problems, find_executable_markup

pytestmark = pytest.mark.django_db

REPLY = "Thank you for writing.\nOur catalogue is on its way."
HOSTILE = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>']


def reply_url(message):
    return reverse("admin:online_messages_message_reply", args=[message.pk])


def phone_url(message):
    return reverse("admin:online_messages_message_reply_phone", args=[message.pk])


def retry_url(reply):
    return reverse("admin:online_messages_message_reply_retry", args=[reply.message_id, reply.pk])


@pytest.fixture
def visitor_message(make_message):
    return make_message(
        name="Li Wei", email="li.wei@example.com", content="Please send me your catalogue."
    )


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """POST as the admin's form does; queued work runs on commit, then the page it redirects
    to (the message's, at its replies) is fetched."""

    def post(client, url, data):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, data)
        assert response.status_code == 302
        assert response["Location"].endswith("#replies")
        return client.get(response["Location"])

    return post


def test_a_handler_replies_and_the_visitor_gets_one_email(
    handler_client, handler, visitor_message, send, settings, mailoutbox
):
    settings.MESSAGE_REPLY_TO = "sales@example.com"
    handler.first_name, handler.last_name = "Wang", "Fang"
    handler.save()
    response = send(handler_client, reply_url(visitor_message), {"reply-body": REPLY})

    assert response.request["PATH_INFO"] == visitor_message.get_admin_url()
    page = response.content.decode()
    assert "Your reply to li.wei@example.com is stored and on its way." in page
    (email,) = mailoutbox
    assert email.to == ["li.wei@example.com"]
    assert email.from_email == settings.DEFAULT_FROM_EMAIL
    assert email.reply_to == ["sales@example.com"]
    assert email.body.startswith("Thank you for writing.\nOur catalogue is on its way.\n")
    visitor_message.refresh_from_db()
    assert visitor_message.status == Message.Status.REPLIED
    assert visitor_message.handled_by == handler
    reply = Reply.objects.get()
    assert (reply.kind, reply.sent_by, reply.body) == (Reply.Kind.EMAIL, handler, REPLY)
    assert (reply.delivery_status, reply.delivery_attempts) == (Reply.Delivery.SENT, 1)
    # Listed under the message with its sender, its state and its line breaks.
    assert "Wang Fang" in page
    assert 'class="reply-delivery">Sent (1 attempt), ' in page
    assert "Thank you for writing.<br>Our catalogue is on its way." in page
    assert "Retry now" not in page


def test_reply_to_is_the_handler_when_no_address_is_set(
    handler_client, handler, visitor_message, send, settings, mailoutbox
):
    settings.MESSAGE_REPLY_TO = ""
    handler.email = "handler@example.com"
    handler.save()
    send(handler_client, reply_url(visitor_message), {"reply-body": REPLY})
    assert mailoutbox[0].reply_to == ["handler@example.com"]
    assert Reply.objects.get().reply_to == "handler@example.com"


def test_without_any_address_there_is_no_reply_to(
    handler_client, visitor_message, send, settings, mailoutbox
):
    settings.MESSAGE_REPLY_TO = ""
    send(handler_client, reply_url(visitor_message), {"reply-body": REPLY})
    assert mailoutbox[0].reply_to == []
    assert "reply-to" not in {name.lower() for name in mailoutbox[0].message()}


def test_replies_are_a_thread_oldest_first(handler_client, visitor_message, send, mailoutbox):
    for body in ("First answer.", "Second answer."):
        send(handler_client, reply_url(visitor_message), {"reply-body": body})
    page = handler_client.get(visitor_message.get_admin_url()).content.decode()
    assert page.index("First answer.") < page.index("Second answer.")
    assert len(mailoutbox) == 2
    assert visitor_message.replies.count() == 2


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("", "Write a reply before sending it."),
        (" \n\t ", "Write a reply before sending it."),
        ("x" * 10_001, "A reply may be at most 10000 characters long; this one has 10001."),
    ],
)
def test_an_empty_or_too_long_reply_is_refused_with_a_message(
    handler_client, visitor_message, send, mailoutbox, body, error
):
    response = send(handler_client, reply_url(visitor_message), {"reply-body": body})
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Reply.objects.exists()
    assert mailoutbox == []
    visitor_message.refresh_from_db()
    assert visitor_message.status == Message.Status.READ  # Opened by the redirect, not replied.


def test_a_reply_of_exactly_the_limit_is_sent(handler_client, visitor_message, send, mailoutbox):
    send(handler_client, reply_url(visitor_message), {"reply-body": "x" * 10_000})
    assert len(Reply.objects.get().body) == 10_000
    assert len(mailoutbox) == 1


@pytest.mark.usefixtures("mail_server_down")
def test_a_failed_reply_is_kept_shown_with_its_error_and_retried_now(
    handler_client, visitor_message, send, mailoutbox
):
    page = send(handler_client, reply_url(visitor_message), {"reply-body": REPLY})
    page = page.content.decode()
    reply = Reply.objects.get()
    assert reply.delivery_status == Reply.Delivery.FAILED
    assert 'class="reply-delivery">Failed (1 attempt)</span>' in page
    assert "SMTPServerDisconnected: Connection unexpectedly closed: timed out" in page
    assert "Retry now" in page
    visitor_message.refresh_from_db()
    assert visitor_message.status == Message.Status.REPLIED  # It was written; delivery follows.

    FlakyBackend.down = False
    page = send(handler_client, retry_url(reply), {}).content.decode()
    assert "The reply is queued to be sent again." in page
    assert len(mailoutbox) == 1
    reply.refresh_from_db()
    assert (reply.delivery_status, reply.delivery_attempts) == (Reply.Delivery.SENT, 2)
    assert reply.delivery_error == ""
    assert "Retry now" not in page

    # A sent reply is never sent again.
    page = send(handler_client, retry_url(reply), {}).content.decode()
    assert "Only a failed or waiting emailed reply can be sent again." in page
    assert len(mailoutbox) == 1


# --- Without an email address ---------------------------------------------------------------


def test_a_message_without_email_offers_the_phone_and_records_the_call(
    handler_client, handler, make_message, send, mailoutbox
):
    message = make_message(email="", phone="+86 10 5555 0100")
    page = handler_client.get(message.get_admin_url()).content.decode()
    assert "+86 10 5555 0100" in page
    assert "Replied by phone" in page
    assert "Send reply" not in page

    note = "Called back, sent prices."
    page = send(handler_client, phone_url(message), {"phone-note": note}).content.decode()
    assert "The phone reply is recorded; the message is replied." in page
    reply = Reply.objects.get()
    assert (reply.kind, reply.body, reply.sent_by) == (Reply.Kind.PHONE, note, handler)
    assert reply.delivery_status == Reply.Delivery.NONE
    message.refresh_from_db()
    assert message.status == Message.Status.REPLIED
    assert "Called back, sent prices." in page and "by phone" in page
    assert mailoutbox == []


def test_the_phone_note_is_required(handler_client, make_message, send):
    message = make_message(email="", phone="+86 10 5555 0100")
    page = send(handler_client, phone_url(message), {"phone-note": "  "}).content.decode()
    assert "Write a note of the call before recording it." in page
    assert not Reply.objects.exists()


def test_no_email_reply_to_a_message_without_an_address(handler_client, make_message, send):
    message = make_message(email="", phone="+86 10 5555 0100")
    page = send(handler_client, reply_url(message), {"reply-body": REPLY}).content.decode()
    assert "This message has no email address to reply to." in page
    assert not Reply.objects.exists()


# --- Permissions ----------------------------------------------------------------------------


def test_editors_may_not_reply(editor_client, visitor_message, mailoutbox):
    assert editor_client.post(reply_url(visitor_message), {"reply-body": REPLY}).status_code == 403
    assert editor_client.post(phone_url(visitor_message), {"phone-note": "x"}).status_code == 403
    assert not Reply.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login(client, visitor_message):
    response = client.post(reply_url(visitor_message), {"reply-body": REPLY})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert not Reply.objects.exists()


def test_a_viewer_sees_the_thread_but_no_forms(client, django_user_model, visitor_message, handler):
    visitor_message.replies.create(body="Answered already.", sent_by=handler)
    viewer = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    viewer.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_message", "view_reply"])
    )
    client.force_login(viewer)
    page = client.get(visitor_message.get_admin_url()).content.decode()
    assert "Answered already." in page
    assert "Send reply" not in page and "Replied by phone" not in page
    assert client.post(reply_url(visitor_message), {"reply-body": REPLY}).status_code == 403
    assert visitor_message.replies.count() == 1


def test_replying_needs_change_message_as_well(client, django_user_model, visitor_message):
    user = django_user_model.objects.create_user("adder", password="pw", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_message", "view_reply", "add_reply"])
    )
    client.force_login(user)
    assert "Send reply" not in client.get(visitor_message.get_admin_url()).content.decode()
    assert client.post(reply_url(visitor_message), {"reply-body": REPLY}).status_code == 403


def test_replying_is_post_only(handler_client, visitor_message):
    assert handler_client.get(reply_url(visitor_message)).status_code == 405
    assert not Reply.objects.exists()


def test_superusers_may_reply(admin_client, visitor_message, send, mailoutbox):
    send(admin_client, reply_url(visitor_message), {"reply-body": REPLY})
    assert len(mailoutbox) == 1


def test_a_reply_of_another_message_cannot_be_retried_through_this_one(
    handler_client, handler, visitor_message, make_message
):
    other = make_message()
    reply = other.replies.create(body="x", sent_by=handler, delivery_status="failed")
    url = reverse("admin:online_messages_message_reply_retry", args=[visitor_message.pk, reply.pk])
    assert handler_client.post(url).status_code == 404


# --- Hostile payloads -----------------------------------------------------------------------


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_replies_and_names_are_escaped_on_the_page(
    handler_client, make_message, send, mailoutbox, payload
):
    message = make_message(name=payload, email="li.wei@example.com")
    page = send(handler_client, reply_url(message), {"reply-body": payload}).content.decode()
    assert payload not in page
    assert payload.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;") in page
    assert Reply.objects.get().body == payload
    assert find_email_problems(mailoutbox[0], ["li.wei@example.com"]) == []


@pytest.mark.parametrize("payload", PAYLOADS[::7], ids=lambda payload: payload.id)
def test_no_payload_becomes_markup_in_the_thread(handler_client, handler, make_message, payload):
    message = make_message(name=payload.storable(100), phone=payload.storable(40), email="")
    message.replies.create(kind="phone", body=payload.storable(), sent_by=handler)
    page = handler_client.get(message.get_admin_url()).content.decode()
    assert find_executable_markup(page, [payload.marker]) == []


def test_no_header_injection_from_the_reply_or_the_addresses(
    handler_client, handler, make_message, send, settings, mailoutbox
):
    settings.MESSAGE_REPLY_TO = ""
    handler.email = "handler@example.com\r\nBcc: evil@example.com"
    handler.save()
    message = make_message(name="x\r\nBcc: evil@example.com", email="li.wei@example.com")
    send(handler_client, reply_url(message), {"reply-body": "x\r\nBcc: evil@example.com"})
    (email,) = mailoutbox
    assert find_email_problems(email, ["li.wei@example.com"]) == []
    headers = email.message().as_string().split("\n\n", 1)[0]
    assert "evil@example.com" not in headers
    assert email.reply_to == []
    assert email.body.startswith("x\nBcc: evil@example.com\n")  # In the text, as written.


def test_a_stored_address_with_a_line_break_is_never_mailed(
    handler_client, make_message, send, mailoutbox
):
    message = make_message(email="li@example.com\r\nBcc: evil@example.com")
    page = send(handler_client, reply_url(message), {"reply-body": REPLY}).content.decode()
    assert mailoutbox == []
    reply = Reply.objects.get()
    assert reply.delivery_status == Reply.Delivery.FAILED
    assert "ValidationError" in reply.delivery_error
    assert 'class="reply-delivery">Failed (1 attempt)</span>' in page
