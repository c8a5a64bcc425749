from django.apps import AppConfig
from django.core import checks


class MailConfig(AppConfig):
    name = "candid.mail"
    label = "mail"
    verbose_name = "E-mail: service and marketing messages"

    def ready(self) -> None:
        from candid.mail.checks import base_url_check, from_addresses_check

        checks.register(from_addresses_check, "mail")
        checks.register(base_url_check, "mail", deploy=True)
