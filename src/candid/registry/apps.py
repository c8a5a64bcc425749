from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "candid.registry"
    label = "registry"
    verbose_name = "Records of processing and processors"
