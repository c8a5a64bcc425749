import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from candid.vault.fields import EncryptedTextField

PURCHASE = "user.behavior.purchase_history"


class OrderStatus(models.TextChoices):
    PENDING = "pending", "Awaiting payment"
    PAID = "paid", "Paid"
    REFUNDED = "refunded", "Refunded"
    EXPIRED = "expired", "Checkout abandoned"


class Order(models.Model):
    """A client's purchase of one product, with a snapshot of who bought it and where.

    `buyer_name` ("Ana Lima") and `address` ("1 Rua Augusta, Lisbon") are encrypted
    under the buyer's key and never change after the order is placed (DSR-09);
    `country` ("PT") decides whether the EU/UK right of withdrawal applies.
    `licence_terms` and `policy_version` are the terms shown before purchase.
    `immediate_supply_requested_at` and `withdrawal_loss_acknowledged_at` record the
    two unticked boxes of the waiver (COM-01), `waiver_confirmed_at` the e-mail that
    confirmed them. `first_downloaded_at` is when the sale became final. Orders
    are accounting records (retention: purchase history, 8 years).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="orders"
    )
    subject = models.ForeignKey(
        "datamap.Subject", on_delete=models.PROTECT, related_name="+"
    )
    product = models.ForeignKey(
        "shop.Product", on_delete=models.PROTECT, related_name="orders"
    )
    product_name = models.CharField(max_length=120)
    buyer_name = EncryptedTextField(null=True)
    address = EncryptedTextField(null=True)
    country = EncryptedTextField(null=True)
    price = models.DecimalField(max_digits=9, decimal_places=2)
    currency = models.CharField(max_length=3)
    status = models.CharField(
        max_length=16, choices=OrderStatus.choices, default=OrderStatus.PENDING
    )
    licence_terms = models.JSONField(default=list)
    policy_version = models.CharField(max_length=40)
    withdrawal_right_applies = models.BooleanField(default=False)
    immediate_supply_requested_at = models.DateTimeField(null=True, blank=True)
    withdrawal_loss_acknowledged_at = models.DateTimeField(null=True, blank=True)
    waiver_confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    paid_at = models.DateTimeField(null=True, blank=True)
    first_downloaded_at = models.DateTimeField(null=True, blank=True)
    refunded_at = models.DateTimeField(null=True, blank=True)

    class PersonalData:
        subject = "subject"
        fields = {
            "id": None,
            "client": None,
            "subject": None,
            "product": PURCHASE,
            "product_name": PURCHASE,
            "buyer_name": "user.name",
            "address": "user.contact.address",
            "country": "user.contact.address",
            "price": PURCHASE,
            "currency": None,
            "status": PURCHASE,
            "licence_terms": PURCHASE,
            "policy_version": PURCHASE,
            "withdrawal_right_applies": PURCHASE,
            "immediate_supply_requested_at": PURCHASE,
            "withdrawal_loss_acknowledged_at": PURCHASE,
            "waiver_confirmed_at": PURCHASE,
            "created_at": PURCHASE,
            "paid_at": PURCHASE,
            "first_downloaded_at": PURCHASE,
            "refunded_at": PURCHASE,
        }

    class Retention:
        # The order is the invoice: kept 8 years after the end of the financial year
        # it was paid in (legal obligation), then deleted. It maps no
        # `order_completed`, so the 30-day address rule leaves the invoice's name and
        # address as tax law requires ("invoices keep it as tax law says").
        record = "invoice"
        triggers = {"end_of_financial_year": "paid_at"}
        delete_row_for = {PURCHASE}

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["client", "created_at"])]

    def __str__(self) -> str:
        # Never the buyer's name or address: this string ends up in logs.
        return f"Order {self.number}"

    @property
    def number(self) -> str:
        return self.id.hex[:10].upper()

    @property
    def is_paid(self) -> bool:
        return self.status == OrderStatus.PAID

    @property
    def waiver_given(self) -> bool:
        return (
            self.immediate_supply_requested_at is not None
            and self.withdrawal_loss_acknowledged_at is not None
        )


class Licence(models.Model):
    """The personal-use licence an order grants, e.g. id 5f0c... and key "CND-7Q2M-...".

    The id is written into every file the buyer downloads; the key is the buyer's
    proof of purchase: random (128 bits), shown to them and kept encrypted, with
    its SHA-256 (`key_hash`) to look it up. `revoked_at` disables the licence and
    every download link of the order at once (a refund, an upheld claim).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    order = models.OneToOneField(
        Order, on_delete=models.PROTECT, related_name="licence"
    )
    subject = models.ForeignKey(
        "datamap.Subject", on_delete=models.PROTECT, related_name="+"
    )
    key = EncryptedTextField(null=True)
    key_hash = models.CharField(max_length=64, unique=True)
    issued_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class PersonalData:
        subject = "subject"
        fields = {
            "id": None,
            "order": None,
            "subject": None,
            "key": PURCHASE,
            "key_hash": PURCHASE,
            "issued_at": PURCHASE,
            "revoked_at": PURCHASE,
        }

    class Retention:
        # Part of the order's accounting record: goes with it, before it.
        record = None
        triggers = {"end_of_financial_year": "order__paid_at"}
        delete_row_for = {PURCHASE}

    class Meta:
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return f"Licence {self.id}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class DownloadLink(models.Model):
    """An expiring link through which one buyer downloads one file of their order.

    `token_hash` is the SHA-256 of the link's 256-bit random token, which only the
    URL holds. A link works until `expires_at` (issue time plus the declared
    `download_link_lifetime`), unless `revoked_at` is set or the licence is revoked.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    licence = models.ForeignKey(Licence, on_delete=models.PROTECT, related_name="links")
    product_file = models.ForeignKey(
        "shop.ProductFile", on_delete=models.PROTECT, related_name="+"
    )
    subject = models.ForeignKey(
        "datamap.Subject", on_delete=models.PROTECT, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class PersonalData:
        subject = "subject"
        fields = {
            "id": None,
            "licence": None,
            "product_file": PURCHASE,
            "subject": None,
            "token_hash": PURCHASE,
            "created_at": PURCHASE,
            "expires_at": None,
            "revoked_at": PURCHASE,
        }

    class Retention:
        # Goes with the order's licence, before it.
        record = None
        triggers = {"end_of_financial_year": "licence__order__paid_at"}
        delete_row_for = {PURCHASE}

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Download link {self.id}"

    def is_usable_at(self, moment) -> bool:
        """Say whether the link still works: not revoked and not expired."""
        return self.revoked_at is None and moment < self.expires_at


class Download(models.Model):
    """One download of a purchased file: which link, when, from which network.

    `network` is the downloader's address truncated to its network (IPv4 /24,
    IPv6 /48), never the full address.
    """

    id = models.BigAutoField(primary_key=True)
    link = models.ForeignKey(
        DownloadLink, on_delete=models.PROTECT, related_name="downloads"
    )
    subject = models.ForeignKey(
        "datamap.Subject", on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    network = models.CharField(max_length=48, blank=True)

    class PersonalData:
        subject = "subject"
        fields = {
            "id": None,
            "link": None,
            "subject": None,
            "at": PURCHASE,
            "network": "user.device.ip_address",
        }

    class Retention:
        # The network is for fraud checks only: emptied 90 days after the download.
        # The row is part of the order's record (when the sale became final) and
        # goes with the order.
        record = "download"
        triggers = {
            "collected": "at",
            "end_of_financial_year": "link__licence__order__paid_at",
        }
        delete_row_for = {PURCHASE}

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"Download {self.id}"


class ClaimStatus(models.TextChoices):
    OPEN = "open", "Awaiting assessment"
    UPHELD = "upheld", "Upheld: refunded"
    REJECTED = "rejected", "Not upheld"


class Claim(models.Model):
    """A buyer's report of a technical issue with a downloaded file, for staff to assess.

    `description` ("the preset fails to import in Lightroom 13") is encrypted under
    the buyer's key. Staff uphold it (refund, licence revoked) or reject it;
    `assessed_by` and `assessed_at` say who and when.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="claims")
    subject = models.ForeignKey(
        "datamap.Subject", on_delete=models.PROTECT, related_name="+"
    )
    description = EncryptedTextField(null=True)
    status = models.CharField(
        max_length=16, choices=ClaimStatus.choices, default=ClaimStatus.OPEN
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    assessed_at = models.DateTimeField(null=True, blank=True)

    class PersonalData:
        subject = "subject"
        fields = {
            "id": None,
            "order": None,
            "subject": None,
            "description": "user.content.private",
            "status": PURCHASE,
            "submitted_at": PURCHASE,
            "assessed_by": None,
            "assessed_at": PURCHASE,
        }

    class Retention:
        # A claim records a refund decision on the order: it goes with the order.
        record = None
        triggers = {"end_of_financial_year": "order__paid_at"}
        delete_row_for = {PURCHASE}

    class Meta:
        ordering = ["submitted_at"]

    def __str__(self) -> str:
        return f"Claim {self.id}"
