"""Django's makemessages, reading what the project's templates are written in (.html, .txt)
and only the project's own files: `manage.py makemessages -l zh_Hans` updates locale/. Entries
name their files without line numbers, so that an edit elsewhere in a file leaves them alone."""

from django.core.management.commands import makemessages

IGNORED = [".venv", "node_modules", "bench", "docs", "media", "staticfiles", "tests", "scripts"]


class Command(makemessages.Command):
    def handle(self, *args, **options):
        if not options["extensions"] and options["domain"] == "django":
            options["extensions"] = ["html", "txt", "py"]
        options["ignore_patterns"] = [*options["ignore_patterns"], *IGNORED]
        options["add_location"] = options["add_location"] or "file"
        return super().handle(*args, **options)
