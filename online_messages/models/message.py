from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .board import BoardMessageMixin, BoardQuerySet
from .inbox import InboxQuerySet

# The last delivery error kept on a message; longer ones are cut.
NOTIFICATION_ERROR_LENGTH = 500


def default_language():
    return settings.LANGUAGE_CODE


class MessageQuerySet(BoardQuerySet, InboxQuerySet):
    def new(self):
        return self.filter(status=Message.Status.NEW)

    def older_than(self, days):
        return self.filter(created_at__lt=timezone.now() - timedelta(days=days))

    def unhandled(self):
        """Waiting for staff: new or read, not yet replied to, judged spam or archived."""
        return self.filter(status__in=[Message.Status.NEW, Message.Status.READ])

    def claim_acknowledgement(self, pk, now):
        """Take the right to send one message's confirmation email; only one caller gets it.

        Never for a message judged spam, even if it was judged so after being queued.
        """
        claimed = (
            self.filter(pk=pk, acknowledged_at__isnull=True)
            .exclude(status=Message.Status.SPAM)
            .update(acknowledged_at=now)
        )
        return claimed == 1

    def mark(self, status, user):
        """Set the status of every message at once and record who did it and when."""
        Message.check_status(status)
        return self.update(status=status, handled_by=user, handled_at=timezone.now())

    def notification_retryable(self):
        """Messages whose staff email failed or still waits: staff may have it sent again."""
        retryable = [Message.NotificationStatus.FAILED, Message.NotificationStatus.QUEUED]
        return self.filter(notification_status__in=retryable).exclude(status=Message.Status.SPAM)

    def claim_notification(self, pk, attempt):
        """Take the right to make notification attempt number `attempt` for one message.

        Only one caller gets it: a second task for the same attempt, a task made stale by a
        later attempt, and any task for a message that was sent or is spam are refused.
        """
        claimed = (
            self.filter(pk=pk, notification_attempts=attempt - 1)
            .exclude(notification_status=Message.NotificationStatus.SENT)
            .exclude(status=Message.Status.SPAM)
            .update(notification_attempts=attempt)
        )
        return claimed == 1


class Message(BoardMessageMixin, models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        READ = "read", _("Read")
        REPLIED = "replied", _("Replied")
        SPAM = "spam", _("Spam")
        ARCHIVED = "archived", _("Archived")

    class NotificationStatus(models.TextChoices):
        """Delivery of the staff notification email for one message."""

        NONE = "none", _("Not needed")
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    # "person": a person's name reads otherwise than a thing's in Chinese (姓名, not 名称).
    name = models.CharField(pgettext_lazy("person", "name"), max_length=100)
    email = models.EmailField(_("email"), max_length=254, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    company = models.CharField(_("company"), max_length=200, blank=True)
    content = models.TextField(_("message"), max_length=5000)
    # The language of the form page the visitor wrote from: staff reply in it.
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=default_language,
        editable=False,
    )
    created_at = models.DateTimeField(_("received"), default=timezone.now, editable=False)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    internal_note = models.TextField(
        _("internal note"), blank=True, help_text=_("Seen by staff only, never by the sender.")
    )
    notification_status = models.CharField(
        _("notification"),
        max_length=10,
        choices=NotificationStatus.choices,
        default=NotificationStatus.NONE,
        editable=False,
        help_text=_("Delivery of the email that tells staff about this message."),
    )
    notification_attempts = models.PositiveSmallIntegerField(
        _("notification attempts"), default=0, editable=False
    )
    notification_error = models.CharField(
        _("notification error"),
        max_length=NOTIFICATION_ERROR_LENGTH,
        blank=True,
        editable=False,
        help_text=_("Why the last attempt to send the notification failed."),
    )
    notified_at = models.DateTimeField(_("notified at"), null=True, blank=True, editable=False)
    # Why the message was judged spam: the rule and its value ("blocklist: email domain
    # example.top", "too fast", "honeypot"). Empty for a message that was not.
    spam_reason = models.CharField(_("spam reason"), max_length=200, blank=True, editable=False)
    # The message board (MESSAGE_BOARD): the visitor's consent and the name shown there, the
    # staff's approval and their public reply (not emailed: replies are).
    publish_consent = models.BooleanField(
        _("may be published"),
        default=False,
        help_text=_("The visitor agreed that the message may be shown on the message board."),
    )
    display_name = models.CharField(_("display name"), max_length=50, blank=True)
    board_approved_at = models.DateTimeField(
        _("shown on the board since"), null=True, blank=True, editable=False
    )
    board_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("approved by"),
    )
    public_reply = models.TextField(
        _("public reply"),
        max_length=5000,
        blank=True,
        help_text=_("Shown under the message on the message board. It is not emailed."),
    )
    # When the visitor's confirmation email was sent (MESSAGE_ACKNOWLEDGE): once per message.
    acknowledged_at = models.DateTimeField(
        _("acknowledged at"), null=True, blank=True, editable=False
    )
    # The random part of the served form's signed timestamp: one served form, one message.
    form_token = models.CharField(
        _("form token"), max_length=40, null=True, blank=True, unique=True, editable=False
    )

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [
            # The admin inbox: filtered by status, newest first.
            models.Index(fields=["status", "-created_at"], name="message_status_created"),
            # purge_messages and the date filters.
            models.Index(fields=["created_at"], name="message_created"),
            # The message board: approved messages of one language, newest first.
            models.Index(
                fields=["language", "-created_at"],
                condition=Q(board_approved_at__isnull=False),
                name="message_board",
            ),
        ]
        constraints = [
            # Status.values and NotificationStatus.values: Meta cannot see the class it is in.
            models.CheckConstraint(
                condition=Q(status__in=["new", "read", "replied", "spam", "archived"]),
                name="message_status_known",
            ),
            models.CheckConstraint(
                condition=Q(notification_status__in=["none", "queued", "sent", "failed"]),
                name="message_notification_status_known",
            ),
            # Only a message whose sender agreed may be shown on the board.
            models.CheckConstraint(
                condition=Q(board_approved_at__isnull=True) | Q(publish_consent=True),
                name="message_board_needs_consent",
            ),
        ]

    def __str__(self):
        return _("%(name)s, %(date)s") % {
            "name": self.name,
            "date": timezone.localtime(self.created_at).strftime("%Y.%m.%d %H:%M"),
        }

    def get_admin_url(self):
        return reverse("admin:online_messages_message_change", args=[self.pk])

    @property
    def contact(self):
        """How to reply: the email address, else the phone number."""
        return self.email or self.phone

    @classmethod
    def check_status(cls, status):
        if status not in cls.Status.values:
            raise ValueError(f"Unknown message status: {status!r}")

    def mark(self, status, user):
        """Change the status, recording who handled the message and when."""
        self.check_status(status)
        self.status = status
        self.handled_by = user
        self.handled_at = timezone.now()
        self.save(update_fields=["status", "handled_by", "handled_at"])

    @property
    def notification_wanted(self):
        """Staff are told of every message except spam, when there is someone to tell."""
        return self.status != self.Status.SPAM and bool(settings.MESSAGE_NOTIFY_EMAILS)

    @property
    def acknowledgement_wanted(self):
        """The visitor is sent a confirmation (MESSAGE_ACKNOWLEDGE) if they gave an address,
        unless the message is spam."""
        return settings.MESSAGE_ACKNOWLEDGE and bool(self.email) and self.status != self.Status.SPAM

    def expect_notification(self):
        """For a message about to be stored: its staff email is queued, if one is wanted."""
        if self.notification_wanted:
            self.notification_status = self.NotificationStatus.QUEUED

    def set_notification(self, status, error=None):
        """Record where the staff email stands.

        `error` says why an attempt failed. Sending clears it; being queued again keeps the
        last one in sight until the next attempt.
        """
        self.notification_status = status
        fields = ["notification_status"]
        if status == self.NotificationStatus.SENT:
            self.notified_at = timezone.now()
            fields.append("notified_at")
            error = ""
        if error is not None:
            self.notification_error = Truncator(str(error)).chars(NOTIFICATION_ERROR_LENGTH)
            fields.append("notification_error")
        self.save(update_fields=fields)

    def set_language(self, code):
        """The visitor's language from the request's; the site's default for any other."""
        known = {language for language, _name in settings.LANGUAGES}
        self.language = code if code in known else settings.LANGUAGE_CODE

    def mark_read_by(self, user):
        """Opening a new message marks it read; any other status is left alone."""
        if self.status == self.Status.NEW:
            self.mark(self.Status.READ, user)
            return True
        return False
