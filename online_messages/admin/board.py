"""The message board in the admin: approve or hide a message, and its public reply.

All of it only with MESSAGE_BOARD on; with it off the admin shows none of it.
"""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

# Read-only: the visitor's choice and words, and the approval (set by the buttons only).
BOARD_READONLY_FIELDS = (
    "publish_consent",
    "display_name",
    "board_approved_at",
    "board_approved_by",
)


@admin.action(description=_("Show on the message board"), permissions=["change"])
def show_on_board(modeladmin, request, queryset):
    approvable = queryset.approvable()
    shown = approvable.approve_for_board(request.user)
    if shown:
        text = ngettext(
            "%(count)d message shown on the message board.",
            "%(count)d messages shown on the message board.",
            shown,
        )
        modeladmin.message_user(request, text % {"count": shown}, messages.SUCCESS)
    skipped = queryset.count() - approvable.count()
    if skipped:
        text = ngettext(
            "%(count)d message left off the board: its sender did not agree to publication, "
            "or it is spam.",
            "%(count)d messages left off the board: their senders did not agree to "
            "publication, or they are spam.",
            skipped,
        )
        modeladmin.message_user(request, text % {"count": skipped}, messages.WARNING)


@admin.action(description=_("Hide from the message board"), permissions=["change"])
def hide_from_board(modeladmin, request, queryset):
    hidden = queryset.hide_from_board()
    text = ngettext(
        "%(count)d message hidden from the message board.",
        "%(count)d messages hidden from the message board.",
        hidden,
    )
    modeladmin.message_user(request, text % {"count": hidden}, messages.SUCCESS)


class BoardAdminMixin:
    """For MessageAdmin."""

    # Bulk actions that MessageAdmin offers besides its own.
    board_actions = [show_on_board, hide_from_board]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not settings.MESSAGE_BOARD:
            for action in self.board_actions:
                actions.pop(action.__name__, None)
        return actions

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not settings.MESSAGE_BOARD or obj is None:
            return fieldsets
        board = (*BOARD_READONLY_FIELDS, "public_reply")
        return (*fieldsets, (_("Message board"), {"fields": board}))

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), *BOARD_READONLY_FIELDS)

    def get_urls(self):
        opts = self.opts
        urls = [
            path(
                f"<path:object_id>/board/{name}/",
                self.admin_site.admin_view(require_POST(view)),
                name=f"{opts.app_label}_{opts.model_name}_board_{name}",
            )
            for name, view in (("approve", self.board_approve_view), ("hide", self.board_hide_view))
        ]
        return [*urls, *super().get_urls()]

    def board_message(self, request, object_id):
        """The message to approve or hide, for a user who may change it; else 404 or 403."""
        if not settings.MESSAGE_BOARD:
            raise Http404
        message = self.get_object(request, unquote(object_id))
        if message is None:
            raise Http404
        if not self.has_change_permission(request, message):
            raise PermissionDenied
        return message

    def board_approve_view(self, request, object_id):
        message = self.board_message(request, object_id)
        if message.approve_for_board(request.user):
            self.log_change(request, message, gettext("Shown on the message board."))
            self.message_user(request, gettext("The message is shown on the message board."))
        else:
            text = gettext(
                "The message cannot be shown on the message board: its sender did not agree "
                "to publication, or it is spam."
            )
            self.message_user(request, text, messages.ERROR)
        return redirect(message.get_admin_url())

    def board_hide_view(self, request, object_id):
        message = self.board_message(request, object_id)
        message.hide_from_board()
        self.log_change(request, message, gettext("Hidden from the message board."))
        self.message_user(request, gettext("The message is no longer shown on the message board."))
        return redirect(message.get_admin_url())

    def board_url(self, name, message):
        opts = self.opts
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_board_{name}", args=[message.pk])

    def render_change_form(self, request, context, *args, **kwargs):
        message = context.get("original")
        if settings.MESSAGE_BOARD and message is not None:
            with translation.override(message.language):
                public_url = reverse("online_messages:board")
            context.update(
                board_enabled=True,
                board_may_change=self.has_change_permission(request, message),
                board_approvable=message.may_be_approved,
                board_approve_url=self.board_url("approve", message),
                board_hide_url=self.board_url("hide", message),
                board_public_url=public_url,
            )
        return super().render_change_form(request, context, *args, **kwargs)
