from django.apps import AppConfig
from django.core import checks


class VaultConfig(AppConfig):
    name = "candid.vault"
    label = "vault"
    verbose_name = "Vault"

    def ready(self) -> None:
        from candid.vault.checks import check_keystore_database, check_master_keys

        checks.register(check_master_keys, checks.Tags.security)
        checks.register(check_keystore_database, checks.Tags.security)
