"""The inbox's filters and counts: per status, by date range, waiting longer than N days."""


class InboxFiltersMixin:
    """For MessageAdmin."""
