from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "candid.compliance"
    label = "compliance"
