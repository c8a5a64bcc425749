from django.apps import AppConfig
from django.core import checks


class RegistryConfig(AppConfig):
    name = "candid.registry"
    label = "registry"
    verbose_name = "Records of processing and processors"

    def ready(self) -> None:
        from candid.registry.checks import check_processor_contracts

        checks.register(check_processor_contracts)
