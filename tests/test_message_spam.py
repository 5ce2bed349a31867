"""Spam defence: honeypot, signed timestamp, per-IP rate limit and the optional captcha."""

import re
import time

import pytest
from django.test import RequestFactory

from online_messages import spam
from online_messages.models import Message

from .messages_fixtures import *  # noqa: F403 (pytest fixtures)
from .messages_fixtures import FORM_URL, THANKS_URL, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def notify(settings):
    settings.MESSAGE_NOTIFY_EMAILS = ["staff@example.com"]


def post(client, data, callbacks, **extra):
    with callbacks(execute=True):
        return client.post(FORM_URL, data, **extra)


def test_a_person_is_stored_as_new_and_staff_are_emailed(
    client, notify, mailoutbox, django_capture_on_commit_callbacks
):
    response = post(client, form_data(), django_capture_on_commit_callbacks)
    assert response["Location"] == THANKS_URL
    assert Message.objects.get().status == Message.Status.NEW
    assert len(mailoutbox) == 1


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"website": "http://spam.example"}, id="honeypot filled in"),
        pytest.param({"served_seconds_ago": 0}, id="sent at once"),
        pytest.param({"served_at": "1700000000.0:forged:signature"}, id="forged timestamp"),
        pytest.param({"served_at": ""}, id="no timestamp"),
    ],
)
def test_bot_is_stored_as_spam_silently_and_thanked(
    client, notify, mailoutbox, django_capture_on_commit_callbacks, changes
):
    response = post(client, form_data(**changes), django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == THANKS_URL
    message = Message.objects.get()
    assert message.status == Message.Status.SPAM
    assert message.content == "Please send me your product catalogue."
    assert mailoutbox == []


def test_sent_under_the_minimum_time_is_spam_and_over_it_is_not(client, settings):
    settings.MESSAGE_MIN_SECONDS = 3
    client.post(FORM_URL, form_data(served_seconds_ago=1, name="Quick"))
    client.post(FORM_URL, form_data(served_seconds_ago=10, name="Patient"))
    statuses = dict(Message.objects.values_list("name", "status"))
    assert statuses == {"Quick": Message.Status.SPAM, "Patient": Message.Status.NEW}


def test_honeypot_is_hidden_from_people(client):
    html = client.get(FORM_URL).content.decode()
    wrapper = re.search(r'<div class="message-form__trap"([^>]*)>(.*?)</div>', html, re.S)
    assert wrapper, "the honeypot wrapper is missing"
    assert " hidden" in wrapper.group(1) and 'aria-hidden="true"' in wrapper.group(1)
    field = re.search(r'<input[^>]*name="website"[^>]*>', wrapper.group(2)).group(0)
    assert 'tabindex="-1"' in field and 'autocomplete="off"' in field


def test_sixth_post_in_the_window_gets_429_with_the_text_kept(client, settings):
    settings.MESSAGE_RATE_LIMIT = 5
    for n in range(5):
        assert client.post(FORM_URL, form_data(name=f"Visitor {n}")).status_code == 302
    response = client.post(FORM_URL, form_data(content="My sixth message, please keep it."))
    html = response.content.decode()
    assert response.status_code == 429
    assert response["Retry-After"] == str(settings.MESSAGE_RATE_WINDOW)
    assert "Please wait before sending again" in html
    assert "My sixth message, please keep it." in html
    assert 'value="li.wei@example.com"' in html
    assert Message.objects.count() == 5


def test_invalid_posts_count_towards_the_limit_too(client, settings):
    settings.MESSAGE_RATE_LIMIT = 2
    client.post(FORM_URL, form_data(email="bad"))
    client.post(FORM_URL, form_data(email="bad"))
    assert client.post(FORM_URL, form_data()).status_code == 429
    assert not Message.objects.exists()


def test_rate_limit_is_per_address(client, settings):
    settings.MESSAGE_RATE_LIMIT = 1
    assert client.post(FORM_URL, form_data(), REMOTE_ADDR="10.0.0.1").status_code == 302
    assert client.post(FORM_URL, form_data(), REMOTE_ADDR="10.0.0.1").status_code == 429
    assert client.post(FORM_URL, form_data(), REMOTE_ADDR="10.0.0.2").status_code == 302


def test_forged_forwarded_for_does_not_escape_the_limit_without_a_proxy(client, settings):
    settings.MESSAGE_RATE_LIMIT = 1
    client.post(FORM_URL, form_data(), HTTP_X_FORWARDED_FOR="1.1.1.1")
    response = client.post(FORM_URL, form_data(), HTTP_X_FORWARDED_FOR="2.2.2.2")
    assert response.status_code == 429
    assert Message.objects.get().ip_address == "127.0.0.1"


def test_behind_a_trusted_proxy_the_forwarded_address_is_used(client, settings):
    settings.MESSAGE_TRUSTED_PROXY_COUNT = 1
    settings.MESSAGE_RATE_LIMIT = 1
    forged_then_real = "6.6.6.6, 203.0.113.7"
    client.post(FORM_URL, form_data(), HTTP_X_FORWARDED_FOR=forged_then_real)
    assert Message.objects.get().ip_address == "203.0.113.7"
    other = client.post(FORM_URL, form_data(), HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.8")
    assert other.status_code == 302


@pytest.mark.parametrize(
    ("proxies", "forwarded", "remote", "expected"),
    [
        (0, "203.0.113.7", "10.0.0.1", "10.0.0.1"),
        (1, "203.0.113.7", "10.0.0.1", "203.0.113.7"),
        (2, "198.51.100.1, 203.0.113.7, 10.0.0.9", "10.0.0.1", "203.0.113.7"),
        (2, "203.0.113.7", "10.0.0.1", "10.0.0.1"),
        (1, "not-an-ip", "10.0.0.1", None),
        (0, "", "", None),
    ],
)
def test_client_ip(settings, proxies, forwarded, remote, expected):
    settings.MESSAGE_TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=remote)
    assert spam.client_ip(request) == expected


def test_timestamp_verdicts(settings):
    settings.MESSAGE_MIN_SECONDS = 3
    settings.MESSAGE_MAX_FORM_AGE = 3600
    now = time.time()
    token = spam.make_timestamp(at=now)
    assert spam.check_timestamp(token, now=now + 1) == spam.TOO_FAST
    assert spam.check_timestamp(token, now=now + 10) == spam.OK
    assert spam.check_timestamp(token, now=now + 7200) == spam.STALE
    assert spam.check_timestamp(token[:-2] + "xx", now=now + 10) == spam.FORGED
    assert spam.check_timestamp(None) == spam.FORGED


def test_captcha_is_off_by_default(client, settings):
    assert settings.MESSAGE_CAPTCHA is False
    html = client.get(FORM_URL).content.decode()
    assert "captcha" not in html


@pytest.fixture
def captcha_on(settings):
    settings.MESSAGE_CAPTCHA = True


def captcha_answer(html):
    from captcha.models import CaptchaStore

    key = re.search(r'name="captcha_0" value="([^"]+)"', html).group(1)
    return key, CaptchaStore.objects.get(hashkey=key).response


def test_captcha_when_on_is_shown_with_a_label_and_an_image(client, captcha_on):
    html = client.get(FORM_URL).content.decode()
    assert '<label class="message-form__label" for="id_captcha_1">' in html
    assert re.search(r'<img src="/captcha/image/\w+/" alt="[^"]+"', html)
    image_url = re.search(r'<img src="(/captcha/image/\w+/)"', html).group(1)
    assert client.get(image_url)["Content-Type"] == "image/png"


def test_captcha_wrong_answer_is_refused_and_the_text_kept(client, captcha_on):
    key, _ = captcha_answer(client.get(FORM_URL).content.decode())
    response = client.post(FORM_URL, form_data(captcha_0=key, captcha_1="wrong"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "The characters do not match" in html
    assert "Please send me your product catalogue." in html
    assert not Message.objects.exists()


def test_captcha_right_answer_is_accepted(client, captcha_on):
    key, answer = captcha_answer(client.get(FORM_URL).content.decode())
    response = client.post(FORM_URL, form_data(captcha_0=key, captcha_1=answer))
    assert response.status_code == 302
    assert Message.objects.get().status == Message.Status.NEW


def test_captcha_missing_is_refused(client, captcha_on):
    assert client.post(FORM_URL, form_data()).status_code == 200
    assert not Message.objects.exists()
