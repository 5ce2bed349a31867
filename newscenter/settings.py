"""News Center settings, read from the environment (see README: Configuration)."""

import sys
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

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
    # One line on stderr and exit status 1, for manage.py, gunicorn and plain imports alike:
    # a traceback would bury the one thing the operator has to fix.
    required = {"DJANGO_SECRET_KEY": SECRET_KEY, "DJANGO_ALLOWED_HOSTS": ALLOWED_HOSTS}
    missing = " and ".join(name for name, value in required.items() if not value)
    sys.exit(
        f"Configuration error: set {missing} (required when DJANGO_DEBUG is off; "
        "see README: Production)."
    )

SITE_NAME = env("SITE_NAME", default="News Center")
SITE_URL = env("SITE_URL", default="")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "ckeditor",
    "ckeditor_uploader",
    "easy_thumbnails",
    "articles",
    "online_messages",
    "csp",
    "axes",
    # Background work: Django 6's tasks API (django-tasks) and its database backend.
    "django_tasks",
    "django_tasks_db",
    "newscenter.apps.NewsCenterConfig",
]

MIDDLEWARE = [
    # The header middleware sit above WhiteNoise and the page cache, so that static files and
    # cached pages get the same security headers, CSP and frame denial as freshly built pages.
    "newscenter.middleware.SecurityMiddleware",
    "newscenter.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETag and 304 for every page, cached ones included; then the page cache, above the
    # session, CSRF and auth middleware so that a hit skips them (see "Page cache" below).
    "django.middleware.http.ConditionalGetMiddleware",
    "articles.middleware.PageCacheMiddleware",
    # request.client_ip, by TRUSTED_PROXY_COUNT: what the message rate limit counts and stores.
    "newscenter.client_ip.ClientIPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out login is refused before the password is even checked.
    "newscenter.login_lockout.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "newscenter.urls"
WSGI_APPLICATION = "newscenter.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newscenter.context_processors.site",
            ],
        },
    },
]

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
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Two caches: "default" for small records that must survive (the page cache's freshness record,
# throttles), and "pages" for the page cache, so that a flood of pages can never cull them.
# Without CACHE_URL both are diskcache stores in .cache/: shared by every worker process on the
# machine, no extra server, and constant-time writes and culling however many pages they hold.
# redis:// always means Django's own RedisCache (the "redis" extra), even with django-redis around.
CACHE_URL = env("CACHE_URL", default="")
REDIS_CACHE = "django.core.cache.backends.redis.RedisCache"
# Without CACHE_URL: where the two stores live, and the most disk the page cache may take.
CACHE_DIR = Path(env("CACHE_DIR", default=str(BASE_DIR / ".cache")))
PAGE_CACHE_SIZE_MB = env.int("PAGE_CACHE_SIZE_MB", default=1024)
if CACHE_URL:
    DEFAULT_CACHE = env.cache_url_config(
        CACHE_URL, backend=REDIS_CACHE if CACHE_URL.startswith(("redis:", "rediss:")) else None
    )
    # The same server under its own prefix; a local store gets a place of its own.
    PAGES_CACHE = {**DEFAULT_CACHE, "KEY_PREFIX": "pages"}
    if "filebased" in DEFAULT_CACHE["BACKEND"]:
        PAGES_CACHE["LOCATION"] = str(Path(DEFAULT_CACHE["LOCATION"]) / "pages")
    elif "locmem" in DEFAULT_CACHE["BACKEND"]:
        PAGES_CACHE["LOCATION"] = DEFAULT_CACHE.get("LOCATION", "") + "-pages"
else:
    DEFAULT_CACHE = {"BACKEND": "diskcache.DjangoCache", "LOCATION": CACHE_DIR / "default"}
    PAGES_CACHE = {
        "BACKEND": "diskcache.DjangoCache",
        "LOCATION": CACHE_DIR / "pages",
        # Past the limit the pages stored longest ago go first (a hit stays a pure read).
        "OPTIONS": {"size_limit": PAGE_CACHE_SIZE_MB * 2**20},
    }
CACHES = {"default": DEFAULT_CACHE, "pages": PAGES_CACHE}

# --- Page cache ----------------------------------------------------------------

# Anonymous GETs of the public pages come from the default cache (articles.middleware). Any
# write to articles or categories, and a scheduled article going live, refresh them at once;
# the timeout is only a safety net. PAGE_CACHE=off builds every page (benchmarks); it is off by
# default under DEBUG, where edited templates must show at once.
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE", default=not DEBUG)
PAGE_CACHE_TIMEOUT = env.int("PAGE_CACHE_TIMEOUT", default=60 * 60)

# --- Passwords --------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Internationalisation ---------------------------------------------------

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
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
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

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
    sys.exit(f"Configuration error: TASKS_BACKEND must be one of {', '.join(TASK_BACKENDS)}.")
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

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "online_messages.views.csrf_failure"  # keeps a visitor's message text
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

SILENCED_SYSTEM_CHECKS = [
    # Django finds SecurityMiddleware by its dotted path; newscenter.checks runs the same
    # deploy checks for the project's subclass of it instead.
    "security.W001",
    # HSTS preloading stays opt-in (DJANGO_HSTS_PRELOAD), so its reminder is not a warning here.
    "security.W021",
]

# --- Content-Security-Policy (django-csp) -------------------------------------

# No inline script or style at all: the public pages and the admin run only static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# CKEditor 4 cannot run without inline scripts and styles (toolbar event handlers, style
# attributes, the upload tab's answer), so only the responses of the views that run it get them,
# through newscenter.middleware.CSPMiddleware: chosen by URL name once the address resolved, so
# a 404 never gets them. The rest of the admin, where staff read what visitors sent, keeps the
# policy above.
CSP_EDITOR_VIEWS = [
    "admin:articles_article_add",
    "admin:articles_article_change",
    "ckeditor_upload",
    "ckeditor_browse",
]
CONTENT_SECURITY_POLICY_EDITOR = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
    },
}

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

# --- Rich text (django-ckeditor) -----------------------------------------------

CKEDITOR_UPLOAD_PATH = "uploads/"
CKEDITOR_IMAGE_BACKEND = "ckeditor_uploader.backends.PillowBackend"
CKEDITOR_ALLOW_NONIMAGE_FILES = False
CKEDITOR_RESTRICT_BY_USER = False
CKEDITOR_BROWSE_SHOW_DIRS = False
# Only what news needs: no preview, iframe, flash, code snippets, forms, templates, or anything
# else that runs or embeds foreign content. Dependencies (dialog, widget, …) load on their own.
CKEDITOR_PLUGINS = [
    "a11yhelp", "basicstyles", "blockquote", "clipboard", "contextmenu", "elementspath",
    "enterkey", "entities", "filebrowser", "floatingspace", "format", "horizontalrule",
    "htmlwriter", "image2", "link", "list", "magicline", "pastefromword", "pastetext",
    "removeformat", "resize", "sourcearea", "tab", "table", "tabletools", "toolbar", "undo",
    "uploadimage", "wysiwygarea",
]  # fmt: skip
CKEDITOR_CONFIGS = {
    "default": {
        "versionCheck": False,
        "plugins": ",".join(CKEDITOR_PLUGINS),
        "toolbar": "News",
        "toolbar_News": [
            ["Format", "Bold", "Italic"],
            ["NumberedList", "BulletedList", "Blockquote"],
            ["Link", "Unlink"],
            ["Image", "Table", "HorizontalRule"],
            ["Undo", "Redo", "RemoveFormat", "Source"],
        ],
        "format_tags": "p;h2;h3;h4",
        # The same allowlist as articles.sanitizer, so editors see only what survives saving;
        # and data-widget, which marks a pasted image while it uploads (it is never saved).
        "allowedContent": (
            "p h2 h3 h4 strong em b i u s sub sup br hr blockquote ul ol li figure figcaption;"
            "a[!href,title]; img[!src,alt,width,height,data-widget];"
            "table thead tbody tr; th td[colspan,rowspan]"
        ),
        "disallowedContent": "*[on*]; *{*}; *(*)",
        "linkShowTargetTab": False,
        "linkShowAdvancedTab": False,
        "removeDialogTabs": "link:advanced;table:advanced",
        "image2_disableResizer": True,
        "clipboard_handleImages": False,  # pasted images go through uploadimage instead
        # Uploads (the image dialog's Upload tab, pasted and dropped images) go by XHR, which
        # carries the CSRF token as a header (static/js/editor-csrf.js) and gets JSON back.
        "filebrowserUploadMethod": "xhr",
        # Pasted and dropped images; without it CKEditor appends "&responseType=json" to the
        # upload address, which has no "?", and gets a 404.
        "imageUploadUrl": reverse_lazy("ckeditor_upload"),
        "height": 420,
        "width": "100%",
    },
}
SILENCED_SYSTEM_CHECKS += [
    # CKEditor 4.22.1 is out of support; DESIGN.md ("Dependencies") lists the measures that
    # make it safe to keep: nh3 sanitizes every body on save, the editor loads a reduced
    # plugin set, uploads are staff-only and Pillow-verified, and public pages send a CSP.
    "ckeditor.W001",
]

# --- Thumbnails (easy-thumbnails) ------------------------------------------------

THUMBNAIL_ALIASES = {
    "": {
        "card": {"size": (480, 270), "crop": "smart", "quality": 82},
        "cover": {"size": (1200, 675), "crop": "smart", "quality": 85},
    },
}
THUMBNAIL_HIGH_RESOLUTION = False

# --- News Center ------------------------------------------------------------------

NEWS_PAGE_SIZE = 10
COMPANY = {
    "name": env("COMPANY_NAME", default="Lanfeng Hydrogen Co., Ltd."),
    "address": env("COMPANY_ADDRESS", default="88 Harbour Road, Pudong, Shanghai"),
    "phone": env("COMPANY_PHONE", default="+86 10 0000 0000"),
    "email": env("COMPANY_EMAIL", default="news@example.com"),
}

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
    INSTALLED_APPS += ["captcha"]  # after online_messages, whose template overrides its widget
CAPTCHA_FONT_SIZE = 28
CAPTCHA_LETTER_ROTATION = (-20, 20)

# --- Uploads ----------------------------------------------------------------------

IMAGE_UPLOAD_MAX_BYTES = env.int("IMAGE_UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
IMAGE_UPLOAD_MAX_PIXELS = env.int("IMAGE_UPLOAD_MAX_PIXELS", default=40_000_000)
# An animation's frames count together against IMAGE_UPLOAD_MAX_PIXELS, since each is decoded
# onto the whole canvas; the frame limit also bounds the work per frame when frames are tiny.
IMAGE_UPLOAD_MAX_FRAMES = env.int("IMAGE_UPLOAD_MAX_FRAMES", default=1000)
