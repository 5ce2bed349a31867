from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .message import Message

# The last delivery error kept on a reply; longer ones are cut.
DELIVERY_ERROR_LENGTH = 500


class Reply(models.Model):
    """What staff answered a message: an email sent to the visitor, or a note of a phone call."""

    class Kind(models.TextChoices):
        EMAIL = "email", _("Email")
        PHONE = "phone", _("Phone")

    class Delivery(models.TextChoices):
        """Delivery of an emailed reply; a phone reply has none."""

        NONE = "none", _("Not emailed")
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, related_name="replies", verbose_name=_("message")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.EMAIL)
    body = models.TextField(_("reply"), max_length=10000)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    created_at = models.DateTimeField(_("written at"), default=timezone.now, editable=False)
    # Where the visitor's answer to an emailed reply goes (MESSAGE_REPLY_TO, else the handler).
    reply_to = models.EmailField(_("reply-to address"), blank=True, editable=False)
    delivery_status = models.CharField(
        _("delivery"),
        max_length=10,
        choices=Delivery.choices,
        default=Delivery.NONE,
        editable=False,
    )
    delivery_attempts = models.PositiveSmallIntegerField(
        _("delivery attempts"), default=0, editable=False
    )
    delivery_error = models.CharField(
        _("delivery error"), max_length=DELIVERY_ERROR_LENGTH, blank=True, editable=False
    )
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["email", "phone"]), name="reply_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(delivery_status__in=["none", "queued", "sent", "failed"]),
                name="reply_delivery_status_known",
            ),
        ]

    def __str__(self):
        return _("Reply of %(date)s") % {
            "date": timezone.localtime(self.created_at).strftime("%Y.%m.%d %H:%M")
        }
