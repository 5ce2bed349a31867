from django.contrib.auth.management import create_permissions
from django.db import migrations

MESSAGE_HANDLERS = "Message handlers"
HANDLER_PERMISSIONS = ["view_message", "change_message", "delete_message"]


def create_handlers_group(apps, schema_editor):
    # Permissions are normally created after migrate; make sure ours exist now.
    app_config = apps.get_app_config("online_messages")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=MESSAGE_HANDLERS)
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label="online_messages",
            content_type__model="message",
            codename__in=HANDLER_PERMISSIONS,
        )
    )


def remove_handlers_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=MESSAGE_HANDLERS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("online_messages", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_handlers_group, remove_handlers_group)]
