from django.apps import AppConfig


class DatamapConfig(AppConfig):
    name = "candid.datamap"
    label = "datamap"
