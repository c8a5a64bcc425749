from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "candid.consent"
    label = "consent"
