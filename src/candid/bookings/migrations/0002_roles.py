"""The staff roles of bookings, as groups holding their permissions (SEC-05).

"Photographer" (the role galleries use too) sees bookings and the catalogue;
"Reception" also edits the catalogue of session types. Neither may add, change or delete a booking: clients
book and cancel. Other apps may add permissions to the same groups.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Photographer": ["view_booking", "view_sessiontype"],
    "Reception": [
        "view_booking",
        "view_sessiontype",
        "add_sessiontype",
        "change_sessiontype",
    ],
}


def roles_create(apps, schema_editor):
    """Create the roles, first creating this app's permissions (post_migrate is late)."""
    alias = schema_editor.connection.alias
    config = apps.get_app_config("bookings")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0, using=alias)
    config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = group_model.objects.using(alias).get_or_create(name=name)
        permissions = permission_model.objects.using(alias).filter(
            content_type__app_label="bookings", codename__in=codenames
        )
        group.permissions.add(*permissions)


def roles_remove(apps, schema_editor):
    """Take this app's permissions out of the roles; the groups stay for other apps."""
    alias = schema_editor.connection.alias
    group_model = apps.get_model("auth", "Group")
    for group in group_model.objects.using(alias).filter(name__in=ROLES):
        group.permissions.remove(
            *group.permissions.filter(content_type__app_label="bookings")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("bookings", "0001_initial"),
    ]

    operations = [migrations.RunPython(roles_create, roles_remove)]
