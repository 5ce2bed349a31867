"""CSV export of selected messages: Excel-friendly UTF-8 and safe against formula injection."""

import csv
import io

import pytest
from django.contrib.admin import helpers
from django.urls import reverse

from online_messages.exports import neutralise

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
    ]
    assert row[1:] == [
        "New",
        "张伟",
        "zhang@example.com",
        "",
        "北京示例科技有限公司",
        "你好，\n请寄产品目录。",
        "已回复",
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
