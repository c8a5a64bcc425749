"""The staff role of the shop, as a group holding its permissions (SEC-05).

"Shop manager" edits the catalogue (products and their files), sees orders and
payments (every order view is audited), and assesses technical-issue claims.
Nobody may add, change or delete an order or payment by hand: buyers order and
the payment provider confirms.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Shop manager": [
        "view_product",
        "add_product",
        "change_product",
        "view_productfile",
        "add_productfile",
        "change_productfile",
        "view_order",
        "view_payment",
        "view_claim",
        "change_claim",
    ],
}


def roles_create(apps, schema_editor):
    """Create the role, first creating this app's permissions (post_migrate is late)."""
    alias = schema_editor.connection.alias
    config = apps.get_app_config("shop")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0, using=alias)
    config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = group_model.objects.using(alias).get_or_create(name=name)
        permissions = permission_model.objects.using(alias).filter(
            content_type__app_label="shop", codename__in=codenames
        )
        group.permissions.add(*permissions)


def roles_remove(apps, schema_editor):
    """Take this app's permissions out of the role; the group stays for other apps."""
    alias = schema_editor.connection.alias
    group_model = apps.get_model("auth", "Group")
    for group in group_model.objects.using(alias).filter(name__in=ROLES):
        group.permissions.remove(
            *group.permissions.filter(content_type__app_label="shop")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("shop", "0001_initial"),
    ]

    operations = [migrations.RunPython(roles_create, roles_remove)]
