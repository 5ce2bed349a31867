from django.apps import AppConfig, apps
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class OnlineMessagesConfig(AppConfig):
    name = "online_messages"
    label = "online_messages"
    verbose_name = _("Online messages")

    def ready(self):
        # The captcha app is installed only when MESSAGE_CAPTCHA is on.
        if apps.is_installed("captcha"):
            from captcha.models import CaptchaStore

            from .spam import remove_expired_captchas

            post_save.connect(
                remove_expired_captchas, sender=CaptchaStore, dispatch_uid="remove_expired_captchas"
            )
