from django.apps import AppConfig


class VaultTestAppConfig(AppConfig):
    """Models that exist only in tests, to exercise the encrypted fields."""

    name = "tests.vault.testapp"
    label = "vault_testapp"
    default_auto_field = "django.db.models.BigAutoField"
