from django.apps import AppConfig


class BookingsConfig(AppConfig):
    name = "candid.bookings"
    label = "bookings"
    verbose_name = "Bookings"
