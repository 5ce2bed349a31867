"""The message board's rules on Message (MESSAGE_BOARD): what it shows, approving and hiding, and
keeping its cached pages fresh when a message it shows changes or goes.

Only writes that touch a shown message make pages stale: a new message from the public form
never does, so a flood of them cannot empty the page cache.
"""

from django.db import models
from django.utils import timezone

from pagecache import pages_changed

# What the board shows of a message, or selects it by: saving one of them on a shown message
# changes the board's pages.
BOARD_FIELDS = {
    "status",
    "publish_consent",
    "display_name",
    "content",
    "created_at",
    "language",
    "public_reply",
    "board_approved_at",
}
# What the board reads: never the email, phone, company or IP address.
SHOWN_FIELDS = ("display_name", "content", "created_at", "public_reply")


class BoardQuerySet(models.QuerySet):
    def shown(self):
        """Approved for the board (spam or not)."""
        return self.filter(board_approved_at__isnull=False)

    def on_board(self, language):
        """What the board in `language` shows: approved, with consent, not spam; newest first."""
        return (
            self.shown()
            .filter(publish_consent=True, language=language)
            .exclude(status=self.model.Status.SPAM)
            .order_by("-created_at", "-pk")
            .only(*SHOWN_FIELDS)
        )

    def approvable(self):
        """Only a message whose sender agreed may be shown, and never spam."""
        return self.filter(publish_consent=True).exclude(status=self.model.Status.SPAM)

    def approve_for_board(self, user):
        """Show the approvable messages not shown yet; the number shown."""
        return (
            self.approvable()
            .filter(board_approved_at__isnull=True)
            .board_update(board_approved_at=timezone.now(), board_approved_by=user)
        )

    def hide_from_board(self):
        """Take the shown messages off the board; the number hidden."""
        return self.shown().board_update(board_approved_at=None, board_approved_by=None)

    def board_update(self, **fields):
        rows = self.update(**fields)
        if rows:
            pages_changed(self.db)
        return rows

    def update(self, **fields):
        # A shown message marked spam leaves the board, one un-spammed comes back.
        shown = "status" in fields and self.shown().exists()
        rows = super().update(**fields)
        if shown and rows:
            pages_changed(self.db)
        return rows

    update.alters_data = True

    def delete(self):
        shown = self.shown().exists()
        deleted = super().delete()
        if shown:
            pages_changed(self.db)
        return deleted

    delete.alters_data = True


class BoardMessageMixin:
    """For Message."""

    @property
    def on_board(self):
        """Whether the board shows it: approved, with consent, and not spam."""
        return bool(self.board_approved_at and self.may_be_approved)

    @property
    def may_be_approved(self):
        return self.publish_consent and self.status != self.Status.SPAM

    def approve_for_board(self, user):
        """Show the message on the board; False, and nothing changes, without the consent."""
        if not self.may_be_approved:
            return False
        if self.board_approved_at is None:
            self.board_approved_at, self.board_approved_by = timezone.now(), user
            self.save(update_fields=["board_approved_at", "board_approved_by"])
        return True

    def hide_from_board(self):
        was_shown = self.board_approved_at is not None
        self.board_approved_at, self.board_approved_by = None, None
        self.save(update_fields=["board_approved_at", "board_approved_by"])
        if was_shown:
            pages_changed()

    def save(self, *args, update_fields=None, **kwargs):
        super().save(*args, update_fields=update_fields, **kwargs)
        # Any save of a shown message that may change what the board shows (the admin's form
        # saves every field: a rare write, and staff expect to see it at once).
        if self.board_approved_at and (update_fields is None or BOARD_FIELDS & set(update_fields)):
            pages_changed()

    def delete(self, *args, **kwargs):
        shown = self.board_approved_at is not None
        deleted = super().delete(*args, **kwargs)
        if shown:
            pages_changed()
        return deleted
