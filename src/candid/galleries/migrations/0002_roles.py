"""The "Photographer" role may open and fill clients' galleries (IMG-06, SEC-05).

The group may already exist (bookings creates it too); galleries adds its own
permissions to it. Nobody else on the staff sees a client's images.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Photographer": [
        "view_gallery",
        "add_gallery",
        "view_galleryimage",
        "add_galleryimage",
        "view_shownperson",
        "add_shownperson",
        "change_shownperson",
        "view_modelrelease",
        "add_modelrelease",
        "view_portfolioentry",
        "add_portfolioentry",
    ],
}


def roles_create(apps, schema_editor):
    """Give the roles this app's permissions, creating them first (post_migrate is late)."""
    alias = schema_editor.connection.alias
    config = apps.get_app_config("galleries")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0, using=alias)
    config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = group_model.objects.using(alias).get_or_create(name=name)
        permissions = permission_model.objects.using(alias).filter(
            content_type__app_label="galleries", codename__in=codenames
        )
        group.permissions.add(*permissions)


def roles_remove(apps, schema_editor):
    """Take this app's permissions out of the roles; the groups stay for other apps."""
    alias = schema_editor.connection.alias
    group_model = apps.get_model("auth", "Group")
    for group in group_model.objects.using(alias).filter(name__in=ROLES):
        group.permissions.remove(
            *group.permissions.filter(content_type__app_label="galleries")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("galleries", "0001_initial"),
    ]

    operations = [migrations.RunPython(roles_create, roles_remove)]
