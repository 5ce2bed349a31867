"""Editors may also manage redirects and tags (taggit's Tag: renaming one renames it on every
article). Revisions need no permission of their own: django-reversion checks the article's."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
# (app label, model): every action on each.
EDITORIAL_MODELS = [("articles", "redirect"), ("taggit", "tag")]


def permission_codenames(model):
    return [f"{action}_{model}" for action in ("add", "change", "delete", "view")]


def grant(apps, schema_editor):
    # Permissions are normally created after migrate; make sure these exist now.
    for label in {label for label, _ in EDITORIAL_MODELS}:
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITORS)
    for label, model in EDITORIAL_MODELS:
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label=label, codename__in=permission_codenames(model)
            )
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=EDITORS):
        for label, model in EDITORIAL_MODELS:
            group.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label=label, codename__in=permission_codenames(model)
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_editorial_fields"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
