"""The public message board (MESSAGE_BOARD): the messages staff approved, with their replies."""

from django.conf import settings
from django.http import Http404
from django.utils.translation import get_language
from django.views.generic import ListView

from pagecache import CanonicalPageMixin

from .models import Message


class MessageBoardView(CanonicalPageMixin, ListView):
    template_name = "online_messages/board.html"
    # Not "messages": that name is the messages framework's in every template.
    context_object_name = "board_messages"

    def get(self, request, *args, **kwargs):
        # Read per request: the board can be switched off without a trace, tests included.
        if not settings.MESSAGE_BOARD:
            raise Http404
        return super().get(request, *args, **kwargs)

    def get_paginate_by(self, queryset):
        return settings.MESSAGE_BOARD_PAGE_SIZE

    def get_queryset(self):
        # Messages are shown on the board of the language they were written in.
        return Message.objects.on_board(get_language())
