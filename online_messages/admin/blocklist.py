"""The blocklist's admin, and blocking a spam message's sender from the inbox."""

from django.contrib import admin

from ..models import BlocklistEntry


class BlockSenderAdminMixin:
    """For MessageAdmin."""

    # Bulk actions that MessageAdmin offers besides its own.
    blocklist_actions = []


@admin.register(BlocklistEntry)
class BlocklistEntryAdmin(admin.ModelAdmin):
    list_display = ("kind", "value", "note", "created_by", "created_at")
