from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnlineMessagesConfig(AppConfig):
    name = "online_messages"
    label = "online_messages"
    verbose_name = _("Online messages")
