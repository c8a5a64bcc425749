from django.apps import AppConfig


class RightsConfig(AppConfig):
    name = "candid.rights"
    label = "rights"
    verbose_name = "Data-subject requests"
