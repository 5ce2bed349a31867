"""The message board in the admin: approve or hide a message, and its public reply."""


class BoardAdminMixin:
    """For MessageAdmin."""

    # Bulk actions that MessageAdmin offers besides its own.
    board_actions = []
