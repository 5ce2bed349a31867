"""Admin login lockout (django-axes): five wrong passwords lock a username from one address."""

import logging
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.core.management import call_command
from django.http import HttpRequest

PASSWORD = "correct horse battery staple"
HOME = "203.0.113.7"
ELSEWHERE = "198.51.100.20"


@pytest.fixture
def boss(db):
    return User.objects.create_superuser("boss", "boss@example.com", PASSWORD)


def log_in(client, username, password, ip=HOME, **extra):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
        **extra,
    )


def fail(client, times, username="boss", ip=HOME, **extra):
    for _ in range(times):
        response = log_in(client, username, "wrong password", ip, **extra)
    return response


def logged_in_as(client):
    response = client.get("/admin/", REMOTE_ADDR=HOME)
    return response.context["user"].username if response.status_code == 200 else None


def assert_locked_out(response):
    assert response.status_code == 429
    page = response.content.decode()
    assert "locked out after 5 failed logins" in page
    assert "You can try again after" in page
    assert "(in 1\xa0hour)" in page
    assert "ask an administrator to unlock your account" in page
    assert response["Retry-After"] == "3600"


def test_four_failures_still_show_the_login_form(client, boss):
    response = fail(client, 4)
    assert response.status_code == 200
    assert "Please enter the correct username and password" in response.content.decode()
    assert log_in(client, "boss", PASSWORD).status_code == 302


def test_fifth_failure_shows_the_lockout_page(client, boss):
    assert_locked_out(fail(client, 5))


def test_the_right_password_does_not_get_past_a_lockout(client, boss):
    fail(client, 5)
    response = log_in(client, "boss", PASSWORD)
    assert_locked_out(response)
    assert logged_in_as(client) is None


def test_lockout_page_is_the_admins_with_its_headers(client, boss):
    response = fail(client, 5)
    assert "Too many failed logins" in response.content.decode()
    assert response["X-Frame-Options"] == "DENY"
    directives = [part.split() for part in response["Content-Security-Policy"].split(";")]
    assert ["script-src", "'self'"] in directives


def test_axes_reset_command_unlocks(client, boss):
    fail(client, 5)
    call_command("axes_reset", verbosity=0)
    assert log_in(client, "boss", PASSWORD).status_code == 302
    assert logged_in_as(client) == "boss"


def test_axes_reset_username_command_unlocks(client, boss):
    fail(client, 5)
    call_command("axes_reset_username", "boss", verbosity=0)
    assert log_in(client, "boss", PASSWORD).status_code == 302


def test_deleting_the_access_attempt_in_the_admin_unlocks(client, boss, admin_client):
    fail(client, 5)
    attempt = AccessAttempt.objects.get(username="boss")
    changelist = admin_client.get("/admin/axes/accessattempt/")
    assert "boss" in changelist.content.decode()
    response = admin_client.post(
        f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"}, follow=True
    )
    assert response.status_code == 200
    assert log_in(client, "boss", PASSWORD).status_code == 302


def test_another_username_from_the_same_address_is_not_locked(client, boss):
    User.objects.create_user("editor", password=PASSWORD, is_staff=True)
    fail(client, 5)
    assert log_in(client, "editor", PASSWORD).status_code == 302
    assert logged_in_as(client) == "editor"


def test_the_same_username_from_another_address_is_not_locked(client, boss):
    """An attacker cannot lock a real editor out from elsewhere."""
    fail(client, 5, ip=ELSEWHERE)
    assert log_in(client, "boss", PASSWORD, ip=HOME).status_code == 302


def test_lockout_ends_after_the_cool_off_hour(client, boss):
    fail(client, 5)
    locked_at = AccessAttempt.objects.get().attempt_time
    AccessAttempt.objects.update(attempt_time=locked_at - timedelta(minutes=61))
    assert log_in(client, "boss", PASSWORD).status_code == 302


def test_a_successful_login_clears_earlier_failures(client, boss):
    fail(client, 4)
    assert log_in(client, "boss", PASSWORD).status_code == 302
    client.logout()
    assert fail(client, 4).status_code == 200


def test_failure_limit_is_a_setting(client, boss, settings):
    settings.AXES_FAILURE_LIMIT = 2
    response = fail(client, 2)
    assert response.status_code == 429
    assert "locked out after 2 failed logins" in response.content.decode()


def test_behind_a_proxy_each_forwarded_client_counts_separately(client, boss, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "127.0.0.1"
    fail(client, 5, ip=proxy, HTTP_X_FORWARDED_FOR=ELSEWHERE)
    assert AccessAttempt.objects.get().ip_address == ELSEWHERE
    response = log_in(client, "boss", PASSWORD, ip=proxy, HTTP_X_FORWARDED_FOR=HOME)
    assert response.status_code == 302


UNKNOWN = ""  # REMOTE_ADDR on a unix socket, without DJANGO_TRUSTED_PROXY_COUNT


def test_failures_from_an_unknown_address_lock_nobody_out(client, boss, caplog):
    """Unknown addresses would all share one lockout: anyone could lock every editor out."""
    User.objects.create_user("editor", password=PASSWORD, is_staff=True)
    with caplog.at_level(logging.ERROR, logger="newscenter.login_lockout"):
        assert fail(client, 5, username="editor", ip=UNKNOWN).status_code == 200
    assert "set DJANGO_TRUSTED_PROXY_COUNT" in caplog.text
    assert not AccessAttempt.objects.exists()
    assert log_in(client, "editor", PASSWORD, ip=HOME).status_code == 302
    client.logout()
    assert log_in(client, "editor", PASSWORD, ip=UNKNOWN).status_code == 302


def test_a_known_address_is_still_locked_out_when_others_are_unknown(client, boss):
    fail(client, 2, ip=UNKNOWN)
    assert_locked_out(fail(client, 5, ip=HOME))


def test_test_client_login_still_works(client, boss):
    assert client.login(username="boss", password=PASSWORD)
    assert not client.login(username="boss", password="wrong password")
    assert client.login(request=HttpRequest(), username="boss", password=PASSWORD)
