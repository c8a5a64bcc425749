"""The "Studio manager" role assigns staff to clients' galleries (IMG-06, SEC-05).

Assigning is its own permission (`add_galleryassignment`), held by this role and by
superusers (the owner); it opens no gallery by itself: a manager sees a client's
images only once assigned to that gallery, like anyone else on the staff.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Studio manager": [
        "view_galleryassignment",
        "add_galleryassignment",
        "delete_galleryassignment",
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
    """Take the assignment permissions out of the roles; the groups stay."""
    alias = schema_editor.connection.alias
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for group in group_model.objects.using(alias).filter(name__in=ROLES):
        group.permissions.remove(
            *permission_model.objects.using(alias).filter(
                content_type__app_label="galleries", codename__in=ROLES[group.name]
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("galleries", "0004_assignments"),
    ]

    operations = [migrations.RunPython(roles_create, roles_remove)]
