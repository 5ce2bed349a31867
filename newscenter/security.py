"""The fixed part of the security policy, imported by the settings: logins, passwords, the
Content-Security-Policy (django-csp) of the site and of the editor, and the checks it answers.

Static: what the environment decides (HTTPS, HSTS, proxies, lockout limits) is in settings.py.
"""

from csp.constants import NONE, SELF, UNSAFE_INLINE

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out login is refused before the password is even checked.
    "newscenter.login_lockout.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

SILENCED_SYSTEM_CHECKS = [
    # Django finds SecurityMiddleware by its dotted path; newscenter.checks runs the same
    # deploy checks for the project's subclass of it instead.
    "security.W001",
    # HSTS preloading stays opt-in (DJANGO_HSTS_PRELOAD), so its reminder is not a warning here.
    "security.W021",
    # CKEditor 4.22.1 is out of support; DESIGN.md ("Dependencies") lists the measures that
    # make it safe to keep: nh3 sanitizes every body on save, the editor loads a reduced
    # plugin set, uploads are staff-only and Pillow-verified, and public pages send a CSP.
    "ckeditor.W001",
]

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
    # A revision being restored, a deleted article being recovered: the change form again.
    "admin:articles_article_revision",
    "admin:articles_article_recover",
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


def allow_images_from(policy, origin):
    """`policy` with images also allowed from `origin`, such as the media bucket's or its CDN's."""
    directives = policy["DIRECTIVES"]
    return {**policy, "DIRECTIVES": {**directives, "img-src": [*directives["img-src"], origin]}}
