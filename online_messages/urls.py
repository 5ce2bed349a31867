from django.urls import path

from .views import MessageCreateView, MessageThanksView

app_name = "online_messages"

urlpatterns = [
    path("", MessageCreateView.as_view(), name="create"),
    path("thanks/", MessageThanksView.as_view(), name="thanks"),
]
