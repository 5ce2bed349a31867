"""Spam defence: honeypot, signed timestamp, per-sender rate limit and the optional captcha."""

import importlib
import logging
import re
import time
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.urls import clear_url_caches
from django.utils import timezone

from online_messages import spam
from online_messages.forms import MessageForm
from online_messages.models import Message, PostCounter

from .messages import FORM_URL, THANKS_URL, form_data

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
    message = Message.objects.get()
    assert (message.status, message.spam_reason) == (Message.Status.NEW, "")
    assert len(mailoutbox) == 1


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        pytest.param({"website": "http://spam.example"}, "honeypot", id="honeypot filled in"),
        pytest.param({"served_seconds_ago": 0}, "too fast", id="sent at once"),
        pytest.param(
            {"served_at": "1700000000.0:forged:signature"}, "forged form", id="forged timestamp"
        ),
        pytest.param({"served_at": ""}, "forged form", id="no timestamp"),
        pytest.param(
            {"website": "http://spam.example", "served_seconds_ago": 0},
            "honeypot",
            id="honeypot before timestamp",
        ),
    ],
)
def test_bot_is_stored_as_spam_silently_and_thanked(
    client, notify, mailoutbox, django_capture_on_commit_callbacks, changes, reason
):
    response = post(client, form_data(**changes), django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == THANKS_URL
    message = Message.objects.get()
    assert message.status == Message.Status.SPAM
    assert message.spam_reason == reason
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
    settings.TRUSTED_PROXY_COUNT = 1
    settings.MESSAGE_RATE_LIMIT = 1
    forged_then_real = "6.6.6.6, 203.0.113.7"
    client.post(FORM_URL, form_data(), HTTP_X_FORWARDED_FOR=forged_then_real)
    assert Message.objects.get().ip_address == "203.0.113.7"
    other = client.post(FORM_URL, form_data(), HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.8")
    assert other.status_code == 302


def test_addresses_in_one_ipv6_64_share_a_limit(client, settings):
    """An IPv6 host is given a whole /64: a new address in it is not a new sender."""
    settings.MESSAGE_RATE_LIMIT = 1
    assert client.post(FORM_URL, form_data(), REMOTE_ADDR="2001:db8:1:2::1").status_code == 302
    rotated = client.post(FORM_URL, form_data(), REMOTE_ADDR="2001:db8:1:2:ffff:1:2:3")
    assert rotated.status_code == 429
    assert client.post(FORM_URL, form_data(), REMOTE_ADDR="2001:db8:1:3::1").status_code == 302
    assert Message.objects.filter(ip_address="2001:db8:1:2::1").exists()


def test_an_ipv4_mapped_address_counts_as_its_ipv4_address(client, settings):
    settings.MESSAGE_RATE_LIMIT = 1
    assert client.post(FORM_URL, form_data(), REMOTE_ADDR="192.0.2.1").status_code == 302
    assert client.post(FORM_URL, form_data(), REMOTE_ADDR="::ffff:192.0.2.1").status_code == 429


@pytest.mark.parametrize(
    ("ip", "key"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
        ("2001:DB8:1:2::", "2001:db8:1:2::/64"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
    ],
)
def test_sender_key(ip, key):
    assert spam.sender_key(ip) == key


def test_the_limit_lifts_when_the_window_is_over_and_not_before(client, settings):
    settings.MESSAGE_RATE_LIMIT = 1
    settings.MESSAGE_RATE_WINDOW = 600
    assert client.post(FORM_URL, form_data()).status_code == 302
    assert client.post(FORM_URL, form_data()).status_code == 429
    PostCounter.objects.update(window_end=timezone.now() + timedelta(seconds=10))
    assert client.post(FORM_URL, form_data()).status_code == 429
    PostCounter.objects.update(window_end=timezone.now())
    assert client.post(FORM_URL, form_data()).status_code == 302
    assert client.post(FORM_URL, form_data()).status_code == 429
    assert Message.objects.count() == 2


def test_a_window_lasts_its_length_from_the_first_post():
    window, start = timedelta(minutes=10), timezone.now()
    assert PostCounter.objects.hit("192.0.2.1", 2, window, now=start)
    assert PostCounter.objects.hit("192.0.2.1", 2, window, now=start + timedelta(minutes=9))
    assert not PostCounter.objects.hit("192.0.2.1", 2, window, now=start + timedelta(minutes=9))
    assert PostCounter.objects.hit("192.0.2.1", 2, window, now=start + window)
    assert PostCounter.objects.get().count == 1


def test_starting_a_window_deletes_the_counters_that_are_over():
    window = timedelta(minutes=10)
    PostCounter.objects.hit("192.0.2.1", 5, window, now=timezone.now() - window)
    PostCounter.objects.hit("192.0.2.2", 5, window, now=timezone.now() - timedelta(minutes=1))
    PostCounter.objects.hit("192.0.2.3", 5, window)
    assert sorted(PostCounter.objects.values_list("key", flat=True)) == ["192.0.2.2", "192.0.2.3"]


def test_a_counter_of_a_longer_window_outlives_a_shorter_windows_clean_up():
    """The acknowledgement's hourly counters share the table with the form's 10-minute ones."""
    start = timezone.now() - timedelta(minutes=20)
    assert PostCounter.objects.hit("ack:someone", 1, timedelta(hours=1), now=start)
    PostCounter.objects.hit("192.0.2.1", 5, timedelta(minutes=10))  # starts a window: cleans up
    assert not PostCounter.objects.hit("ack:someone", 1, timedelta(hours=1))


def test_an_unknown_address_is_not_counted_and_the_error_is_logged(client, settings, caplog):
    """REMOTE_ADDR is empty on a unix socket: counted, every visitor would share one limit."""
    settings.MESSAGE_RATE_LIMIT = 1
    with caplog.at_level(logging.ERROR, logger="online_messages.spam"):
        for _ in range(3):
            assert client.post(FORM_URL, form_data(), REMOTE_ADDR="").status_code == 302
    assert Message.objects.filter(ip_address=None).count() == 3
    assert not PostCounter.objects.exists()
    assert "set DJANGO_TRUSTED_PROXY_COUNT" in caplog.text
    assert client.post(FORM_URL, form_data(), REMOTE_ADDR="192.0.2.1").status_code == 302
    assert client.post(FORM_URL, form_data(), REMOTE_ADDR="192.0.2.1").status_code == 429


# --- One served form, one message ----------------------------------------------------------


def served_at(html):
    return re.search(r'name="served_at" value="([^"]+)"', html).group(1)


def test_a_served_form_is_good_for_one_message(client, settings):
    data = form_data(content="My one and only question.")
    assert client.post(FORM_URL, data).status_code == 302
    response = client.post(FORM_URL, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "This form has already been sent. Check your message and send it again" in html
    assert "My one and only question." in html
    assert Message.objects.count() == 1
    # The form comes back with a fresh timestamp: sending it is sending another message.
    assert served_at(html) != data["served_at"]
    settings.MESSAGE_MIN_SECONDS = 0
    again = client.post(FORM_URL, {**data, "served_at": served_at(html)})
    assert again.status_code == 302
    assert Message.objects.filter(status=Message.Status.NEW).count() == 2


def test_a_form_stored_as_spam_is_used_up_too(client):
    data = form_data(website="http://spam.example")
    assert client.post(FORM_URL, data).status_code == 302
    response = client.post(FORM_URL, data)
    assert response.status_code == 200
    assert "This form has already been sent." in response.content.decode()
    assert Message.objects.get().status == Message.Status.SPAM


def test_the_same_form_sent_twice_at_once_is_stored_once(client, monkeypatch):
    """Both requests pass the form's check before either stores: the unique token decides."""
    data = form_data(content="Sent with a double click.")
    assert client.post(FORM_URL, data).status_code == 302
    real_check, checks = MessageForm.already_sent, []

    def check_that_runs_too_early(form):
        checks.append(form)
        return False if len(checks) == 1 else real_check(form)

    monkeypatch.setattr(MessageForm, "already_sent", check_that_runs_too_early)
    response = client.post(FORM_URL, data)
    html = response.content.decode()
    assert len(checks) == 2  # the form's check, then the view's after the refused INSERT
    assert response.status_code == 200
    assert "This form has already been sent." in html
    assert "Sent with a double click." in html
    assert Message.objects.count() == 1


def test_a_form_served_before_forms_had_a_token_is_asked_again(client):
    """What an open tab holds across the deploy is not spam, and nothing typed is lost."""
    from django.core import signing

    before = signing.dumps(time.time() - 60, salt=spam.SALT)
    response = client.post(FORM_URL, form_data(served_at=before, content="Typed last release."))
    html = response.content.decode()
    assert response.status_code == 200
    assert "This form is out of date" in html
    assert "Typed last release." in html
    assert not Message.objects.exists()


def test_timestamp_verdicts(settings):
    settings.MESSAGE_MIN_SECONDS = 3
    settings.MESSAGE_MAX_FORM_AGE = 3600
    now = time.time()
    value = spam.make_timestamp(at=now)
    verdict, token = spam.check_timestamp(value, now=now + 10)
    assert verdict == spam.OK and len(token) >= 20
    assert spam.check_timestamp(value, now=now + 1) == (spam.TOO_FAST, token)
    assert spam.check_timestamp(value, now=now + 7200) == (spam.STALE, token)
    assert spam.check_timestamp(value[:-2] + "xx", now=now + 10) == (spam.FORGED, "")
    assert spam.check_timestamp(None) == (spam.FORGED, "")
    assert spam.check_timestamp(spam.make_timestamp(at=now), now=now + 10)[1] != token


def test_captcha_is_off_by_default(client):
    html = client.get(FORM_URL).content.decode()
    assert "captcha" not in html


def reload_urlconf():
    importlib.reload(importlib.import_module(django_settings.ROOT_URLCONF))
    clear_url_caches()


def with_captcha_app():
    return [*django_settings.INSTALLED_APPS, "captcha"]


@pytest.fixture(scope="module")
def captcha_table(django_db_setup, django_db_blocker):
    """The table `migrate` adds once MESSAGE_CAPTCHA is on; the test database is made without.

    (test_production_settings runs that migration for real.)
    """

    def change_schema(operation):
        with django_db_blocker.unblock(), override_settings(INSTALLED_APPS=with_captcha_app()):
            from captcha.models import CaptchaStore

            with connection.schema_editor() as editor:
                getattr(editor, operation)(CaptchaStore)

    change_schema("create_model")
    yield
    change_schema("delete_model")


@pytest.fixture
def captcha_on(captcha_table):
    """MESSAGE_CAPTCHA=on, as settings.py and urls.py then set up: the app and its URLs."""
    with override_settings(MESSAGE_CAPTCHA=True, INSTALLED_APPS=with_captcha_app()):
        reload_urlconf()
        yield
    reload_urlconf()


def stored_captchas():
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM captcha_captchastore")
        return cursor.fetchone()[0]


def refresh(client):
    return client.get("/captcha/refresh/", headers={"x-requested-with": "XMLHttpRequest"})


def test_without_the_captcha_its_urls_are_not_there(client, captcha_table):
    """Its refresh view would store a row for anyone who asks, as often as they ask."""
    for _ in range(3):
        assert refresh(client).status_code == 404
    assert client.get("/captcha/image/abc/").status_code == 404
    assert stored_captchas() == 0


def test_with_the_captcha_on_its_refresh_view_answers(client, captcha_on):
    response = refresh(client)
    assert response.status_code == 200
    assert response.json()["image_url"].startswith("/captcha/image/")
    assert stored_captchas() == 1


def expired_captcha(challenge):
    from captcha.models import CaptchaStore

    # bulk_create: stored without the signal that making a challenge sends.
    CaptchaStore.objects.bulk_create(
        [
            CaptchaStore(
                challenge=challenge,
                response=challenge.lower(),
                hashkey=challenge.lower() * 8,
                expiration=timezone.now() - timedelta(minutes=1),
            )
        ]
    )


def test_making_captchas_deletes_the_expired_ones_at_most_once_a_minute(client, captcha_on):
    from captcha.models import CaptchaStore

    expired_captcha("AAAA")
    client.get(FORM_URL)
    assert not CaptchaStore.objects.filter(challenge="AAAA").exists()
    expired_captcha("BBBB")
    refresh(client)
    client.get(FORM_URL)
    assert CaptchaStore.objects.filter(challenge="BBBB").exists()  # within the minute
    cache.delete(spam.CAPTCHA_CLEANUP_KEY)  # a minute later
    refresh(client)
    assert not CaptchaStore.objects.filter(challenge="BBBB").exists()
    assert CaptchaStore.objects.count() == 4  # the live ones: two forms, two refreshes


def test_purge_messages_deletes_expired_captchas(captcha_on):
    from captcha.models import CaptchaStore

    expired_captcha("CCCC")
    call_command("purge_messages", "--older-than", "30", verbosity=0)
    assert not CaptchaStore.objects.exists()


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
