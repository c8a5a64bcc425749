import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class Gallery(models.Model):
    """A client's gallery of one session's images, e.g. "Family portraits, May".

    `client` is the account that sees it and `subject` its data subject, whose key
    encrypts every image file. `delivered_at` is when staff delivered it and
    `expires_at` when it goes offline (delivery plus the declared gallery lifetime,
    e.g. 12 months; RET schedule `gallery_delivered`).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="galleries"
    )
    subject = models.ForeignKey(
        "datamap.Subject", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(max_length=120)
    delivered_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    class PersonalData:
        subject = "subject"
        fields = {
            "id": None,
            "client": None,
            "subject": None,
            "title": "user.behavior.purchase_history",
            "delivered_at": "user.behavior.purchase_history",
            "expires_at": None,
        }

    class Retention:
        # The gallery's record (title, delivery date) is purchase history; its
        # images go at the gallery's expiry (GalleryImage).
        record = "gallery"
        triggers = {"end_of_financial_year": "delivered_at"}
        delete_row_for = {"user.behavior.purchase_history"}

    class Meta:
        ordering = ["-delivered_at"]
        verbose_name_plural = "galleries"

    def __str__(self) -> str:
        return f"Gallery {self.id}"


class GalleryImage(models.Model):
    """One image of a gallery, kept only as encrypted files with random names.

    `original_name` and `preview_name` are storage names such as
    "galleries/3f.../9c2e....bin": random, never the photographer's file name. Both
    files are encrypted under the gallery subject's key with the row's identity as
    associated data. The preview is watermarked and carries no metadata; the
    original's metadata is stripped whenever it is served (IMG-04).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    gallery = models.ForeignKey(
        Gallery, on_delete=models.CASCADE, related_name="images"
    )
    subject = models.ForeignKey(
        "datamap.Subject", on_delete=models.PROTECT, related_name="+"
    )
    original_name = models.CharField(max_length=200)
    preview_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=40)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(default=timezone.now)

    class PersonalData:
        subject = "subject"
        fields = {
            "id": None,
            "gallery": None,
            "subject": None,
            "original_name": "user.content.self_image",
            "preview_name": "user.content.self_image",
            "content_type": None,
            "width": None,
            "height": None,
            "uploaded_at": "user.content.self_image",
        }

    class Retention:
        # An expired gallery's images are deleted with their encrypted original
        # and preview files, not only hidden (IMG-04, RET-01).
        record = "gallery_image"
        triggers = {"gallery_delivered": "gallery__delivered_at"}
        delete_row_for = {"user.content.self_image"}
        files = ("original_name", "preview_name")

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return f"Image {self.id}"

    def associated_data(self, kind: str) -> bytes:
        """Return the bytes binding an encrypted file to this row and its kind."""
        return f"galleries.image:{self.id}:{kind}".encode()
