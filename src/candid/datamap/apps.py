from django.apps import AppConfig
from django.core import checks


class DatamapConfig(AppConfig):
    name = "candid.datamap"
    label = "datamap"
    verbose_name = "Data map"

    def ready(self) -> None:
        from candid.datamap.checks import check_data_map, check_purposes_stored

        checks.register(check_data_map, checks.Tags.models)
        checks.register(check_purposes_stored, checks.Tags.models)
