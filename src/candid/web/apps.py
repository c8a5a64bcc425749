from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "candid.web"
    label = "web"
    verbose_name = "Studio website"
