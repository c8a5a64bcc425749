from django.apps import AppConfig
from django.core import checks


class ShopConfig(AppConfig):
    name = "candid.shop"
    label = "shop"
    verbose_name = "Shop"

    def ready(self) -> None:
        from candid.bookings.signals import booking_refund_requested
        from candid.shop.bookings import booking_refund_receiver
        from candid.shop.checks import payments_check

        checks.register(payments_check, "shop")
        booking_refund_requested.connect(
            booking_refund_receiver, dispatch_uid="candid.shop.booking_refund"
        )
