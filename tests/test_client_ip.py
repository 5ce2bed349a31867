"""The client's address: one proxy setting for the whole site (newscenter.client_ip)."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.test import RequestFactory

from newscenter.checks import check_proxy_count_variable
from newscenter.client_ip import client_ip
from online_messages.models import Message

from .messages import FORM_URL, form_data

NGINX = "10.0.0.1"
VISITOR = "203.0.113.7"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "remote", "expected"),
    [
        pytest.param(0, "", NGINX, NGINX, id="no proxy"),
        pytest.param(0, VISITOR, NGINX, NGINX, id="no proxy: the client wrote the header"),
        pytest.param(1, VISITOR, NGINX, VISITOR, id="one proxy"),
        pytest.param(1, f"forged, {VISITOR}", NGINX, VISITOR, id="one proxy, forged left part"),
        pytest.param(1, f"6.6.6.6, {VISITOR}", NGINX, VISITOR, id="one proxy, forged address"),
        pytest.param(1, f'", {VISITOR}', NGINX, VISITOR, id="one proxy, the client's open quote"),
        pytest.param(1, f'for="x, {VISITOR}', NGINX, VISITOR, id="one proxy, forged element"),
        pytest.param(1, "", NGINX, NGINX, id="one proxy, not through it"),
        pytest.param(2, f"198.51.100.1, {VISITOR}, 10.0.0.9", NGINX, VISITOR, id="two proxies"),
        pytest.param(2, VISITOR, NGINX, NGINX, id="two proxies, not through both"),
        pytest.param(1, "[2001:db8::7]:4711", NGINX, "2001:db8::7", id="IPv6 with a port"),
        pytest.param(0, "", "::ffff:192.0.2.1", "192.0.2.1", id="IPv4-mapped"),
        pytest.param(1, "unix:", NGINX, None, id="the proxy's client is a unix socket"),
        pytest.param(1, "not-an-ip", NGINX, None, id="not an address"),
        pytest.param(0, "", "", None, id="unix socket, no proxy setting"),
        pytest.param(0, VISITOR, "", None, id="unix socket, header ignored"),
    ],
)
def test_client_ip(settings, proxies, forwarded, remote, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=remote)
    if forwarded:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    assert client_ip(request) == expected


# --- One setting for the message rate limit and the login lockout ----------------------------


@pytest.fixture
def editor_user(db):
    return User.objects.create_user("editor", password="right password", is_staff=True)


def send_message_and_fail_a_login(client):
    headers = {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": f"forged, {VISITOR}"}
    assert client.post(FORM_URL, form_data(), **headers).status_code == 302
    login = {"username": "editor", "password": "wrong password"}
    assert client.post("/admin/login/", login, **headers).status_code == 200
    return Message.objects.get().ip_address, AccessAttempt.objects.get().ip_address


def test_behind_one_proxy_both_see_the_visitor(client, settings, editor_user):
    settings.TRUSTED_PROXY_COUNT = 1
    assert send_message_and_fail_a_login(client) == (VISITOR, VISITOR)


def test_without_a_proxy_both_see_the_connection(client, settings, editor_user):
    settings.TRUSTED_PROXY_COUNT = 0
    assert send_message_and_fail_a_login(client) == (NGINX, NGINX)


# --- The old variable ----------------------------------------------------------------------------


def test_the_old_variable_name_is_deprecated(monkeypatch):
    monkeypatch.delenv("DJANGO_TRUSTED_PROXY_COUNT", raising=False)
    monkeypatch.delenv("MESSAGE_TRUSTED_PROXY_COUNT", raising=False)
    assert check_proxy_count_variable(None) == []
    monkeypatch.setenv("MESSAGE_TRUSTED_PROXY_COUNT", "1")
    [warning] = check_proxy_count_variable(None)
    assert warning.id == "newscenter.W002"
    assert "Rename it DJANGO_TRUSTED_PROXY_COUNT" in warning.hint
    monkeypatch.setenv("DJANGO_TRUSTED_PROXY_COUNT", "1")
    [warning] = check_proxy_count_variable(None)
    assert "remove MESSAGE_TRUSTED_PROXY_COUNT" in warning.hint
