from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from .message import Message

# The last delivery error kept on a reply; longer ones are cut.
DELIVERY_ERROR_LENGTH = 500
# A reply still queued this long after it was written waits for a worker that may not come:
# staff may queue it again.
STUCK_AFTER = timedelta(minutes=10)


class ReplyQuerySet(models.QuerySet):
    def claim_delivery(self, pk, attempt):
        """Take the right to make delivery attempt number `attempt` for one emailed reply.

        Only one caller gets it: a duplicate task, a task made stale by a later attempt and
        any task for a reply already sent are refused.
        """
        claimable = self.filter(pk=pk, kind=Reply.Kind.EMAIL, delivery_attempts=attempt - 1)
        claimed = claimable.exclude(delivery_status=Reply.Delivery.SENT)
        return claimed.update(delivery_attempts=attempt) == 1


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

    objects = ReplyQuerySet.as_manager()

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

    @property
    def retryable(self):
        """An emailed reply that failed, or that has waited too long in the queue."""
        if self.kind != self.Kind.EMAIL:
            return False
        if self.delivery_status == self.Delivery.FAILED:
            return True
        stuck = timezone.now() - self.created_at > STUCK_AFTER
        return self.delivery_status == self.Delivery.QUEUED and stuck

    def set_delivery(self, status, error=None):
        """Record where the email stands: sent (and when, clearing the error), failed (and
        why), or queued again (the last error stays in sight until the next attempt)."""
        changes = {"delivery_status": status}
        if status == self.Delivery.SENT:
            changes.update(delivered_at=timezone.now(), delivery_error="")
        elif error is not None:
            changes["delivery_error"] = Truncator(str(error)).chars(DELIVERY_ERROR_LENGTH)
        for field, value in changes.items():
            setattr(self, field, value)
        self.save(update_fields=list(changes))

    @property
    def sender_name(self):
        """Who wrote it: the full name, else the username; empty once the user is deleted."""
        if self.sent_by is None:
            return ""
        return self.sent_by.get_full_name() or self.sent_by.get_username()
