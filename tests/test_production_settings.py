"""Production defaults: start-up errors, HTTPS, `check --deploy`, gunicorn, static files."""

import os
import runpy
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client, override_settings

ROOT = Path(__file__).resolve().parent.parent
SETTINGS_FILE = ROOT / "newscenter" / "settings.py"
PRODUCTION = {
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "news.example.com",
}
MANIFEST_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


def run(command, tmp_path, **variables):
    """Run a command from the repository with only the given variables in its environment."""
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "CACHE_URL": "locmemcache://",
        **variables,
    }
    return subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def manage(*args, tmp_path, **variables):
    return run([sys.executable, "manage.py", *args], tmp_path, **variables)


# --- A missing variable stops start-up with one line --------------------------------------------


@pytest.mark.parametrize(
    "present, missing",
    [
        ({"DJANGO_ALLOWED_HOSTS": "news.example.com"}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": PRODUCTION["DJANGO_SECRET_KEY"]}, "DJANGO_ALLOWED_HOSTS"),
        ({"DJANGO_SECRET_KEY": "x", "DJANGO_ALLOWED_HOSTS": " , "}, "DJANGO_ALLOWED_HOSTS"),
    ],
)
def test_manage_py_without_a_required_variable_prints_one_line(tmp_path, present, missing):
    result = manage("check", tmp_path=tmp_path, **present)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Configuration error: set ")
    assert missing in lines[0]


def test_both_missing_variables_are_named_on_the_one_line(tmp_path):
    result = manage("check", tmp_path=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Configuration error: set DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS "
        "(required when DJANGO_DEBUG is off; see README: Production)."
    ]


@pytest.mark.slow
def test_gunicorn_stops_at_once_on_a_configuration_error(tmp_path):
    """The master reads the settings first, so workers are not restarted in a loop."""
    result = run([str(ROOT / ".venv/bin/gunicorn"), "newscenter.wsgi"], tmp_path)
    assert result.returncode == 1
    assert "Configuration error: set DJANGO_SECRET_KEY" in result.stderr
    assert "Booting worker" not in result.stderr
    assert "Traceback" not in result.stderr


def test_debug_needs_neither_variable(tmp_path):
    result = manage("check", tmp_path=tmp_path, DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr


# --- check --deploy ---------------------------------------------------------------------------


def test_check_deploy_is_clean_with_production_variables(tmp_path):
    result = manage("check", "--deploy", "--fail-level", "WARNING", tmp_path=tmp_path, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_still_sees_the_security_middleware_settings(tmp_path):
    """The project subclasses SecurityMiddleware; Django's checks must not go blind to it."""
    result = manage("check", "--deploy", tmp_path=tmp_path, DJANGO_HTTPS="off", **PRODUCTION)
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr


# --- What the variables switch ------------------------------------------------------------------


def settings_with(monkeypatch, **variables):
    """Evaluate settings.py afresh with exactly these variables (the running settings stay)."""
    for name in list(os.environ):
        if name.startswith(("DJANGO_", "MESSAGE_", "AXES_")):
            monkeypatch.delenv(name)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS_FILE))


def test_debug_is_off_and_https_fully_on_by_default(monkeypatch):
    conf = settings_with(monkeypatch, **PRODUCTION)
    assert conf["DEBUG"] is False
    assert conf["SECURE_SSL_REDIRECT"] is True
    assert conf["SECURE_HSTS_SECONDS"] == 365 * 24 * 3600
    assert conf["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert conf["SECURE_HSTS_PRELOAD"] is False
    assert conf["SESSION_COOKIE_SECURE"] is True
    assert conf["CSRF_COOKIE_SECURE"] is True
    assert "SECURE_PROXY_SSL_HEADER" not in conf


def test_allowed_hosts_may_be_written_with_spaces(monkeypatch):
    hosts = "news.example.com, www.example.com, "
    conf = settings_with(monkeypatch, **{**PRODUCTION, "DJANGO_ALLOWED_HOSTS": hosts})
    assert conf["ALLOWED_HOSTS"] == ["news.example.com", "www.example.com"]


def test_https_off_is_for_a_plain_http_intranet(monkeypatch):
    conf = settings_with(monkeypatch, DJANGO_HTTPS="off", **PRODUCTION)
    assert conf["SECURE_SSL_REDIRECT"] is False
    assert conf["SECURE_HSTS_SECONDS"] == 0
    assert conf["SESSION_COOKIE_SECURE"] is False
    assert conf["CSRF_COOKIE_SECURE"] is False


def test_development_has_no_https(monkeypatch):
    conf = settings_with(monkeypatch, DJANGO_DEBUG="1")
    assert conf["SECURE_SSL_REDIRECT"] is False
    assert conf["SESSION_COOKIE_SECURE"] is False


def test_hsts_preload_and_proxy_header_are_opt_in(monkeypatch):
    conf = settings_with(
        monkeypatch, DJANGO_HSTS_PRELOAD="on", DJANGO_BEHIND_PROXY="on", **PRODUCTION
    )
    assert conf["SECURE_HSTS_PRELOAD"] is True
    assert conf["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")


def test_one_proxy_count_serves_the_message_form_and_the_login_lockout(monkeypatch):
    conf = settings_with(monkeypatch, DJANGO_TRUSTED_PROXY_COUNT="1", **PRODUCTION)
    assert conf["TRUSTED_PROXY_COUNT"] == 1
    assert conf["AXES_CLIENT_IP_CALLABLE"] == "newscenter.client_ip.client_ip"
    assert "newscenter.client_ip.ClientIPMiddleware" in conf["MIDDLEWARE"]
    assert "MESSAGE_TRUSTED_PROXY_COUNT" not in conf
    # The old name still counts for one release (newscenter.W002 says so), unless the new is set.
    older = settings_with(monkeypatch, MESSAGE_TRUSTED_PROXY_COUNT="2", **PRODUCTION)
    assert older["TRUSTED_PROXY_COUNT"] == 2
    both = settings_with(
        monkeypatch, MESSAGE_TRUSTED_PROXY_COUNT="2", DJANGO_TRUSTED_PROXY_COUNT="1", **PRODUCTION
    )
    assert both["TRUSTED_PROXY_COUNT"] == 1


@pytest.mark.slow  # migrates a database in another process
def test_the_captcha_app_and_urls_exist_only_when_it_is_on(monkeypatch, tmp_path):
    assert "captcha" not in settings_with(monkeypatch, **PRODUCTION)["INSTALLED_APPS"]
    on = settings_with(monkeypatch, MESSAGE_CAPTCHA="on", **PRODUCTION)
    apps = on["INSTALLED_APPS"]
    assert apps.index("captcha") > apps.index("online_messages")  # its widget is overridden
    env = {"MESSAGE_CAPTCHA": "on", **PRODUCTION}
    assert manage("migrate", "--noinput", tmp_path=tmp_path, **env).returncode == 0
    shown = manage("showmigrations", "captcha", tmp_path=tmp_path, **env)
    assert "[X] 0001_initial" in shown.stdout


def test_the_captcha_on_without_its_package_stops_start_up_with_one_line(tmp_path):
    """django-simple-captcha is an extra: MESSAGE_CAPTCHA=on without it names what to install."""
    without_captcha = (
        "import runpy, sys; sys.modules['captcha'] = None; sys.argv = ['manage.py', 'check']; "
        "runpy.run_path('manage.py', run_name='__main__')"
    )
    result = run(
        [sys.executable, "-c", without_captcha], tmp_path, MESSAGE_CAPTCHA="on", **PRODUCTION
    )
    assert result.returncode == 1
    assert result.stderr == (
        "Configuration error: MESSAGE_CAPTCHA is on but django-simple-captcha is not installed "
        '(pip install ".[captcha]").\n'
    )


# --- gunicorn.conf.py ---------------------------------------------------------------------------


def gunicorn_conf(monkeypatch, **variables):
    for name in ("WEB_CONCURRENCY", "PORT", "GUNICORN_BIND"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))


def test_gunicorn_defaults_to_loopback_and_a_worker_count_from_the_cores(monkeypatch):
    conf = gunicorn_conf(monkeypatch)
    assert conf["bind"] == "127.0.0.1:8000"
    assert 1 <= conf["workers"] <= min(2 * os.cpu_count() + 1, 9)
    assert conf["accesslog"] == "-"
    assert conf["max_requests"] > 0 and conf["max_requests_jitter"] > 0
    assert "forwarded_allow_ips" not in conf


def test_gunicorn_reads_workers_and_address_from_the_environment(monkeypatch):
    conf = gunicorn_conf(monkeypatch, WEB_CONCURRENCY="3", PORT="9000")
    assert (conf["workers"], conf["bind"]) == (3, "127.0.0.1:9000")
    conf = gunicorn_conf(monkeypatch, PORT="9000", GUNICORN_BIND="unix:/run/news.sock")
    assert conf["bind"] == "unix:/run/news.sock"


@pytest.mark.slow
def test_gunicorn_picks_the_config_file_up_from_the_working_directory(tmp_path):
    result = run(
        [str(ROOT / ".venv/bin/gunicorn"), "--print-config", "newscenter.wsgi"],
        tmp_path,
        WEB_CONCURRENCY="3",
        PORT="9123",
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stderr
    config = {
        name.strip(): value.strip()
        for name, _, value in (line.partition("=") for line in result.stdout.splitlines())
    }
    assert config["workers"] == "3"
    assert config["bind"] == "['127.0.0.1:9123']"
    assert config["accesslog"] == "-"
    assert config["control_socket_disable"] == "True"


# --- Static files: collectstatic, then WhiteNoise ------------------------------------------------


@pytest.fixture(scope="session")
def collected(tmp_path_factory):
    """A real collectstatic (hashed, compressed) of every app's files, as a deploy runs it."""
    root = tmp_path_factory.mktemp("staticfiles")
    storages = {"staticfiles": {"BACKEND": MANIFEST_STORAGE}}
    with override_settings(STATIC_ROOT=root, STORAGES={"default": {}, **storages}):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


@pytest.fixture
def production_static(settings, collected):
    settings.STATIC_ROOT = collected
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST_STORAGE}}
    return Client()  # a new client starts a new WhiteNoise, which scans STATIC_ROOT


def test_hashed_static_file_is_cached_for_good(production_static):
    url = static("css/site.css")
    assert url != "/static/css/site.css"
    response = production_static.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_static_file_is_served_compressed(production_static):
    url = static("admin/js/core.js")
    response = production_static.get(url, headers={"accept-encoding": "gzip"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"


def test_unhashed_name_is_not_cached_for_long(production_static):
    response = production_static.get("/static/css/site.css")
    assert response.status_code == 200
    assert "immutable" not in response["Cache-Control"]


@pytest.mark.django_db
def test_pages_link_the_hashed_names(production_static):
    page = production_static.get("/").content.decode()
    assert static("css/site.css") in page
