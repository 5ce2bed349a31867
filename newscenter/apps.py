from django.apps import AppConfig


class NewsCenterConfig(AppConfig):
    """The project package as an app, so that its system checks are registered."""

    name = "newscenter"
    verbose_name = "News Center"

    def ready(self):
        from . import checks  # noqa: F401
