"""Replies on a message's admin page: the thread, the reply form, "Replied by phone" and
"retry now" for a reply whose email failed."""


class ReplyAdminMixin:
    """For MessageAdmin."""
