from axes.apps import AppConfig as AxesConfig
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class NewsCenterConfig(AppConfig):
    """The project package as an app, so that its system checks are registered."""

    name = "newscenter"
    verbose_name = "News Center"

    def ready(self):
        from . import checks  # noqa: F401


# Two packages' apps under names that say what they hold to staff, in their language: django-axes
# has no name of its own ("Axes"), and django-tasks-db's ("Tasks Database Backend") is untranslated.


class LoginLockoutConfig(AxesConfig):
    verbose_name = _("Login lockouts")


class BackgroundTasksConfig(TasksAppConfig):
    verbose_name = _("Background tasks")
