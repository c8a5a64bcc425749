from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "candid.audit"
    label = "audit"
