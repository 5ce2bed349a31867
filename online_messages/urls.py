from django.urls import path
from django.views.generic import TemplateView

app_name = "online_messages"

# Replaced by the Online Message form (issue 4).
urlpatterns = [
    path("", TemplateView.as_view(template_name="online_messages/message_form.html"), name="create"),
]
