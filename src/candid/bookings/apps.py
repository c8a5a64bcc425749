from django.apps import AppConfig
from django.core import checks


class BookingsConfig(AppConfig):
    name = "candid.bookings"
    label = "bookings"
    verbose_name = "Bookings"

    def ready(self) -> None:
        from candid.bookings.checks import booking_message_check, booking_rule_check
        from candid.bookings.verification import BOOKING_DATE
        from candid.rights.identity import data_point_register

        checks.register(booking_rule_check, "bookings")
        checks.register(booking_message_check, "bookings")
        data_point_register(BOOKING_DATE)
