"""CSV export of selected messages: Excel-friendly UTF-8 and safe against formula injection."""

import csv
import io
from datetime import datetime

import pytest
from django.contrib.admin import helpers
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from online_messages.exports import neutralise
from online_messages.models import Reply

CHANGELIST_URL = reverse("admin:online_messages_message_changelist")


def export(client, messages):
    return client.post(
        CHANGELIST_URL,
        {"action": "export_csv", helpers.ACTION_CHECKBOX_NAME: [m.pk for m in messages]},
    )


def rows(response):
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff"), "Excel needs the BOM to read UTF-8"
    return list(csv.reader(io.StringIO(body[1:])))


def test_export_is_a_utf8_csv_attachment_with_chinese_intact(handler_client, make_message):
    message = make_message(
        name="张伟",
        company="北京示例科技有限公司",
        email="zhang@example.com",
        phone="",
        content="你好，\n请寄产品目录。",
        internal_note="已回复",
    )
    response = export(handler_client, [message])
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="messages-')
    header, row = rows(response)
    assert header == [
        "Date",
        "Status",
        "Name",
        "Email",
        "Phone",
        "Company",
        "Message",
        "Internal note",
        "Replies",
        "Public reply",
    ]
    assert row[1:] == [
        "New",
        "张伟",
        "zhang@example.com",
        "",
        "北京示例科技有限公司",
        "你好，\n请寄产品目录。",
        "已回复",
        "",
        "",
    ]
    assert row[0][:4].isdigit() and len(row[0]) == len("2020-11-20 10:30")


def test_export_contains_only_the_selected_messages(handler_client, make_message):
    chosen = make_message(name="Chosen")
    make_message(name="Left out")
    names = [row[2] for row in rows(export(handler_client, [chosen]))[1:]]
    assert names == ["Chosen"]


def test_formula_cells_are_neutralised(handler_client, make_message):
    message = make_message(
        name='=HYPERLINK("http://evil.example","Click")',
        email="",
        phone="+86 10 5555 0100",
        company="@SUM(1+1)*cmd|' /C calc'!A0",
        content="-2+3+cmd|' /C calc'!A0",
        internal_note="\t=1+1",
    )
    (row,) = rows(export(handler_client, [message]))[1:]
    assert row[2] == '\'=HYPERLINK("http://evil.example","Click")'
    assert row[4] == "'+86 10 5555 0100"
    assert row[5] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert row[6] == "'-2+3+cmd|' /C calc'!A0"
    assert row[7] == "'\t=1+1"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@A1", "'@A1"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=1", "a=1"),
        ("Plain text", "Plain text"),
        ("", ""),
        (None, ""),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_staff_without_message_access_cannot_export(client, django_user_model, make_message):
    message = make_message()
    staff = django_user_model.objects.create_user("other", password="pw", is_staff=True)
    client.force_login(staff)
    assert export(client, [message]).status_code == 403


def at(hour, minute):
    return timezone.make_aware(datetime(2026, 11, 28, hour, minute))


def test_the_replies_and_the_public_reply_are_exported(
    handler_client, handler, make_message, django_user_model
):
    handler.first_name, handler.last_name = "Wang", "Fang"
    handler.save()
    colleague = django_user_model.objects.create_user("zhao", password="pw")
    message = make_message(email="li@example.com", phone="+86 10 5555 0100")
    message.public_reply = "Thank you, the catalogue is online."
    message.save()
    message.replies.create(
        body="Catalogue attached.\nBest regards",
        sent_by=handler,
        created_at=at(10, 0),
        delivery_status=Reply.Delivery.SENT,
    )
    message.replies.create(
        body="Second try.", sent_by=colleague, created_at=at(11, 5), delivery_status="failed"
    )
    phone = make_message(email="", phone="+86 10 5555 0199")
    phone.replies.create(kind="phone", body="Called back.", sent_by=handler, created_at=at(9, 30))

    header, first, second = rows(export(handler_client, [message, phone]))
    replies, public = header.index("Replies"), header.index("Public reply")
    assert first[replies] == (
        "2026-11-28 10:00 · Wang Fang · li@example.com · Sent: Catalogue attached.\nBest regards"
        "\n\n"
        "2026-11-28 11:05 · zhao · li@example.com · Failed: Second try."
    )
    assert first[public] == "Thank you, the catalogue is online."
    assert (
        second[replies]
        == "2026-11-28 09:30 · Wang Fang · +86 10 5555 0199 · by phone: Called back."
    )
    assert second[public] == ""


def test_hostile_replies_are_neutralised(handler_client, handler, make_message):
    message = make_message()
    message.public_reply = '=HYPERLINK("http://evil.example","Click")'
    message.save()
    message.replies.create(body="=1+1", sent_by=None, delivery_status=Reply.Delivery.SENT)
    header, row = rows(export(handler_client, [message]))
    assert row[header.index("Public reply")] == '\'=HYPERLINK("http://evil.example","Click")'
    # The cell starts with the date, whatever the reply says; its sender's account is gone.
    assert row[header.index("Replies")].endswith(f"a deleted user · {message.email} · Sent: =1+1")


def count_export_queries(client, messages):
    with CaptureQueriesContext(connection) as queries:
        assert export(client, messages).status_code == 200
    return len(queries)


def test_the_export_takes_as_many_queries_for_many_messages_as_for_one(
    handler_client, handler, make_message
):
    def message_with_replies():
        message = make_message()
        for n in range(3):
            message.replies.create(body=f"Reply {n}", sent_by=handler)
        return message

    one = [message_with_replies()]
    count_export_queries(handler_client, one)  # Warm up: the session, the permissions.
    few = count_export_queries(handler_client, one)
    many = count_export_queries(handler_client, one + [message_with_replies() for _ in range(9)])
    assert many == few
