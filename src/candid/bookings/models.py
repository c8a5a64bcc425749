import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone

from candid.vault.fields import EncryptedTextField


class SessionType(models.Model):
    """A kind of photography session the studio offers, e.g. "Portrait, 90 minutes".

    Staff manage these in the back office. `price` is what a booking costs, in
    `currency` ("GBP"); `places` lists where the session can happen, one per line
    ("Studio, 1 Mill Lane, Bath" / "Outdoors, Royal Victoria Park"). A retired type
    (`is_active` False) keeps its bookings but takes no new ones.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=120)
    duration = models.DurationField(help_text="For example 01:30:00 for 90 minutes.")
    price = models.DecimalField(max_digits=9, decimal_places=2)
    currency = models.CharField(max_length=3, default="GBP")
    places = models.TextField(
        help_text="Where this session can take place, one per line."
    )
    is_active = models.BooleanField(default=True)

    class PersonalData:
        # The studio's catalogue: nobody's personal data.
        subject = None
        fields = {
            "id": None,
            "name": None,
            "duration": None,
            "price": None,
            "currency": None,
            "places": None,
            "is_active": None,
        }

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def place_options(self) -> list[str]:
        return [line.strip() for line in self.places.splitlines() if line.strip()]


class BookingStatus(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed"
    CANCELLED = "cancelled", "Cancelled by the client"


class Booking(models.Model):
    """A client's booking of a session: which kind, when, where, and what was paid.

    `client` is the account that booked and `subject` its data subject, whose key
    encrypts `notes` (free text such as "two children, bring a step stool"; the form
    asks for no health or other sensitive details, LAW-09). `price` is the session
    type's price when booked (e.g. 150.00 GBP); `price_paid` what the payment
    provider, or the studio's till, took so far; `amount_refunded` what the
    cancellation rule gave back on `cancelled_at` (COM-02).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="bookings"
    )
    subject = models.ForeignKey(
        "datamap.Subject", on_delete=models.PROTECT, related_name="+"
    )
    session_type = models.ForeignKey(
        SessionType, on_delete=models.PROTECT, related_name="bookings"
    )
    starts_at = models.DateTimeField()
    place = models.CharField(max_length=200)
    notes = EncryptedTextField(blank=True, null=True)
    status = models.CharField(
        max_length=16, choices=BookingStatus.choices, default=BookingStatus.CONFIRMED
    )
    price = models.DecimalField(max_digits=9, decimal_places=2)
    currency = models.CharField(max_length=3)
    price_paid = models.DecimalField(
        max_digits=9, decimal_places=2, default=Decimal("0.00")
    )
    amount_refunded = models.DecimalField(
        max_digits=9, decimal_places=2, default=Decimal("0.00")
    )
    created_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class PersonalData:
        subject = "subject"
        fields = {
            "id": None,
            "client": None,
            "subject": None,
            "session_type": "user.behavior.purchase_history",
            "starts_at": "user.behavior.purchase_history",
            "place": "user.behavior.purchase_history",
            "notes": "user.content.private",
            "status": "user.behavior.purchase_history",
            "price": "user.behavior.purchase_history",
            "currency": None,
            "price_paid": "user.behavior.purchase_history",
            "amount_refunded": "user.behavior.purchase_history",
            "created_at": "user.behavior.purchase_history",
            "cancelled_at": "user.behavior.purchase_history",
        }

    class Retention:
        # The notes are messages about the session: its date is the last contact
        # they concern. The booking itself is an accounting record.
        record = "booking"
        triggers = {
            "last_activity": "starts_at",
            "booking_completed": "starts_at",
            "end_of_financial_year": "starts_at",
        }
        delete_row_for = {"user.behavior.purchase_history"}

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["client", "starts_at"])]

    def __str__(self) -> str:
        # Never the notes or the client: this string ends up in logs and messages.
        return f"Booking {self.id}"

    @property
    def is_cancelled(self) -> bool:
        return self.status == BookingStatus.CANCELLED
