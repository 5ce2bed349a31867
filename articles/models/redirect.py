import re
from urllib.parse import unquote_to_bytes, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils.encoding import repercent_broken_unicode
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from .article import Article

# Control characters: never part of a real address, and a header cannot carry them.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
EXTERNAL_SCHEMES = ("http://", "https://")


def old_path_of(value):
    """The path that `value` (a path or a full URL, as it was linked) names, without query
    string and fragment, percent-decoded the way a request's path is; ValidationError if none.
    """
    value = value.strip()
    if CONTROL_CHARACTERS.search(value):
        raise ValidationError(
            _("The old path contains a control character; enter the address as it was linked."),
            code="control",
        )
    try:
        path = urlsplit(value).path
    except ValueError:
        path = ""
    path = repercent_broken_unicode(unquote_to_bytes(path)).decode()
    if not path.startswith("/") or path.startswith("//"):
        raise ValidationError(
            _(
                "The old path must start with a single /, such as "
                "/about/companynews-detail-123.htm."
            ),
            code="relative",
        )
    if CONTROL_CHARACTERS.search(path):  # one that was percent-encoded
        raise ValidationError(
            _("The old path contains a control character; enter the address as it was linked."),
            code="control",
        )
    if is_live_address(path):
        raise ValidationError(
            _("%(path)s is the address of a page of this site, so it cannot redirect."),
            code="live",
            params={"path": path},
        )
    return path


def is_live_address(path):
    """Whether `path` is the home page, under the admin or the static and media files, or a
    fixed address of the site (one without parts such as an id or slug, which may be gone)."""
    try:
        prefixes = [reverse("admin:index"), settings.STATIC_URL, settings.MEDIA_URL]
    except NoReverseMatch:
        prefixes = [settings.STATIC_URL, settings.MEDIA_URL]
    if path == "/" or any(p and p.startswith("/") and path.startswith(p) for p in prefixes):
        return True
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return not (match.args or match.kwargs)


def is_external(target):
    return target.lower().startswith(EXTERNAL_SCHEMES)


def clean_target(target):
    """A path on this site or a full http(s) URL, or ValidationError; who may enter the latter
    is the admin form's rule."""
    target = target.strip()
    valid = not CONTROL_CHARACTERS.search(target)
    if valid and is_external(target):
        try:
            URLValidator(schemes=["http", "https"])(target)
        except ValidationError:
            valid = False
    else:
        valid = (
            valid
            and target.startswith("/")
            and url_has_allowed_host_and_scheme(target, allowed_hosts=None)
        )
    if not valid:
        raise ValidationError(
            _(
                "The target must be a path on this site that starts with a single /, such as "
                "/news/."
            ),
            code="target",
        )
    return target


class Redirect(models.Model):
    """An old address that answers 301: to an article's current URL (so a rename never makes a
    chain), or to a fixed path. Legacy pages recorded at import are these too."""

    old_path = models.CharField(
        _("old path"),
        max_length=500,
        unique=True,
        help_text=_("The path only, as it was linked: /about/companynews-detail-123.htm"),
    )
    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="redirects",
        verbose_name=_("article"),
    )
    target = models.CharField(
        _("target"),
        max_length=500,
        blank=True,
        help_text=_("A path on this site, when no article is chosen."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["old_path"]
        verbose_name = _("redirect")
        verbose_name_plural = _("redirects")

    def __str__(self):
        return self.old_path

    def clean(self):
        errors = {}
        try:
            if self.old_path:  # an empty one is refused as blank already
                self.old_path = old_path_of(self.old_path)
        except ValidationError as error:
            errors["old_path"] = error
        self.target = self.target.strip()
        if self.article_id is not None and self.target:
            errors["target"] = ValidationError(
                _("Choose an article or enter a target, not both."), code="both"
            )
        elif self.article_id is None and not self.target:
            errors["target"] = ValidationError(
                _("Choose the article the old path leads to, or enter a target path."),
                code="neither",
            )
        elif self.target:
            try:
                self.target = clean_target(self.target)
            except ValidationError as error:
                errors["target"] = error
        if errors:
            raise ValidationError(errors)

    def destination(self):
        """Where the old path leads now: the article's current URL, or the target; None while
        the article is not published."""
        if self.article_id is None:
            return self.target
        return self.article.get_absolute_url() if self.article.is_published() else None
