from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..blocklist import WORD, Blocklist, normalise


class BlocklistEntryQuerySet(models.QuerySet):
    def matcher(self):
        """The whole blocklist, read in one query, ready to match messages."""
        return Blocklist(self.values_list("kind", "value"))

    def listed(self, pairs):
        """Which of these (kind, value) pairs are on the blocklist already."""
        pairs = set(pairs)
        values = {value for _kind, value in pairs}
        found = self.filter(value__in=values).values_list("kind", "value")
        return pairs.intersection(found)

    def room(self):
        """How many entries may still be added (MESSAGE_BLOCKLIST_MAX_ENTRIES)."""
        return max(0, settings.MESSAGE_BLOCKLIST_MAX_ENTRIES - self.count())


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

    objects = BlocklistEntryQuerySet.as_manager()

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

    def clean(self):
        """Write the value the one way it is matched, and refuse duplicates and a full list."""
        if self.kind not in self.Kind.values:
            return
        try:
            self.value = normalise(self.kind, self.value or "")
        except ValidationError as error:
            raise ValidationError({"value": error.error_list}) from None
        others = BlocklistEntry.objects.filter(kind=self.kind).exclude(pk=self.pk)
        # Words match in any case: "Casino" is "casino" again.
        lookup = "value__iexact" if self.kind == WORD else "value"
        if others.filter(**{lookup: self.value}).exists():
            raise ValidationError(
                {
                    "value": ValidationError(
                        _("“%(value)s” is on the blocklist already (%(kind)s)."),
                        code="duplicate",
                        params={"value": self.value, "kind": self.get_kind_display()},
                    )
                }
            )
        if self.pk is None and not BlocklistEntry.objects.room():
            raise ValidationError(
                {
                    NON_FIELD_ERRORS: ValidationError(
                        _(
                            "The blocklist is full: it holds at most %(max)d entries. Delete "
                            "entries that are no longer needed to add new ones."
                        ),
                        code="full",
                        params={"max": settings.MESSAGE_BLOCKLIST_MAX_ENTRIES},
                    )
                }
            )
