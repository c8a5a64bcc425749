from django.apps import AppConfig
from django.core import checks


class DatamapConfig(AppConfig):
    name = "candid.datamap"
    label = "datamap"
    verbose_name = "Data map"

    def ready(self) -> None:
        from candid.datamap.checks import check_data_map

        checks.register(check_data_map, checks.Tags.models)
