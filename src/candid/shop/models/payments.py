import uuid
from decimal import Decimal

from django.db import models
from django.utils import timezone

PAYMENT = "user.payment"
PURCHASE = "user.behavior.purchase_history"


class PaymentStatus(models.TextChoices):
    PENDING = "pending", "Awaiting payment"
    PAID = "paid", "Paid"
    REFUNDED = "refunded", "Refunded"
    EXPIRED = "expired", "Checkout abandoned"


class Payment(models.Model):
    """One payment through the provider's hosted checkout, for an order or a booking.

    Only the provider's references are kept (SEC-02): the Checkout Session id
    ("cs_..."), the PaymentIntent id ("pi_..."), the card brand ("visa") and last
    four digits ("4242"); never a card number or security code. `amount` is in
    major units ("19.00" GBP). `amount_refunded` and `refund_id` ("re_...") record
    refunds through the provider's refund API (COM-03); `refund_failed_at` marks a
    refund the provider refused, for staff to follow up.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    subject = models.ForeignKey(
        "datamap.Subject", on_delete=models.PROTECT, related_name="+"
    )
    order = models.OneToOneField(
        "shop.Order",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payment",
    )
    booking = models.ForeignKey(
        "bookings.Booking",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    amount = models.DecimalField(max_digits=9, decimal_places=2)
    currency = models.CharField(max_length=3)
    status = models.CharField(
        max_length=16, choices=PaymentStatus.choices, default=PaymentStatus.PENDING
    )
    # Null until the provider answers: unique, and "" would collide between checkouts.
    checkout_session_id = models.CharField(max_length=255, unique=True, null=True)  # noqa: DJ001
    payment_intent_id = models.CharField(max_length=255, blank=True)
    card_brand = models.CharField(max_length=20, blank=True)
    card_last4 = models.CharField(max_length=4, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    paid_at = models.DateTimeField(null=True, blank=True)
    amount_refunded = models.DecimalField(
        max_digits=9, decimal_places=2, default=Decimal("0.00")
    )
    refund_id = models.CharField(max_length=255, blank=True)
    refunded_at = models.DateTimeField(null=True, blank=True)
    refund_failed_at = models.DateTimeField(null=True, blank=True)

    class PersonalData:
        subject = "subject"
        fields = {
            "id": None,
            "subject": None,
            "order": None,
            "booking": None,
            "amount": PURCHASE,
            "currency": None,
            "status": PURCHASE,
            "checkout_session_id": PAYMENT,
            "payment_intent_id": PAYMENT,
            "card_brand": PAYMENT,
            "card_last4": PAYMENT,
            "created_at": PURCHASE,
            "paid_at": PURCHASE,
            "amount_refunded": PURCHASE,
            "refund_id": PAYMENT,
            "refunded_at": PURCHASE,
            "refund_failed_at": PURCHASE,
        }

    class Retention:
        # Part of the accounting record of the order or booking paid: kept 8 years
        # after the end of the financial year of the payment, then deleted, before
        # the order or booking it protects.
        record = None
        triggers = {"end_of_financial_year": "paid_at"}
        delete_row_for = {PAYMENT, PURCHASE}

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(order__isnull=False)
                ^ models.Q(booking__isnull=False),
                name="shop_payment_for_order_or_booking",
            )
        ]

    def __str__(self) -> str:
        return f"Payment {self.id}"

    @property
    def is_paid(self) -> bool:
        return self.status == PaymentStatus.PAID


class ProcessedEvent(models.Model):
    """A provider webhook event already handled ("evt_..."), so a replay changes nothing.

    Only the event's id and type are kept, never its body.
    """

    event_id = models.CharField(max_length=255, primary_key=True)
    type = models.CharField(max_length=100)
    received_at = models.DateTimeField(default=timezone.now)

    class PersonalData:
        subject = None
        fields = {"event_id": None, "type": None, "received_at": None}

    class Meta:
        ordering = ["received_at"]

    def __str__(self) -> str:
        return self.event_id
