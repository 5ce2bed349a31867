from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MessageStatus(models.TextChoices):
    NEW = "new", _("New")
    READ = "read", _("Read")
    REPLIED = "replied", _("Replied")
    SPAM = "spam", _("Spam")
    ARCHIVED = "archived", _("Archived")


class MessageQuerySet(models.QuerySet):
    def new(self):
        return self.filter(status=MessageStatus.NEW)

    def older_than(self, days):
        return self.filter(created_at__lt=timezone.now() - timedelta(days=days))

    def mark(self, status, user):
        """Set the status of every message at once and record who did it and when."""
        Message.check_status(status)
        return self.update(status=status, handled_by=user, handled_at=timezone.now())


class Message(models.Model):
    Status = MessageStatus

    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("email"), max_length=254, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    company = models.CharField(_("company"), max_length=200, blank=True)
    content = models.TextField(_("message"), max_length=5000)
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
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=MessageStatus.values),
                name="message_status_known",
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

    def mark_read_by(self, user):
        """Opening a new message marks it read; any other status is left alone."""
        if self.status == self.Status.NEW:
            self.mark(self.Status.READ, user)
            return True
        return False
