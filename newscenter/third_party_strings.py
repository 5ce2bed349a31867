"""Text that packages show in the admin without a Simplified Chinese translation of their own:
listed here so that makemessages puts it in locale/, whose catalog Django reads before the
apps' own. Never imported. The msgids are the packages' exact text, whitespace included."""

from django.utils.translation import gettext_noop

# Django 5.2's admin index: table headers for screen readers, new since its catalog.
ADMIN = [
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
]

# django-axes (login lockout) and django-tasks-db (task results), seen by superusers.
MODELS = [
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("Task Result"),
    gettext_noop("Task Results"),
]

# django-reversion-compare 0.19: an article's history and compare pages.
REVISIONS = [
    gettext_noop("Compare %(name)s"),
    gettext_noop("Field didn't exist!"),
    gettext_noop("compare"),
    gettext_noop("Go back to history list"),
    gettext_noop("Revert to this version"),
    gettext_noop("changed to:"),
    gettext_noop("time since that date:"),
    gettext_noop("add:"),
    gettext_noop("remove:"),
    gettext_noop("previous"),
    gettext_noop("next"),
    gettext_noop("There are no differences."),
    gettext_noop("Edit comment:"),
    gettext_noop("(no comment exists)"),
    gettext_noop("Note:"),
    gettext_noop("Revert to the old version will probably not work!"),
    gettext_noop("More info:"),
    gettext_noop(
        "\n                Compare <strong>%(date1)s</strong> with <strong>%(date2)s</strong>:"
        "\n            "
    ),
    gettext_noop(
        '\n        Fields/entries marked with <sup class="follow">*</sup> are not under reversion'
        " control.\n        It may be that not all marked information are correct.\n    "
    ),
    gettext_noop(
        "\n    This is the fallback compare, because the normal compare can't be applied\n"
        "    between the two selected version:\n    "
    ),
]
