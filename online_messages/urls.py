from django.urls import path

from pagecache import cacheable, canonical_page

from .board import MessageBoardView
from .views import MessageCreateView, MessageThanksView

app_name = "online_messages"

urlpatterns = [
    path("", MessageCreateView.as_view(), name="create"),
    path("thanks/", MessageThanksView.as_view(), name="thanks"),
    # The same for every visitor: cached, and made stale when a message it shows changes.
    path("board/", cacheable(MessageBoardView.as_view(), page=canonical_page), name="board"),
]
