"""Staff work through the Online Messages in the admin inbox."""

import csv
import io
import re

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from online_messages.models import Message

from .pages import login

pytestmark = pytest.mark.browser


@pytest.fixture
def handler(site):
    user = User.objects.create_user("handler", password="handler-pass", is_staff=True)
    user.groups.add(Group.objects.get(name="Message handlers"))
    return user


def test_handler_reads_replies_and_exports_messages(page, handler):
    catalogue = Message.objects.create(
        name="王芳", email="wang.fang@example.com", content="请寄一份产品目录。"
    )
    Message.objects.create(name="Tom Baker", phone="+44 20 5555 0100", content="Call me back.")
    login(page, "handler", "handler-pass")

    # The admin index links straight to the new messages.
    page.locator("#content").get_by_role("link", name=re.compile("new message")).click()
    expect(page).to_have_url(re.compile(r"/admin/online_messages/message/\?status__exact=new$"))
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(2)

    rows.get_by_role("link", name="王芳").click()
    expect(page.locator("#content")).to_contain_text("请寄一份产品目录。")
    catalogue.refresh_from_db()
    assert catalogue.status == Message.Status.READ
    assert catalogue.handled_by == handler

    # Back in the list of new messages, only the unread one is left.
    page.go_back()
    page.reload()
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("Tom Baker")

    page.goto("/admin/online_messages/message/")
    page.get_by_role("checkbox", name=re.compile("王芳")).check()
    action = page.get_by_role("combobox", name="Action")
    action.select_option(label="Mark selected messages as replied")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text("1 message marked as replied.")
    catalogue.refresh_from_db()
    assert catalogue.status == Message.Status.REPLIED

    page.get_by_role("checkbox", name=re.compile("Select all")).check()
    action.select_option(label="Export selected messages as CSV")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Go").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    data = download.path().read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "no UTF-8 BOM: Excel would garble Chinese names"
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert table[0][:4] == ["Date", "Status", "Name", "Email"]
    assert [row[2] for row in table[1:]] == ["王芳", "Tom Baker"]
    assert table[1][1] == "Replied"
