from django.apps import AppConfig
from django.core import checks


class AccountsConfig(AppConfig):
    name = "candid.accounts"
    label = "accounts"
    verbose_name = "Client accounts"

    def ready(self) -> None:
        from candid.accounts.checks import (
            account_link_message_check,
            opt_in_message_check,
            password_hasher_check,
            session_engine_check,
        )
        from candid.accounts.verification import PHONE, POSTCODE, subject_by_email
        from candid.rights.identity import data_point_register, subject_finder_register

        checks.register(session_engine_check, "accounts")
        checks.register(opt_in_message_check, "accounts")
        checks.register(account_link_message_check, "accounts")
        checks.register(password_hasher_check, "accounts", deploy=True)
        subject_finder_register("accounts", subject_by_email)
        data_point_register(PHONE)
        data_point_register(POSTCODE)

        from candid.accounts.rectification import account_rectify
        from candid.rights.hooks import rectifier_register

        rectifier_register(account_rectify)
