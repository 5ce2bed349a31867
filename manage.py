#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newscenter.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018 (reading the settings is the check)
    except ImproperlyConfigured as error:
        # One line and exit status 1: a traceback would bury what the operator has to fix.
        sys.exit(f"Configuration error: {error}")
    execute_from_command_line(sys.argv)
