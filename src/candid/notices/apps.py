from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "candid.notices"
    label = "notices"
    verbose_name = "Published policy versions"
