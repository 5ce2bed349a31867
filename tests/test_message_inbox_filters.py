"""The inbox's day-to-day: counts per status, the received-date range, "waiting longer than N
days", and the search, each combined with the others."""

import re
from datetime import datetime, timedelta
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from online_messages.models import Message

from .hostile_payloads import FIRST_OF_EACH_KIND
from .xss_assertions import find_executable_markup

CHANGELIST_URL = reverse("admin:online_messages_message_changelist")
SHANGHAI = ZoneInfo("Asia/Shanghai")

pytestmark = pytest.mark.django_db


def status_counts(html):
    """{status: (link, text)} from the counts over the list."""
    nav = re.search(r'<nav[^>]*id="inbox-status-counts".*?</nav>', html, re.DOTALL)
    assert nav, "no counts per status on the page"
    entries = re.findall(r'<a href="([^"]*)" data-status="(\w+)"[^>]*>(.*?)</a>', nav[0], re.DOTALL)
    return {
        status: (unescape(href), " ".join(re.sub(r"<[^>]+>", "", text).split()))
        for href, status, text in entries
    }


def listed(html):
    """The senders' names in the list's rows."""
    return set(re.findall(r'<th class="field-name"><a href="[^"]*">([^<]*)</a>', html))


def inbox(client, **params):
    response = client.get(CHANGELIST_URL, params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def shanghai(settings):
    settings.TIME_ZONE = "Asia/Shanghai"


def received(*args):
    return datetime(*args, tzinfo=SHANGHAI)


# --- Counts per status -------------------------------------------------------------------------


def test_counts_per_status_with_new_as_unread(handler_client, make_message):
    for status, number in (("new", 3), ("read", 2), ("replied", 1), ("spam", 1)):
        for _ in range(number):
            make_message(status=status)
    counts = status_counts(inbox(handler_client))
    assert {status: text for status, (_link, text) in counts.items()} == {
        "new": "New (unread): 3",
        "read": "Read: 2",
        "replied": "Replied: 1",
        "spam": "Spam: 1",
        "archived": "Archived: 0",
    }
    assert "<mark>New (unread): 3</mark>" in inbox(handler_client)


def test_each_count_links_to_its_status(handler_client, make_message):
    for status in Message.Status.values:
        make_message(name=f"Sender {status}", status=status)
    counts = status_counts(inbox(handler_client))
    for status in Message.Status.values:
        link, text = counts[status]
        assert link == f"{CHANGELIST_URL}?status__exact={status}"
        response = handler_client.get(link)
        assert listed(response.content.decode()) == {f"Sender {status}"}
        assert status_counts(response.content.decode())[status] == (link, text)


def test_counts_are_of_the_whole_inbox_whatever_the_filters(handler_client, make_message):
    make_message(name="Acme one", company="Acme")
    make_message(name="Other", status="read")
    counts = status_counts(inbox(handler_client, q="acme", status__exact="new"))
    assert counts["new"][1] == "New (unread): 1"
    assert counts["read"][1] == "Read: 1"


def test_counts_come_from_one_grouped_query(handler_client, make_message):
    for status in Message.Status.values:
        make_message(status=status)
    with CaptureQueriesContext(connection) as queries:
        inbox(handler_client)
    by_status = [
        q
        for q in queries
        if q["sql"].startswith('SELECT "online_messages_message"."status"')
        and "GROUP BY" in q["sql"]
    ]
    assert len(by_status) == 1
    assert not [q for q in queries if """"status" = 'archived'""" in q["sql"]]


def test_query_count_does_not_grow_with_the_messages(handler_client, make_message):
    params = {"q": "sender", "waiting": "1", "received_from": "2000-01-01", "_facets": "1"}

    def queries_for_inbox():
        with CaptureQueriesContext(connection) as queries:
            html = inbox(handler_client, **params)
        return len(queries), len(listed(html))

    for status in Message.Status.values:
        make_message(status=status, age=timedelta(days=3))
    few, shown_few = queries_for_inbox()
    for n in range(40):
        make_message(status=Message.Status.values[n % 2], age=timedelta(days=3))
    many, shown_many = queries_for_inbox()
    assert (shown_few, shown_many) == (2, 42)
    assert few == many
    assert many <= 20


# --- Received between two dates ---------------------------------------------------------------


@pytest.fixture
def around_two_days(make_message, shanghai):
    """Messages at the edges of 2026-11-20 and 2026-11-21, Shanghai time."""
    make_message(name="Day before", created_at=received(2026, 11, 19, 23, 59, 59))
    make_message(name="First minute", created_at=received(2026, 11, 20, 0, 0))
    make_message(name="Last minute", created_at=received(2026, 11, 21, 23, 59, 59))
    make_message(name="Day after", created_at=received(2026, 11, 22, 0, 0))


def test_range_includes_both_whole_end_days_in_the_site_time_zone(handler_client, around_two_days):
    html = inbox(handler_client, received_from="2026-11-20", received_to="2026-11-21")
    assert listed(html) == {"First minute", "Last minute"}
    # The form shows the range it applied.
    assert 'name="received_from" value="2026-11-20"' in html
    assert 'name="received_to" value="2026-11-21"' in html


def test_one_day_range_and_open_ends(handler_client, around_two_days):
    one_day = inbox(handler_client, received_from="2026-11-21", received_to="2026-11-21")
    assert listed(one_day) == {"Last minute"}
    since = inbox(handler_client, received_from="2026-11-21")
    assert listed(since) == {"Last minute", "Day after"}
    until = inbox(handler_client, received_to="2026-11-19")
    assert listed(until) == {"Day before"}
    empty = inbox(handler_client, received_from="", received_to="")
    assert len(listed(empty)) == 4


@pytest.mark.parametrize(
    "params, error",
    [
        ({"received_from": "2026-13-45"}, "Enter a valid date."),
        ({"received_to": "yesterday"}, "Enter a valid date."),
        (
            {"received_from": "2026-11-21", "received_to": "2026-11-20"},
            "The “from” date must not be after the “to” date.",
        ),
        ({"received_from": "0001-01-01"}, "greater than or equal to 1900-01-01"),
        ({"received_to": "9999-12-31"}, "less than or equal to 9998-12-31"),
    ],
)
def test_bad_dates_say_so_and_leave_the_list_unfiltered(
    handler_client, around_two_days, params, error
):
    html = inbox(handler_client, **params)
    assert escape(error) in html
    assert "Messages were not filtered by received date" in html
    assert len(listed(html)) == 4


def test_applying_dates_keeps_the_search_and_the_other_filters(handler_client, around_two_days):
    html = inbox(handler_client, q="minute", status__exact="new", waiting="1", o="2")
    form = re.search(r'<form method="get" id="received-filter">.*?</form>', html, re.DOTALL)[0]
    for name, value in (("q", "minute"), ("status__exact", "new"), ("waiting", "1"), ("o", "2")):
        assert f'<input type="hidden" name="{name}" value="{value}">' in form
    # And the search box keeps the range.
    html = inbox(handler_client, received_from="2026-11-20")
    search = re.search(r'<form id="changelist-search".*?</form>', html, re.DOTALL)[0]
    assert '<input type="hidden" name="received_from" value="2026-11-20">' in search


# --- Waiting longer than N days ---------------------------------------------------------------


@pytest.fixture
def aged(make_message):
    ten_days = timedelta(days=10)
    for status in Message.Status.values:
        make_message(name=f"Old {status}", status=status, age=ten_days)
    make_message(name="Recent new", age=timedelta(days=2))
    make_message(name="Just now")


def test_waiting_shows_new_and_read_messages_older_than_the_choice(handler_client, aged):
    assert listed(inbox(handler_client, waiting="7")) == {"Old new", "Old read"}
    assert listed(inbox(handler_client, waiting="1")) == {"Old new", "Old read", "Recent new"}
    assert listed(inbox(handler_client, waiting="30")) == set()


def test_waiting_choices_are_offered(handler_client, aged):
    html = inbox(handler_client)
    for days in (1, 3, 7, 14, 30):
        label = "more than 1 day" if days == 1 else f"more than {days} days"
        assert f'<a href="?waiting={days}">{label}</a>' in html


@pytest.mark.parametrize("value", ["5", "-1", "seven", "1e9"])
def test_unknown_waiting_time_says_so(handler_client, aged, value):
    html = inbox(handler_client, waiting=value)
    assert "Choose a waiting time from the list." in html
    assert len(listed(html)) == 7


def test_waiting_queryset_matches_the_filter(aged):
    names = set(Message.objects.waiting(7).values_list("name", flat=True))
    assert names == {"Old new", "Old read"}


# --- Everything together ----------------------------------------------------------------------


def test_search_and_every_filter_combine(handler_client, make_message, shanghai):
    day = received(2026, 11, 20, 12, 0)
    make_message(name="Match", company="Acme", created_at=day)
    make_message(name="Other company", company="Globex", created_at=day)
    make_message(name="Replied already", company="Acme", created_at=day, status="replied")
    make_message(name="Outside range", company="Acme", created_at=day - timedelta(days=5))
    make_message(name="Too recent", company="Acme")
    html = inbox(
        handler_client,
        q="acme",
        waiting="3",
        received_from="2026-11-20",
        received_to="2026-11-20",
        status__exact="new",
    )
    assert listed(html) == {"Match"}
    assert listed(inbox(handler_client, q="acme", waiting="3")) == {"Match", "Outside range"}


def test_handler_sees_the_counts_and_filters(handler_client, make_message):
    make_message()
    html = inbox(handler_client)
    assert "New (unread): 1" in html
    assert "By received date" in html and "By waiting time" in html
    assert 'id="received-filter"' in html


def test_editors_get_403_with_or_without_filters(editor_client, make_message):
    make_message()
    assert editor_client.get(CHANGELIST_URL).status_code == 403
    filtered = {"waiting": "1", "received_from": "2000-01-01", "q": "a"}
    assert editor_client.get(CHANGELIST_URL, filtered).status_code == 403


@pytest.mark.parametrize("payload", FIRST_OF_EACH_KIND, ids=lambda payload: payload.id)
def test_hostile_messages_and_filter_values_stay_text(handler_client, make_message, payload):
    text = payload.storable()
    make_message(name=payload.storable(100), company=payload.storable(200), content=text)
    make_message(status="spam", name=payload.storable(100), age=timedelta(days=9))
    html = inbox(handler_client)
    assert find_executable_markup(html) == []
    assert status_counts(html)["new"][1] == "New (unread): 1"
    assert status_counts(html)["spam"][1] == "Spam: 1"
    for params in (
        {"received_from": text, "received_to": text},
        {"waiting": text},
        {"q": text, "received_from": "2000-01-01", "waiting": "1"},
    ):
        html = inbox(handler_client, **params)
        assert find_executable_markup(html) == []
        assert status_counts(html)["new"][1] == "New (unread): 1"
