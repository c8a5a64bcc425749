from django.apps import AppConfig


class RetentionTestAppConfig(AppConfig):
    """Models that exist only in tests and benchmarks, to exercise retention sweeps."""

    name = "tests.retention.testapp"
    label = "retention_testapp"
    default_auto_field = "django.db.models.BigAutoField"
