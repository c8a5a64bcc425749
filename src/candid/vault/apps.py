from django.apps import AppConfig


class VaultConfig(AppConfig):
    name = "candid.vault"
    label = "vault"
