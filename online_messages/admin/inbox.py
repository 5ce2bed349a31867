from django.contrib import admin, messages
from django.utils import dateformat, timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, ngettext

from ..exports import messages_csv
from ..models import Message
from ..tasks import queue_notification
from .blocklist import BlockSenderAdminMixin
from .board import BoardAdminMixin
from .filters import InboxFiltersMixin
from .replies import ReplyAdminMixin

# What the visitor sent, and what the server recorded: staff never edit these.
VISITOR_FIELDS = (
    "name",
    "email",
    "phone",
    "company",
    "content",
    "language",
    "created_at",
    "ip_address",
    "user_agent",
)
# Where the staff email about the message stands: written by the task worker only.
NOTIFICATION_FIELDS = (
    "notification_status",
    "notification_attempts",
    "notified_at",
    "notification_error",
)


def mark_action(status, description, singular, plural):
    """A bulk action that gives the selected messages `status` and says how many changed."""

    @admin.action(description=description, permissions=["change"])
    def action(modeladmin, request, queryset):
        count = queryset.mark(status, request.user)
        text = ngettext(singular, plural, count) % {"count": count}
        modeladmin.message_user(request, text, messages.SUCCESS)

    action.__name__ = f"mark_{status}"
    return action


@admin.register(Message)
class MessageAdmin(
    ReplyAdminMixin, BlockSenderAdminMixin, BoardAdminMixin, InboxFiltersMixin, admin.ModelAdmin
):
    list_display = (
        "status",
        "name",
        "company",
        "contact",
        "excerpt",
        "language",
        "received",
        "notification",
        "spam_reason_column",
    )
    list_display_links = ("name",)
    list_filter = ("status", *InboxFiltersMixin.inbox_filters, "language", "notification_status")
    search_fields = ("name", "email", "phone", "company", "content")
    date_hierarchy = "created_at"
    list_per_page = 50
    actions = [
        mark_action(
            Message.Status.READ,
            _("Mark selected messages as read"),
            gettext_noop("%(count)d message marked as read."),
            gettext_noop("%(count)d messages marked as read."),
        ),
        mark_action(
            Message.Status.REPLIED,
            _("Mark selected messages as replied"),
            gettext_noop("%(count)d message marked as replied."),
            gettext_noop("%(count)d messages marked as replied."),
        ),
        # Marks spam, and offers to add the senders to the blocklist.
        *BlockSenderAdminMixin.blocklist_actions,
        mark_action(
            Message.Status.ARCHIVED,
            _("Mark selected messages as archived"),
            gettext_noop("%(count)d message marked as archived."),
            gettext_noop("%(count)d messages marked as archived."),
        ),
        "retry_notification",
        "export_csv",
        *BoardAdminMixin.board_actions,
    ]
    fieldsets = (
        (
            _("Sent by the visitor"),
            {"fields": ("name", "email", "phone", "company", "content", "language", "created_at")},
        ),
        (_("Handling"), {"fields": ("status", "internal_note", "handled_by", "handled_at")}),
        (_("Staff notification"), {"fields": NOTIFICATION_FIELDS}),
        (
            _("Sender's connection"),
            {"classes": ("collapse",), "fields": ("ip_address", "user_agent")},
        ),
    )

    def has_add_permission(self, request):
        return False  # Messages come from visitors, through the public form.

    def get_readonly_fields(self, request, obj=None):
        return (
            *super().get_readonly_fields(request, obj),
            *VISITOR_FIELDS,
            "handled_by",
            "handled_at",
            *NOTIFICATION_FIELDS,
        )

    @admin.display(description=_("email or phone"))
    def contact(self, message):
        return message.contact

    @admin.display(description=_("message"))
    def excerpt(self, message):
        # A plain string: the admin escapes it.
        return Truncator(" ".join(message.content.split())).chars(80)

    @admin.display(description=_("received"), ordering="created_at")
    def received(self, message):
        return dateformat.format(timezone.localtime(message.created_at), "Y.m.d H:i")

    @admin.display(description=_("notification"), ordering="notification_status")
    def notification(self, message):
        """The delivery state; for a failure, the attempts so far and the start of the error."""
        state = message.get_notification_status_display()
        if message.notification_status != Message.NotificationStatus.FAILED:
            return state
        attempts = ngettext(
            "%(count)d attempt", "%(count)d attempts", message.notification_attempts
        ) % {"count": message.notification_attempts}
        # A plain string: the admin escapes it.
        return Truncator(f"{state} ({attempts}): {message.notification_error}").chars(80)

    @admin.action(description=_("Retry notification now"), permissions=["change"])
    def retry_notification(self, request, queryset):
        """Queue the staff email again for failed (or stuck) notifications; never for spam."""
        retryable = list(queryset.notification_retryable())
        for message in retryable:
            message.set_notification(Message.NotificationStatus.QUEUED)
            queue_notification(message, request)
        if retryable:
            text = ngettext(
                "%(count)d notification queued to be sent again.",
                "%(count)d notifications queued to be sent again.",
                len(retryable),
            )
            self.message_user(request, text % {"count": len(retryable)}, messages.SUCCESS)
        skipped = queryset.count() - len(retryable)
        if skipped:
            text = ngettext(
                "%(count)d message left alone: only a failed or waiting notification is sent "
                "again, and never one about spam.",
                "%(count)d messages left alone: only a failed or waiting notification is sent "
                "again, and never one about spam.",
                skipped,
            )
            self.message_user(request, text % {"count": skipped}, messages.WARNING)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            message = self.get_object(request, object_id)
            if message is not None and self.has_change_permission(request, message):
                message.mark_read_by(request.user)
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        if form.changed_data:
            obj.handled_by = request.user
            obj.handled_at = timezone.now()
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Export selected messages as CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        return messages_csv(queryset.order_by("created_at"))
