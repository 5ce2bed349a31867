"""News Center settings, read from the environment (see README: Configuration)."""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

# --- Core -------------------------------------------------------------------

DEBUG = env.bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (required when DJANGO_DEBUG is off).")
    SECRET_KEY = "django-insecure-development-only-key"

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
if not ALLOWED_HOSTS:
    if not DEBUG:
        raise ImproperlyConfigured("Set DJANGO_ALLOWED_HOSTS (required when DJANGO_DEBUG is off).")
    ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]

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
    "captcha",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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

# A file cache is shared by every worker process on the machine with no extra server.
CACHES = {"default": env.cache("CACHE_URL", default=f"filecache://{BASE_DIR / '.cache'}")}

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

# --- Security ---------------------------------------------------------------

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# --- Rich text (django-ckeditor) -----------------------------------------------

CKEDITOR_UPLOAD_PATH = "uploads/"
CKEDITOR_IMAGE_BACKEND = "ckeditor_uploader.backends.PillowBackend"
CKEDITOR_ALLOW_NONIMAGE_FILES = False
CKEDITOR_RESTRICT_BY_USER = False
CKEDITOR_BROWSE_SHOW_DIRS = False
CKEDITOR_CONFIGS = {
    "default": {
        "versionCheck": False,
        "toolbar": "News",
        "toolbar_News": [
            ["Format", "Bold", "Italic"],
            ["NumberedList", "BulletedList", "Blockquote"],
            ["Link", "Unlink"],
            ["Image", "Table", "HorizontalRule"],
            ["Undo", "Redo", "RemoveFormat", "Source"],
        ],
        "format_tags": "p;h2;h3;h4",
        "removePlugins": ",".join(
            [
                "preview",
                "iframe",
                "flash",
                "codesnippet",
                "templates",
                "forms",
                "smiley",
                "exportpdf",
                "newpage",
                "print",
                "save",
                "language",
                "bidi",
                "div",
                "pagebreak",
                "showblocks",
                "font",
                "colorbutton",
                "justify",
                "scayt",
                "wsc",
            ]
        ),
        "extraPlugins": "image2",
        # Mirrors articles.sanitizer.ALLOWED_TAGS so the editor keeps only what survives saving.
        "allowedContent": (
            "p h2 h3 h4 strong em b i u s sub sup br hr blockquote ul ol li;"
            "a[!href,title];"
            "img[!src,alt,width,height];"
            "figure figcaption;"
            "table thead tbody tr; th td[colspan,rowspan]"
        ),
        "disallowedContent": "*[on*]; *{*}",
        "height": 420,
        "width": "100%",
    },
}
SILENCED_SYSTEM_CHECKS = [
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
# A form sent sooner than this after it was served counts as a bot (0 turns the check off).
MESSAGE_MIN_SECONDS = env.int("MESSAGE_MIN_SECONDS", default=3)
# An older form is not spam, just stale: the visitor is asked to send it again.
MESSAGE_MAX_FORM_AGE = env.int("MESSAGE_MAX_FORM_AGE", default=24 * 60 * 60)
# POSTs allowed per IP address and window (seconds). Needs a cache shared by all workers.
MESSAGE_RATE_LIMIT = env.int("MESSAGE_RATE_LIMIT", default=5)
MESSAGE_RATE_WINDOW = env.int("MESSAGE_RATE_WINDOW", default=600)
# Number of reverse proxies in front of the app that append to X-Forwarded-For (0: none).
MESSAGE_TRUSTED_PROXY_COUNT = env.int("MESSAGE_TRUSTED_PROXY_COUNT", default=0)
# django-simple-captcha on the form, off by default.
MESSAGE_CAPTCHA = env.bool("MESSAGE_CAPTCHA", default=False)
CAPTCHA_FONT_SIZE = 28
CAPTCHA_LETTER_ROTATION = (-20, 20)

# --- Uploads ----------------------------------------------------------------------

IMAGE_UPLOAD_MAX_BYTES = env.int("IMAGE_UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
IMAGE_UPLOAD_MAX_PIXELS = env.int("IMAGE_UPLOAD_MAX_PIXELS", default=40_000_000)
