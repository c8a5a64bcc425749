from django.apps import AppConfig
from django.core import checks


class RetentionConfig(AppConfig):
    name = "candid.retention"
    label = "retention"
    verbose_name = "Retention"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from candid.retention.checks import check_retention

        checks.register(check_retention, checks.Tags.models)
