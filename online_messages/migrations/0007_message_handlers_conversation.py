"""Message handlers reply to messages and keep the blocklist. A reply records an email that
went out or a call that was made: nobody changes or deletes one. Editors get none of these."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MESSAGE_HANDLERS = "Message handlers"
HANDLER_PERMISSIONS = {
    "reply": ["view_reply", "add_reply"],
    "blocklistentry": [
        "view_blocklistentry",
        "add_blocklistentry",
        "change_blocklistentry",
        "delete_blocklistentry",
    ],
}


def permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(
            content_type__app_label="online_messages",
            content_type__model=model,
            codename=codename,
        )
        for model, codenames in HANDLER_PERMISSIONS.items()
        for codename in codenames
    ]


def grant(apps, schema_editor):
    # Permissions are normally created after migrate; make sure ours exist now.
    app_config = apps.get_app_config("online_messages")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=MESSAGE_HANDLERS)
    group.permissions.add(*permissions(apps))


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=MESSAGE_HANDLERS).first()
    if group is not None:
        group.permissions.remove(*permissions(apps))


class Migration(migrations.Migration):
    dependencies = [("online_messages", "0006_message_conversation")]

    operations = [migrations.RunPython(grant, revoke)]
