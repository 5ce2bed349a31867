"""Known spam stays out: a message matching the blocklist, or with too many links, is stored as
spam with its reason, never refused. Sent through the public form, as a visitor would."""

import pytest

from online_messages.models import BlocklistEntry, Message

from .messages import FORM_URL, THANKS_URL, form_data

pytestmark = pytest.mark.django_db

Kind = BlocklistEntry.Kind


@pytest.fixture(autouse=True)
def generous_rate_limit(settings):
    settings.MESSAGE_RATE_LIMIT = 100
    settings.MESSAGE_MAX_LINKS = 3


def block(kind, value):
    """An entry as the admin stores it: validated and normalised."""
    entry = BlocklistEntry(kind=kind, value=value)
    entry.full_clean()
    entry.save()
    return entry


def send(client, remote_addr="192.0.2.10", **fields):
    """Post the form; the visitor is thanked whatever the verdict. The stored message."""
    response = client.post(FORM_URL, form_data(**fields), REMOTE_ADDR=remote_addr)
    assert response.status_code == 302
    assert response["Location"] == THANKS_URL
    return Message.objects.order_by("-pk").first()


def assert_spam(message, reason):
    assert message.status == Message.Status.SPAM
    assert message.spam_reason == reason


def assert_new(message):
    assert message.status == Message.Status.NEW
    assert message.spam_reason == ""


CASES = {
    # kind, entry as typed, the matching post, a near miss, the reason
    "word": (
        Kind.WORD,
        "casino",
        {"content": "Try the best Casino bonus today."},
        {"content": "We sell casinos' furniture."},
        "blocklist: word casino",
    ),
    "link domain": (
        Kind.LINK_DOMAIN,
        "*.Example.TOP",
        {"content": "Cheap offers at https://mail.example.top/deals now."},
        {"content": "Cheap offers at https://badexample.top/deals now."},
        "blocklist: link domain example.top",
    ),
    "email domain": (
        Kind.EMAIL_DOMAIN,
        "@example.top",
        {"email": "seller@mail.example.top"},
        {"email": "seller@badexample.top"},
        "blocklist: email domain example.top",
    ),
    "email address": (
        Kind.EMAIL_ADDRESS,
        "Spammer@Example.com",
        {"email": "SPAMMER@example.COM"},
        {"email": "spammer2@example.com"},
        "blocklist: email address spammer@example.com",
    ),
    "IPv4 range": (
        Kind.IP_RANGE,
        "203.0.113.77/24",
        {"remote_addr": "203.0.113.200"},
        {"remote_addr": "203.0.114.1"},
        "blocklist: IP range 203.0.113.0/24",
    ),
    "IPv6 range": (
        Kind.IP_RANGE,
        "2001:DB8:BAD::/48",
        {"remote_addr": "2001:db8:bad:1::1"},
        {"remote_addr": "2001:db8:bae::1"},
        "blocklist: IP range 2001:db8:bad::/48",
    ),
}


@pytest.mark.parametrize(
    ("kind", "value", "match", "near_miss", "reason"), CASES.values(), ids=CASES.keys()
)
def test_each_kind_stores_a_matching_message_as_spam_with_its_reason(
    client, kind, value, match, near_miss, reason
):
    block(kind, value)
    assert_spam(send(client, **match), reason)
    assert_new(send(client, **near_miss))


def test_spam_from_the_blocklist_is_kept_whole_and_nobody_is_told(
    client, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.MESSAGE_NOTIFY_EMAILS = ["staff@example.com"]
    block(Kind.EMAIL_DOMAIN, "example.top")
    with django_capture_on_commit_callbacks(execute=True):
        message = send(client, email="li@example.top", content="My whole message.")
    assert_spam(message, "blocklist: email domain example.top")
    assert message.content == "My whole message."
    assert mailoutbox == []


def test_an_ipv4_mapped_address_matches_its_ipv4_range(client):
    block(Kind.IP_RANGE, "203.0.113.0/24")
    assert_spam(
        send(client, remote_addr="::ffff:203.0.113.9"), "blocklist: IP range 203.0.113.0/24"
    )


@pytest.mark.parametrize(
    "text",
    ["FREE MONEY here", "free\n  money", "Free\tMoney!", "(free money)", "ｆｒｅｅ ｍｏｎｅｙ"],
)
def test_a_phrase_matches_in_any_case_across_any_whitespace(client, text):
    block(Kind.WORD, "  Free   money ")
    assert_spam(send(client, content=text), "blocklist: word Free money")


@pytest.mark.parametrize("text", ["freemoney", "free moneys", "carefree money", "free, money"])
def test_a_phrase_matches_whole_words_only(client, text):
    block(Kind.WORD, "free money")
    assert_new(send(client, content=text))


@pytest.mark.parametrize("field", ["name", "company", "content"])
def test_words_are_looked_for_in_every_field_the_visitor_types(client, field):
    block(Kind.WORD, "viagra")
    assert_spam(send(client, **{field: "Cheap VIAGRA"}), "blocklist: word viagra")


def test_words_are_looked_for_in_the_display_name_with_the_board_on(client, settings):
    settings.MESSAGE_BOARD = True
    block(Kind.WORD, "viagra")
    message = send(client, publish_consent="on", display_name="Viagra shop")
    assert_spam(message, "blocklist: word viagra")


def test_a_chinese_word_matches_inside_a_sentence(client):
    """Chinese has no spaces between words: a Chinese entry matches as part of the text."""
    block(Kind.WORD, "博彩")
    assert_spam(send(client, content="欢迎访问博彩网站，注册送彩金。"), "blocklist: word 博彩")
    assert_new(send(client, content="请寄给我贵公司的产品目录。"))


def test_a_link_domain_matches_links_without_a_scheme_and_in_chinese_text(client):
    block(Kind.LINK_DOMAIN, "spam.top")
    assert_spam(send(client, content="Visit www.spam.top today"), "blocklist: link domain spam.top")
    assert_spam(
        send(client, content="访问http://spam.top了解更多"), "blocklist: link domain spam.top"
    )
    # A domain that is only named, not linked, is left alone.
    assert_new(send(client, content="Is spam.top one of yours?"))


def test_an_international_link_domain_matches_in_either_form(client):
    block(Kind.LINK_DOMAIN, "例子.中国")
    assert_spam(
        send(client, content="见 http://www.例子.中国/ 吧"), "blocklist: link domain 例子.中国"
    )
    assert_spam(
        send(client, content="http://XN--FSQU00A.XN--FIQS8S/"), "blocklist: link domain 例子.中国"
    )


def test_more_links_than_allowed_is_spam(client):
    four = "http://a.example https://b.example/x www.c.example 看http://d.example了解"
    assert_spam(send(client, content=four), "too many links (4)")
    three = "http://a.example https://b.example/x www.c.example"
    assert_new(send(client, content=three))


def test_links_are_counted_across_fields(client, settings):
    settings.MESSAGE_MAX_LINKS = 1
    message = send(client, company="www.shop.example", content="See https://shop.example")
    assert_spam(message, "too many links (2)")


def test_no_links_allowed_at_all(client, settings):
    settings.MESSAGE_MAX_LINKS = 0
    assert_spam(send(client, content="http://a.example"), "too many links (1)")


def test_the_first_rule_that_matches_is_the_reason(client):
    block(Kind.EMAIL_DOMAIN, "example.top")
    many_links = "http://a.example http://b.example http://c.example http://d.example"
    honeypot = send(client, website="http://x.example", email="li@example.top")
    assert_spam(honeypot, "honeypot")
    too_fast = send(client, served_seconds_ago=0, email="li@example.top")
    assert_spam(too_fast, "too fast")
    blocklisted = send(client, email="li@example.top", content=many_links)
    assert_spam(blocklisted, "blocklist: email domain example.top")


def test_staff_can_unspam_a_blocklisted_message(client, admin_client):
    block(Kind.WORD, "casino")
    message = send(client, content="casino")
    url = f"/admin/online_messages/message/{message.pk}/change/"
    response = admin_client.post(url, {"status": "new", "internal_note": "A real customer."})
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == Message.Status.NEW
