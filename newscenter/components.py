"""The project's apps and its template configuration, imported by the settings.

Static: nothing here reads the environment (MESSAGE_CAPTCHA adds the captcha app in
settings.py). The middleware stay in settings.py, their order explained beside what it serves.
"""

from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

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
    "taggit",
    "reversion",
    "reversion_compare",
    "pagecache",
    "articles",
    "online_messages",
    "csp",
    "newscenter.apps.LoginLockoutConfig",  # django-axes, named for staff
    # Background work: Django 6's tasks API (django-tasks) and its database backend.
    "django_tasks",
    "newscenter.apps.BackgroundTasksConfig",  # django-tasks-db, named for staff
    "newscenter.apps.NewsCenterConfig",
]

# The public pages are Jinja2 templates in jinja2/ (newscenter/jinja2.py), about three times faster
# to render than Django's; the admin, form widgets and email stay Django templates. Jinja2 comes
# first so that its names win; it holds none of the admin's or the apps' template names.
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "newscenter.jinja2.environment",
            # The backend itself adds request, csrf_input and csrf_token.
            "context_processors": [
                "django.contrib.messages.context_processors.messages",
                "newscenter.context_processors.site",
            ],
        },
    },
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
