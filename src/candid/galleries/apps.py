from django.apps import AppConfig


class GalleriesConfig(AppConfig):
    name = "candid.galleries"
    label = "galleries"
    verbose_name = "Galleries"
