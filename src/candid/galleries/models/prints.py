import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from candid.vault.fields import EncryptedTextField


class PrintOrder(models.Model):
    """A client's order of prints from their gallery, delivered by the print vendor.

    `delivery_name` and `delivery_address` (encrypted under the client's key) are the
    only personal fields the vendor receives, with the ordered files (IMG-05).
    `handed_off_at` is when the order went to the vendor, once.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    gallery = models.ForeignKey(
        "galleries.Gallery", on_delete=models.PROTECT, related_name="print_orders"
    )
    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    subject = models.ForeignKey(
        "datamap.Subject", on_delete=models.PROTECT, related_name="+"
    )
    delivery_name = EncryptedTextField()
    delivery_address = EncryptedTextField()
    placed_at = models.DateTimeField(default=timezone.now)
    handed_off_at = models.DateTimeField(null=True, blank=True)

    class PersonalData:
        subject = "subject"
        fields = {
            "id": None,
            "gallery": None,
            "client": None,
            "subject": None,
            "delivery_name": "user.name",
            "delivery_address": "user.contact.address",
            "placed_at": "user.behavior.purchase_history",
            "handed_off_at": "user.behavior.purchase_history",
        }

    class Retention:
        record = "print_order"
        triggers = {"end_of_financial_year": "placed_at"}
        delete_row_for = {"user.behavior.purchase_history"}

    def __str__(self) -> str:
        return f"Print order {self.id}"


class PrintOrderLine(models.Model):
    """One line of a print order: which image, what size (e.g. "A4"), how many."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    order = models.ForeignKey(
        PrintOrder, on_delete=models.CASCADE, related_name="lines"
    )
    image = models.ForeignKey(
        "galleries.GalleryImage", on_delete=models.PROTECT, related_name="+"
    )
    size = models.CharField(max_length=20)
    quantity = models.PositiveSmallIntegerField()

    class PersonalData:
        subject = "order__subject"
        fields = {
            "id": None,
            "order": None,
            "image": "user.content.self_image",
            "size": "user.behavior.purchase_history",
            "quantity": "user.behavior.purchase_history",
        }

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"Print order line {self.id}"


class PrintHandoff(models.Model):
    """The record of one hand-off to the print vendor: order, vendor, files, time."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    order = models.OneToOneField(
        PrintOrder, on_delete=models.PROTECT, related_name="handoff"
    )
    subject = models.ForeignKey(
        "datamap.Subject", on_delete=models.PROTECT, related_name="+"
    )
    vendor = models.CharField(max_length=64)
    image_ids = models.JSONField()
    at = models.DateTimeField(default=timezone.now)

    class PersonalData:
        subject = "subject"
        fields = {
            "id": None,
            "order": None,
            "subject": None,
            "vendor": None,
            "image_ids": "user.content.self_image",
            "at": "user.behavior.purchase_history",
        }

    class Retention:
        # The hand-off log goes with the order it records, in the same sweep.
        triggers = {"end_of_financial_year": "order__placed_at"}
        delete_row_for = {"user.behavior.purchase_history"}

    def __str__(self) -> str:
        return f"Print hand-off {self.id}"
