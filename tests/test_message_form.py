import re
import time

import pytest
from django.utils.html import escape

from online_messages import spam
from online_messages.models import Message

from .messages import FORM_URL, THANKS_URL, form_data

pytestmark = pytest.mark.django_db


def input_tag(html, name):
    """The opening tag of the form control called ``name``."""
    match = re.search(rf'<(?:input|textarea)[^>]*\bname="{name}"[^>]*>', html)
    assert match, f"no control named {name}"
    return match.group(0)


def test_form_page_has_labelled_fields_in_the_site_layout(client):
    response = client.get(FORM_URL)
    html = response.content.decode()
    assert response.status_code == 200
    for name in ("name", "email", "phone", "company", "content"):
        assert f'<label class="message-form__label" for="id_{name}">' in html
        assert f'id="id_{name}"' in input_tag(html, name)
    assert '<h1 class="section-banner__title">Online Message</h1>' in html
    assert 'aria-label="Breadcrumb"' in html
    assert "css/messages.css" in html
    assert 'type="submit"' in html


@pytest.mark.parametrize("url", ["/", "/news/", FORM_URL])
def test_every_page_links_to_the_form_from_the_navigation(client, url):
    html = client.get(url).content.decode()
    assert re.search(r'<nav class="site-nav".*?href="/message/"', html, re.S)


def test_valid_message_is_stored_and_redirects_to_thanks(client):
    data = form_data(name="张伟", content="你好\r\n请回复。")
    response = client.post(FORM_URL, data, HTTP_USER_AGENT="TestBrowser/1.0")
    assert response.status_code == 302
    assert response["Location"] == THANKS_URL
    message = Message.objects.get()
    assert message.name == "张伟"
    assert message.content == "你好\n请回复。"
    assert message.status == Message.Status.NEW
    assert message.ip_address == "127.0.0.1"
    assert message.user_agent == "TestBrowser/1.0"
    thanks = client.get(THANKS_URL)
    assert thanks.status_code == 200
    assert "Thank you, 张伟." in thanks.content.decode()


def test_phone_alone_is_enough_to_reply(client):
    response = client.post(FORM_URL, form_data(email="", phone="+86 (10) 5555-0100"))
    assert response.status_code == 302
    assert Message.objects.get().phone == "+86 (10) 5555-0100"


def test_content_of_exactly_5000_characters_is_accepted(client):
    assert client.post(FORM_URL, form_data(content="a" * 5000)).status_code == 302
    assert len(Message.objects.get().content) == 5000


# (what is changed, the field that shows the error, the error text)
INVALID = [
    ({"name": ""}, "name", "This field is required."),
    ({"name": "   "}, "name", "This field is required."),
    ({"name": "\x07\x08"}, "name", "This field is required."),
    ({"name": "N" * 101}, "name", "at most 100 characters"),
    ({"content": ""}, "content", "This field is required."),
    ({"content": "x" * 5001}, "content", "at most 5000 characters"),
    ({"company": "C" * 201}, "company", "at most 200 characters"),
    ({"email": "not-an-email"}, "email", "Enter a valid email address."),
    ({"email": "", "phone": ""}, "email", "Please give an email address or a phone number."),
    ({"email": "", "phone": ""}, "phone", "Please give an email address or a phone number."),
    ({"phone": "555-CALL-NOW"}, "phone", "Use only digits, spaces, +, - and parentheses."),
    ({"phone": "12-34"}, "phone", "A phone number has 5 to 20 digits."),
    ({"phone": "1" * 21}, "phone", "A phone number has 5 to 20 digits."),
]


@pytest.mark.parametrize(("changes", "field", "error"), INVALID)
def test_invalid_input_is_refused_next_to_its_field_and_kept(client, changes, field, error):
    data = form_data(**changes)
    response = client.post(FORM_URL, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert not Message.objects.exists()
    # The error sits in the element that the input points to, and the input is marked invalid.
    errors = re.search(rf'<ul [^>]*id="id_{field}_error">(.*?)</ul>', html, re.S)
    assert errors and error in errors.group(1)
    tag = input_tag(html, field)
    assert 'aria-invalid="true"' in tag
    assert f"id_{field}_error" in re.search(r'aria-describedby="([^"]*)"', tag).group(1)
    assert "Please correct the fields marked below" in html
    # What the visitor typed stays in the form.
    for name in ("name", "company", "content", "email", "phone"):
        if data[name].strip() and data[name].isprintable():
            assert escape(data[name]) in html


def test_help_text_and_error_both_describe_the_input(client):
    html = client.post(FORM_URL, form_data(email="bad")).content.decode()
    assert 'aria-describedby="id_email_helptext id_email_error"' in input_tag(html, "email")
    assert 'id="id_email_helptext"' in html


def test_valid_fields_are_not_marked_invalid(client):
    html = client.post(FORM_URL, form_data(email="bad")).content.decode()
    assert "aria-invalid" not in input_tag(html, "name")


def test_control_characters_are_stripped_but_newlines_and_tabs_kept(client):
    data = form_data(
        name="Li\x1b Wei",
        company="Ex\u202eample\x7f Co.",
        content="Line one\r\n\tindented\x0c line two\x1b[31m",
    )
    assert client.post(FORM_URL, data).status_code == 302
    message = Message.objects.get()
    assert message.name == "Li Wei"
    assert message.company == "Example Co."
    assert message.content == "Line one\n\tindented line two[31m"


# Invisible format characters (Unicode Cf): they reorder or hide text, or hide text inside it.
INVISIBLE = {
    "LRM": "\u200e",
    "RLM": "\u200f",
    "ALM": "\u061c",
    "ZWSP": "\u200b",
    "ZWNJ": "\u200c",
    "WORD JOINER": "\u2060",
    "BOM": "\ufeff",
    "SOFT HYPHEN": "\u00ad",
    "LRE": "\u202a",
    "RLE": "\u202b",
    "PDF": "\u202c",
    "LRO": "\u202d",
    "RLO": "\u202e",
    "LRI": "\u2066",
    "RLI": "\u2067",
    "FSI": "\u2068",
    "PDI": "\u2069",
    "TAG LATIN CAPITAL A": "\U000e0041",
}
# Line breaks other than LF: one in the message is a line break; elsewhere it goes.
LINE_BREAKS = {"LINE SEPARATOR": "\u2028", "PARAGRAPH SEPARATOR": "\u2029", "NEL": "\x85"}
TYPED = {
    "name": "Li Wei",
    "email": "li.wei@example.com",
    "phone": "+86 10 5555 0100",
    "company": "Example Trading Co.",
    "content": "Please send me your product catalogue.",
}


def with_char_inside(char):
    """Every field as typed, with `char` after its third character."""
    return {field: value[:3] + char + value[3:] for field, value in TYPED.items()}


def stored_fields():
    return {field: getattr(Message.objects.get(), field) for field in TYPED}


@pytest.mark.parametrize("char", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_invisible_format_characters_are_removed_from_every_field(client, char):
    response = client.post(FORM_URL, form_data(**with_char_inside(char)))
    assert response.status_code == 302
    assert stored_fields() == TYPED


@pytest.mark.parametrize("char", LINE_BREAKS.values(), ids=LINE_BREAKS.keys())
def test_unicode_line_breaks_end_a_line_of_the_message_and_go_elsewhere(client, char):
    response = client.post(FORM_URL, form_data(**with_char_inside(char)))
    assert response.status_code == 302
    content = TYPED["content"]
    assert stored_fields() == {**TYPED, "content": content[:3] + "\n" + content[3:]}


def test_the_zero_width_joiner_of_emoji_sequences_is_kept(client):
    developer, family = "\U0001f469\u200d\U0001f4bb", "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    data = form_data(name=f"Ada {developer}", content=f"Greetings from the {family}.")
    assert client.post(FORM_URL, data).status_code == 302
    message = Message.objects.get()
    assert (message.name, message.content) == (f"Ada {developer}", f"Greetings from the {family}.")


def test_null_character_is_refused_not_a_server_error(client):
    response = client.post(FORM_URL, form_data(content="hello\x00world"))
    assert response.status_code == 200
    assert not Message.objects.exists()


def test_stale_form_asks_to_send_again_with_a_fresh_timestamp(client):
    response = client.post(FORM_URL, form_data(served_seconds_ago=3 * 24 * 3600))
    html = response.content.decode()
    assert response.status_code == 200
    assert not Message.objects.exists()
    assert "This form is out of date" in html
    assert "Please send me your product catalogue." in html
    served_at = re.search(r'name="served_at" value="([^"]+)"', html).group(1)
    # A fresh timestamp: a person sending it a little later is not taken for a bot.
    assert spam.check_timestamp(served_at, now=time.time() + 10)[0] == spam.OK
