from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class BlocklistEntry(models.Model):
    """A rule that makes a matching message spam: stored, never refused, and shown why."""

    class Kind(models.TextChoices):
        WORD = "word", _("Word or phrase")
        LINK_DOMAIN = "link_domain", _("Link domain")
        EMAIL_DOMAIN = "email_domain", _("Email domain")
        EMAIL_ADDRESS = "email_address", _("Email address")
        IP_RANGE = "ip_range", _("IP range")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    value = models.CharField(_("value"), max_length=200)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(_("added at"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["kind", "value"]
        verbose_name = _("blocklist entry")
        verbose_name_plural = _("blocklist")
        constraints = [
            models.UniqueConstraint(fields=["kind", "value"], name="blocklist_entry_unique"),
            models.CheckConstraint(
                condition=Q(
                    kind__in=["word", "link_domain", "email_domain", "email_address", "ip_range"]
                ),
                name="blocklist_kind_known",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value}"
