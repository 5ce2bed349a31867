"""The blocklist in the admin: who may keep it and what it accepts."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from online_messages.models import BlocklistEntry

from .hostile_payloads import PAYLOADS
from .xss_assertions import find_executable_markup

pytestmark = pytest.mark.django_db

Kind = BlocklistEntry.Kind
LIST_URL = reverse("admin:online_messages_blocklistentry_changelist")
ADD_URL = reverse("admin:online_messages_blocklistentry_add")
BLOCK_URL = reverse("admin:online_messages_message_block_senders")


def add(client, kind, value, note=""):
    return client.post(ADD_URL, {"kind": kind, "value": value, "note": note, "_save": "Save"})


def errors(response):
    return " ".join(str(error) for error in response.context["adminform"].form.errors.values())


# --- Keeping the blocklist -------------------------------------------------------------------


def test_a_handler_adds_an_entry_normalised_and_signed(handler_client, handler):
    response = add(
        handler_client, Kind.EMAIL_DOMAIN, "https://Mail.Example.TOP/offer", "Seen twice"
    )
    assert response.status_code == 302
    entry = BlocklistEntry.objects.get()
    assert (entry.kind, entry.value, entry.note) == (
        "email_domain",
        "mail.example.top",
        "Seen twice",
    )
    assert entry.created_by == handler
    html = handler_client.get(LIST_URL).content.decode()
    assert "mail.example.top" in html and "Email domain" in html


def test_who_added_an_entry_and_when_are_read_only(handler_client, handler, admin_user):
    entry = BlocklistEntry.objects.create(kind=Kind.WORD, value="casino", created_by=admin_user)
    url = reverse("admin:online_messages_blocklistentry_change", args=[entry.pk])
    html = handler_client.get(url).content.decode()
    assert 'name="created_by"' not in html and 'name="created_at"' not in html
    handler_client.post(
        url, {"kind": "word", "value": "Casino", "note": "", "created_by": handler.pk}
    )
    entry.refresh_from_db()
    assert entry.value == "Casino" and entry.created_by == admin_user


@pytest.mark.parametrize(
    ("kind", "value", "normalised"),
    [
        (Kind.WORD, "  free \n  money ", "free money"),
        (Kind.LINK_DOMAIN, "*.spam.top", "spam.top"),
        (Kind.LINK_DOMAIN, "http://user@WWW.Spam.Top:8080/a?b", "www.spam.top"),
        (Kind.LINK_DOMAIN, "XN--FSQU00A.XN--FIQS8S", "例子.中国"),
        (Kind.EMAIL_DOMAIN, "bob@Spam.Top", "spam.top"),
        (Kind.EMAIL_ADDRESS, " Bob@Spam.Top ", "bob@spam.top"),
        (Kind.IP_RANGE, "203.0.113.7/24", "203.0.113.0/24"),
        (Kind.IP_RANGE, "203.0.113.7", "203.0.113.7/32"),
        (Kind.IP_RANGE, "2001:DB8:0:0::1/64", "2001:db8::/64"),
    ],
)
def test_values_are_stored_in_one_form(admin_client, kind, value, normalised):
    assert add(admin_client, kind, value).status_code == 302
    assert BlocklistEntry.objects.get().value == normalised


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        (Kind.LINK_DOMAIN, "localhost", "Enter a domain name such as example.top"),
        (Kind.LINK_DOMAIN, "spam..top", "Enter a domain name such as example.top"),
        (Kind.EMAIL_DOMAIN, "not a domain", "Enter a domain name such as example.top"),
        (Kind.EMAIL_DOMAIN, "203.0.113.7", "Enter a domain name such as example.top"),
        (Kind.EMAIL_ADDRESS, "nobody", "Enter a valid email address."),
        (Kind.IP_RANGE, "300.1.2.3", "Enter an IP address or range such as 203.0.113.0/24"),
        (Kind.IP_RANGE, "spam.top", "Enter an IP address or range such as 203.0.113.0/24"),
        (Kind.IP_RANGE, "10.0.0.0/7", "This range is too wide: at most /8 for IPv4."),
        (Kind.IP_RANGE, "2001:db8::/31", "This range is too wide: at most /32 for IPv6."),
        (Kind.WORD, "   ", "This field is required."),
    ],
)
def test_bad_values_are_refused_with_a_clear_message(admin_client, kind, value, message):
    response = add(admin_client, kind, value)
    assert response.status_code == 200
    assert message in errors(response)
    assert not BlocklistEntry.objects.exists()


@pytest.mark.parametrize(
    ("kind", "first", "again"),
    [
        (Kind.WORD, "Casino", "casino"),
        (Kind.LINK_DOMAIN, "spam.top", "https://SPAM.top/"),
        (Kind.IP_RANGE, "203.0.113.0/24", "203.0.113.99/24"),
        (Kind.EMAIL_ADDRESS, "bob@spam.top", "BOB@spam.top"),
    ],
)
def test_a_duplicate_is_refused_with_a_clear_message(admin_client, kind, first, again):
    assert add(admin_client, kind, first).status_code == 302
    response = add(admin_client, kind, again)
    assert response.status_code == 200
    assert "is on the blocklist already" in errors(response)
    assert BlocklistEntry.objects.count() == 1


def test_the_same_value_may_be_listed_under_another_kind(admin_client):
    assert add(admin_client, Kind.LINK_DOMAIN, "spam.top").status_code == 302
    assert add(admin_client, Kind.EMAIL_DOMAIN, "spam.top").status_code == 302


def test_a_full_blocklist_says_so(admin_client, settings):
    settings.MESSAGE_BLOCKLIST_MAX_ENTRIES = 2
    add(admin_client, Kind.WORD, "one")
    add(admin_client, Kind.WORD, "two")
    response = add(admin_client, Kind.WORD, "three")
    assert response.status_code == 200
    assert "The blocklist is full: it holds at most 2 entries." in response.content.decode()
    assert BlocklistEntry.objects.count() == 2


def test_the_list_filters_by_kind_and_searches(admin_client):
    BlocklistEntry.objects.create(kind=Kind.WORD, value="casino", note="from the spring wave")
    BlocklistEntry.objects.create(kind=Kind.IP_RANGE, value="203.0.113.0/24")
    words = admin_client.get(LIST_URL, {"kind__exact": "word"}).content.decode()
    assert "casino" in words and "203.0.113.0/24" not in words
    found = admin_client.get(LIST_URL, {"q": "spring"}).content.decode()
    assert "casino" in found and "203.0.113.0/24" not in found


def test_editors_may_not_touch_the_blocklist(editor_client):
    entry = BlocklistEntry.objects.create(kind=Kind.WORD, value="casino")
    assert editor_client.get(LIST_URL).status_code == 403
    assert editor_client.get(ADD_URL).status_code == 403
    assert add(editor_client, Kind.WORD, "poker").status_code == 403
    delete_url = reverse("admin:online_messages_blocklistentry_delete", args=[entry.pk])
    assert editor_client.post(delete_url, {"post": "yes"}).status_code == 403
    assert list(BlocklistEntry.objects.values_list("value", flat=True)) == ["casino"]


def test_anonymous_visitors_are_sent_to_the_login(client):
    for url in (LIST_URL, ADD_URL, BLOCK_URL):
        response = client.get(url)
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


def test_a_handler_may_delete_an_entry(handler_client):
    entry = BlocklistEntry.objects.create(kind=Kind.WORD, value="casino")
    url = reverse("admin:online_messages_blocklistentry_delete", args=[entry.pk])
    assert handler_client.post(url, {"post": "yes"}).status_code == 302
    assert not BlocklistEntry.objects.exists()


HOSTILE = [payload for payload in PAYLOADS if payload.kind in ("script", "breakout", "event")]


def test_hostile_entries_are_shown_as_text(admin_client):
    for payload in HOSTILE:
        response = add(admin_client, Kind.WORD, payload.storable(200), note=payload.storable(200))
        assert response.status_code == 302
    assert BlocklistEntry.objects.count() == len(HOSTILE)
    html = admin_client.get(LIST_URL, {"all": ""}).content.decode()
    assert find_executable_markup(html) == []
    assert escape("<script>alert('xss001')</script>") in html
    entry = BlocklistEntry.objects.get(value="<script>alert('xss001')</script>")
    url = reverse("admin:online_messages_blocklistentry_change", args=[entry.pk])
    assert find_executable_markup(admin_client.get(url).content.decode()) == []
