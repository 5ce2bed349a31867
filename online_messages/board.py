"""The public message board (MESSAGE_BOARD): the messages staff approved, with their replies."""

from django.conf import settings
from django.http import Http404
from django.utils.translation import get_language
from django.views.generic import ListView

from pagecache import page_href, page_links, redirect_to_canonical_page

from .models import Message


class MessageBoardView(ListView):
    template_name = "online_messages/board.html"
    # Not "messages": that name is the messages framework's in every template.
    context_object_name = "board_messages"

    def get(self, request, *args, **kwargs):
        # Read per request: the board can be switched off without a trace, tests included.
        if not settings.MESSAGE_BOARD:
            raise Http404
        # One address per page, as the news lists: ?page=01 redirects, ?page=x is a 404.
        redirect_ = redirect_to_canonical_page(request, self.page_kwarg)
        return redirect_ or super().get(request, *args, **kwargs)

    def get_paginate_by(self, queryset):
        return settings.MESSAGE_BOARD_PAGE_SIZE

    def get_queryset(self):
        # Messages are shown on the board of the language they were written in.
        return Message.objects.on_board(get_language())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        context["page_links"] = page_links(page)
        if page.has_previous():
            context["previous_page_href"] = page_href(page.previous_page_number())
        if page.has_next():
            context["next_page_href"] = page_href(page.next_page_number())
        context["canonical_url"] = self.request.build_absolute_uri(page_href(page.number))
        return context
