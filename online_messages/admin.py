from django.contrib import admin, messages
from django.utils import dateformat, timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, ngettext

from .exports import messages_csv
from .models import Message

# What the visitor sent, and what the server recorded: staff never edit these.
VISITOR_FIELDS = (
    "name",
    "email",
    "phone",
    "company",
    "content",
    "created_at",
    "ip_address",
    "user_agent",
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
class MessageAdmin(admin.ModelAdmin):
    list_display = ("status", "name", "company", "contact", "excerpt", "received")
    list_display_links = ("name",)
    list_filter = ("status", "created_at")
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
        mark_action(
            Message.Status.SPAM,
            _("Mark selected messages as spam"),
            gettext_noop("%(count)d message marked as spam."),
            gettext_noop("%(count)d messages marked as spam."),
        ),
        mark_action(
            Message.Status.ARCHIVED,
            _("Mark selected messages as archived"),
            gettext_noop("%(count)d message marked as archived."),
            gettext_noop("%(count)d messages marked as archived."),
        ),
        "export_csv",
    ]
    fieldsets = (
        (
            _("Sent by the visitor"),
            {"fields": ("name", "email", "phone", "company", "content", "created_at")},
        ),
        (_("Handling"), {"fields": ("status", "internal_note", "handled_by", "handled_at")}),
        (
            _("Sender's connection"),
            {"classes": ("collapse",), "fields": ("ip_address", "user_agent")},
        ),
    )

    def has_add_permission(self, request):
        return False  # Messages come from visitors, through the public form.

    def get_readonly_fields(self, request, obj=None):
        return VISITOR_FIELDS + ("handled_by", "handled_at")

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
