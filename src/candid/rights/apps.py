from django.apps import AppConfig


class RightsConfig(AppConfig):
    name = "candid.rights"
    label = "rights"
    verbose_name = "Data-subject requests"

    def ready(self) -> None:
        from django.core import checks

        from candid.rights.checks import (
            connector_settings_check,
            kept_values_movable_check,
        )

        checks.register(kept_values_movable_check, "rights")
        checks.register(connector_settings_check, "rights")
