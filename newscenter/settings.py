"""News Center settings, read from the environment (see README: Configuration)."""

import importlib.util
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

# In modules of their own: the project's apps and templates, the rich-text editor, the fixed
# security policy, how CACHE_URL becomes CACHES, ARTICLE_VIEWS_* (counting article views), the
# languages with the site and company names in each (SITE_NAME, COMPANY…), and uploads: where
# they are stored (MEDIA_ROOT or an S3 bucket), their limits and renditions.
from newscenter.article_views import *  # noqa: F403
from newscenter.caches import caches
from newscenter.ckeditor import (  # noqa: F401 (settings)
    CKEDITOR_ALLOW_NONIMAGE_FILES,
    CKEDITOR_BROWSE_SHOW_DIRS,
    CKEDITOR_CONFIGS,
    CKEDITOR_IMAGE_BACKEND,
    CKEDITOR_PLUGINS,
    CKEDITOR_RESTRICT_BY_USER,
    CKEDITOR_UPLOAD_PATH,
)
from newscenter.components import INSTALLED_APPS, TEMPLATES  # noqa: F401 (settings)
from newscenter.languages import *  # noqa: F403
from newscenter.media_settings import *  # noqa: F403
from newscenter.message_settings import *  # noqa: F403
from newscenter.multi_host import refuse_per_machine_settings
from newscenter.security import (  # noqa: F401 (settings)
    AUTH_PASSWORD_VALIDATORS,
    AUTHENTICATION_BACKENDS,
    CONTENT_SECURITY_POLICY,
    CONTENT_SECURITY_POLICY_EDITOR,
    CSP_EDITOR_VIEWS,
    SILENCED_SYSTEM_CHECKS,
    allow_images_from,
)

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

# --- Core -------------------------------------------------------------------

DEBUG = env.bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = [host.strip() for host in env.list("DJANGO_ALLOWED_HOSTS", default=[])]
ALLOWED_HOSTS = [host for host in ALLOWED_HOSTS if host]
if DEBUG:
    SECRET_KEY = SECRET_KEY or "django-insecure-development-only-key"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["localhost", "127.0.0.1", "[::1]"]
elif not (SECRET_KEY and ALLOWED_HOSTS):
    # manage.py and gunicorn report it as one line ("Configuration error: …") and exit 1.
    required = {"DJANGO_SECRET_KEY": SECRET_KEY, "DJANGO_ALLOWED_HOSTS": ALLOWED_HOSTS}
    missing = " and ".join(name for name, value in required.items() if not value)
    raise ImproperlyConfigured(
        f"set {missing} (required when DJANGO_DEBUG is off; see README: Production)."
    )

SITE_URL = env("SITE_URL", default="")

MIDDLEWARE = [
    # ETag and 304 for every response, cached pages included. Then the page cache, first of the
    # rest: a hit skips every other middleware, since it stores a page with the headers they
    # added (CSP, frame denial, nosniff…; HSTS per scheme, which is part of its key).
    "django.middleware.http.ConditionalGetMiddleware",
    "pagecache.middleware.PageCacheMiddleware",
    # The header middleware sit above WhiteNoise, so that static files get the same security
    # headers, CSP and frame denial as pages.
    "newscenter.middleware.SecurityMiddleware",
    "newscenter.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # request.client_ip, by TRUSTED_PROXY_COUNT: what the message rate limit counts and stores.
    "newscenter.client_ip.ClientIPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language from the address alone (/zh-hans/…), never from the browser: see its module.
    "newscenter.locale.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Old addresses (renamed or legacy pages) answer 301; it reads only responses already 404.
    "articles.redirects.RedirectFallbackMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newscenter.urls"
WSGI_APPLICATION = "newscenter.wsgi.application"

# --- Database and cache -----------------------------------------------------

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and IMMEDIATE transactions let concurrent writers queue instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
# Each gunicorn worker keeps its connection, checked before reuse: a new one costs PostgreSQL a
# process and milliseconds, and SQLite about 1.5 ms (its PRAGMAs, Django's SQL functions, the
# schema read again). `?conn_max_age=N` in DATABASE_URL overrides it.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=600))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Two caches, "default" and "pages" (newscenter/caches.py says why): from CACHE_URL, or without
# it diskcache stores in CACHE_DIR, the page cache taking at most PAGE_CACHE_SIZE_MB of disk.
CACHE_URL = env("CACHE_URL", default="")
CACHE_DIR = Path(env("CACHE_DIR", default=str(BASE_DIR / ".cache")))
PAGE_CACHE_SIZE_MB = env.int("PAGE_CACHE_SIZE_MB", default=1024)
CACHES = caches(CACHE_URL, CACHE_DIR, PAGE_CACHE_SIZE_MB)

# --- Page cache ----------------------------------------------------------------

# Anonymous GETs of the public pages come from the "pages" cache (pagecache.middleware). Any
# write to articles or categories, and a scheduled article going live, refresh them at once;
# the timeout is only a safety net. PAGE_CACHE=off builds every page (benchmarks); it is off by
# default under DEBUG, where edited templates must show at once.
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE", default=not DEBUG)
PAGE_CACHE_TIMEOUT = env.int("PAGE_CACHE_TIMEOUT", default=60 * 60)
# For this many seconds after a write, a page built just before it may still be served while one
# request builds it again (0: never; every request then builds the page until one stores it).
PAGE_CACHE_STALE_SECONDS = env.int("PAGE_CACHE_STALE_SECONDS", default=5)
# Seconds a CDN may keep a public page (`s-maxage`), so it needs no purging: an edit reaches it
# within this. Browsers ask again each time (`max-age=0`); sessions get `private` pages.
PAGE_CDN_MAX_AGE = env.int("PAGE_CDN_MAX_AGE", default=60)
if min(PAGE_CACHE_STALE_SECONDS, PAGE_CDN_MAX_AGE) < 0:
    raise ImproperlyConfigured("PAGE_CACHE_STALE_SECONDS and PAGE_CDN_MAX_AGE must be 0 or more.")

# --- Internationalisation ---------------------------------------------------

# LANGUAGE_CODE (DJANGO_LANGUAGE_CODE) and LANGUAGES: newscenter/languages.py.
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("DJANGO_TIME_ZONE", default="Asia/Shanghai")
USE_I18N = True
USE_TZ = True

# --- Static and media files -------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Django's finders; the one for apps leaves CKEditor's sample and test pages out.
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "newscenter.staticfiles.AppDirectoriesFinder",
]
# MEDIA_ROOT, or the S3 bucket (AWS_STORAGE_BUCKET_NAME): newscenter/media_settings.py.
STORAGES = {
    "default": MEDIA_STORAGE,  # noqa: F405
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
if MEDIA_ORIGIN:  # noqa: F405 (the bucket, or the CDN in front of it, serves the images)
    CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_EDITOR = (
        allow_images_from(policy, MEDIA_ORIGIN)  # noqa: F405
        for policy in (CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_EDITOR)
    )

# --- Email ------------------------------------------------------------------

vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="News Center <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Seconds an SMTP connection may wait for the mail server before the attempt fails.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)

# --- Background work (django-tasks) -----------------------------------------------

# Queued work, such as the staff notification email, is stored in the database and run by
# `manage.py db_worker` (README: Background work). TASKS_BACKEND=immediate runs it in-process
# at once instead, inside the request that queued it: `make run` and the tests set it.
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS_BACKEND = env("TASKS_BACKEND", default="database")
if TASKS_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {', '.join(TASK_BACKENDS)}.")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASKS_BACKEND], "QUEUES": ["default"]}}

# --- Security ---------------------------------------------------------------

# HTTPS redirect, HSTS and secure cookies: on in production, off for development, and
# DJANGO_HTTPS=off turns them off for a plain-HTTP intranet. Requests to a loopback Host are
# never redirected (health checks, the benchmark): see newscenter.middleware.
HTTPS = env.bool("DJANGO_HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
# Preloading is hard to undo and binds every subdomain, so it is the operator's explicit choice.
SECURE_HSTS_PRELOAD = HTTPS and env.bool("DJANGO_HSTS_PRELOAD", default=False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
if env.bool("DJANGO_BEHIND_PROXY", default=False):
    # Trust X-Forwarded-Proto only when a proxy sets it on every request (README: Production).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Reverse proxies in front of the app that append to X-Forwarded-For (0: none): the one rule for
# the client's address on the whole site (newscenter.client_ip), for the message rate limit and
# the login lockout alike. MESSAGE_TRUSTED_PROXY_COUNT, its old name, still counts for one
# release when DJANGO_TRUSTED_PROXY_COUNT is not set; newscenter.checks warns about it.
TRUSTED_PROXY_COUNT = env.int(
    "DJANGO_TRUSTED_PROXY_COUNT", default=env.int("MESSAGE_TRUSTED_PROXY_COUNT", default=0)
)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured(
        "DJANGO_TRUSTED_PROXY_COUNT must be 0 (no proxy) or the number of proxies in front."
    )

# The Content-Security-Policy and the silenced checks: newscenter/security.py.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
# A form's own view may answer instead, as the message form does to keep what was typed.
CSRF_FAILURE_VIEW = "newscenter.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# --- Login lockout (django-axes) ------------------------------------------------

# Five wrong passwords lock that username from that address for an hour; every further try
# restarts the hour. Counting username and address together means an attacker elsewhere cannot
# lock a real editor out. Staff unlock sooner in the admin (Access attempts) or with
# `manage.py axes_reset_username USERNAME`.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=60))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "newscenter.login_lockout.lockout_response"
# The same client address as the message rate limit (TRUSTED_PROXY_COUNT). A login from an
# unknown address is not counted: all of them would share one lockout per username.
AXES_CLIENT_IP_CALLABLE = "newscenter.client_ip.client_ip"
AXES_WHITELIST_CALLABLE = "newscenter.login_lockout.address_unknown"
AXES_VERBOSE = False  # lockouts are still logged; this drops a banner line from every command

# --- News Center ------------------------------------------------------------------

NEWS_PAGE_SIZE = 10
# SITE_NAME and COMPANY, per language (SITE_NAMES, COMPANIES): newscenter/languages.py.

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
}

# --- Online messages ----------------------------------------------------------

# Recipients of the new-message email; empty means nobody is emailed.
MESSAGE_NOTIFY_EMAILS = env.list("MESSAGE_NOTIFY_EMAILS", default=[])
# Seconds to wait before each new try of a notification that failed: one try more than there
# are delays, then the message shows "failed" in the admin until staff retry it.
MESSAGE_NOTIFY_RETRY_DELAYS = env.list(
    "MESSAGE_NOTIFY_RETRY_DELAYS", cast=int, default=[60, 300, 1800, 7200]
)
# A form sent sooner than this after it was served counts as a bot (0 turns the check off).
MESSAGE_MIN_SECONDS = env.int("MESSAGE_MIN_SECONDS", default=3)
# An older form is not spam, just stale: the visitor is asked to send it again.
MESSAGE_MAX_FORM_AGE = env.int("MESSAGE_MAX_FORM_AGE", default=24 * 60 * 60)
# POSTs allowed per sender (an IPv4 address, an IPv6 /64) and window (seconds), counted in the
# database: one count for every worker and host, whatever the cache.
MESSAGE_RATE_LIMIT = env.int("MESSAGE_RATE_LIMIT", default=5)
MESSAGE_RATE_WINDOW = env.int("MESSAGE_RATE_WINDOW", default=600)
# django-simple-captcha on the form, off by default. Its app and URLs (/captcha/, whose refresh
# view stores a row for every request) exist only when it is on; `migrate` adds its table.
MESSAGE_CAPTCHA = env.bool("MESSAGE_CAPTCHA", default=False)
if MESSAGE_CAPTCHA:
    if importlib.util.find_spec("captcha") is None:
        raise ImproperlyConfigured(
            "MESSAGE_CAPTCHA is on but django-simple-captcha is not installed "
            '(pip install ".[captcha]").'
        )
    INSTALLED_APPS = [*INSTALLED_APPS, "captcha"]  # after online_messages: it overrides a widget
CAPTCHA_FONT_SIZE = 28
CAPTCHA_LETTER_ROTATION = (-20, 20)

# --- Several hosts ------------------------------------------------------------------

# DJANGO_MULTI_HOST=on: refuse to start with anything kept on one machine (multi_host.py).
MULTI_HOST = env.bool("DJANGO_MULTI_HOST", default=False)
if MULTI_HOST:
    refuse_per_machine_settings(DATABASES, CACHES, STORAGES)
