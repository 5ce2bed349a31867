"""The messages inbox in the admin: list, reading, handling, actions and the handlers group."""

from datetime import timedelta

import pytest
from django.contrib.admin import helpers
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from online_messages.models import Message

CHANGELIST_URL = reverse("admin:online_messages_message_changelist")


def change_url(message):
    return reverse("admin:online_messages_message_change", args=[message.pk])


def test_list_shows_status_sender_contact_excerpt_and_date(admin_client, make_message):
    make_message(
        name="Wang Fang",
        company="Acme Shanghai",
        email="",
        phone="+86 21 5555 0199",
        content="We would like to order " + "many " * 40 + "widgets.",
        status=Message.Status.REPLIED,
    )
    html = admin_client.get(CHANGELIST_URL).content.decode()
    for text in ("Replied", "Wang Fang", "Acme Shanghai", "+86 21 5555 0199"):
        assert text in html
    assert "We would like to order many" in html
    assert "widgets." not in html  # The excerpt is cut short.


def test_list_search_and_status_filter(admin_client, make_message):
    make_message(name="Alpha", company="Findable Industries")
    make_message(name="Beta", status=Message.Status.SPAM)
    found = admin_client.get(CHANGELIST_URL, {"q": "findable"}).content.decode()
    assert "Alpha" in found and "Beta" not in found
    spam = admin_client.get(CHANGELIST_URL, {"status__exact": "spam"}).content.decode()
    assert "Beta" in spam and "Alpha" not in spam


def test_staff_cannot_add_messages(admin_client, db):
    assert admin_client.get(reverse("admin:online_messages_message_add")).status_code == 403


def test_opening_a_new_message_marks_it_read_by_that_user(admin_client, admin_user, make_message):
    message = make_message()
    response = admin_client.get(change_url(message))
    assert response.status_code == 200
    message.refresh_from_db()
    assert message.status == Message.Status.READ
    assert message.handled_by == admin_user
    assert message.handled_at is not None


def test_opening_a_handled_message_leaves_it_alone(admin_client, make_message):
    message = make_message(status=Message.Status.REPLIED)
    admin_client.get(change_url(message))
    message.refresh_from_db()
    assert message.status == Message.Status.REPLIED
    assert message.handled_by is None


def test_view_only_staff_do_not_mark_messages_read(client, django_user_model, make_message):
    from django.contrib.auth.models import Permission

    viewer = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_message"))
    client.force_login(viewer)
    message = make_message()
    assert client.get(change_url(message)).status_code == 200
    message.refresh_from_db()
    assert message.status == Message.Status.NEW


def test_what_the_visitor_sent_is_read_only_but_status_and_note_are_editable(
    admin_client, admin_user, make_message
):
    message = make_message(name="Original", email="orig@example.com", content="Original text")
    response = admin_client.post(
        change_url(message),
        {
            "name": "Changed",
            "email": "changed@example.com",
            "content": "Changed text",
            "status": "replied",
            "internal_note": "Called back on Monday.",
        },
    )
    assert response.status_code == 302
    message.refresh_from_db()
    assert (message.name, message.email, message.content) == (
        "Original",
        "orig@example.com",
        "Original text",
    )
    assert message.status == Message.Status.REPLIED
    assert message.internal_note == "Called back on Monday."
    assert message.handled_by == admin_user


@pytest.mark.parametrize(
    ("action", "status", "label"),
    [
        ("mark_read", Message.Status.READ, "read"),
        ("mark_replied", Message.Status.REPLIED, "replied"),
        ("mark_spam", Message.Status.SPAM, "spam"),
        ("mark_archived", Message.Status.ARCHIVED, "archived"),
    ],
)
def test_actions_mark_selected_messages_and_record_the_handler(
    admin_client, admin_user, make_message, action, status, label
):
    chosen = [make_message(), make_message()]
    untouched = make_message()
    response = admin_client.post(
        CHANGELIST_URL,
        {"action": action, helpers.ACTION_CHECKBOX_NAME: [m.pk for m in chosen]},
        follow=True,
    )
    assert f"2 messages marked as {label}." in response.content.decode()
    for message in chosen:
        message.refresh_from_db()
        assert message.status == status
        assert message.handled_by == admin_user
        assert message.handled_at is not None
    untouched.refresh_from_db()
    assert untouched.status == Message.Status.NEW


def test_handlers_group_holds_message_permissions_only(db):
    group = Group.objects.get(name="Message handlers")
    permissions = set(group.permissions.values_list("content_type__app_label", "codename"))
    assert permissions == {
        ("online_messages", "view_message"),
        ("online_messages", "change_message"),
        ("online_messages", "delete_message"),
        # Replies are records of what went out: added and read, never changed or deleted.
        ("online_messages", "view_reply"),
        ("online_messages", "add_reply"),
        ("online_messages", "view_blocklistentry"),
        ("online_messages", "add_blocklistentry"),
        ("online_messages", "change_blocklistentry"),
        ("online_messages", "delete_blocklistentry"),
    }


def test_editors_get_no_message_permission(db):
    editors = Group.objects.get(name="Editors")
    assert not editors.permissions.filter(content_type__app_label="online_messages").exists()


def test_handler_works_the_inbox_and_nothing_else(handler_client, make_message):
    message = make_message()
    assert handler_client.get(CHANGELIST_URL).status_code == 200
    assert handler_client.get(change_url(message)).status_code == 200
    assert handler_client.get(reverse("admin:online_messages_message_add")).status_code == 403
    for url in ("/admin/articles/article/", "/admin/auth/user/", "/admin/auth/group/"):
        assert handler_client.get(url).status_code == 403


def test_admin_index_shows_the_number_of_new_messages(handler_client, make_message):
    make_message()
    make_message()
    make_message(status=Message.Status.READ)
    make_message(status=Message.Status.SPAM, age=timedelta(days=1))
    with CaptureQueriesContext(connection) as queries:
        html = handler_client.get(reverse("admin:index")).content.decode()
    assert "2 new messages" in html
    assert f'href="{CHANGELIST_URL}?status__exact=new"' in html
    message_queries = [q for q in queries if "online_messages_message" in q["sql"]]
    assert len(message_queries) == 1
    assert "COUNT(" in message_queries[0]["sql"]


def test_admin_index_hides_the_count_from_staff_without_message_access(
    client, django_user_model, make_message
):
    make_message()
    staff = django_user_model.objects.create_user("other", password="pw", is_staff=True)
    client.force_login(staff)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("admin:index")).content.decode()
    assert "new message" not in html
    assert not [q for q in queries if "online_messages_message" in q["sql"]]
