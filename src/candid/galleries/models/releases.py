import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from candid.vault.fields import EncryptedTextField


class ShownPerson(models.Model):
    """A person identified in a gallery's images, e.g. the client's daughter.

    `name` is encrypted under the gallery subject's key. `minor` marks a child:
    only a parent's or guardian's release covers them, and their images are never
    used for advertising (KID-05). `images` are the images they were tagged in.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    gallery = models.ForeignKey(
        "galleries.Gallery", on_delete=models.CASCADE, related_name="people"
    )
    subject = models.ForeignKey(
        "datamap.Subject", on_delete=models.PROTECT, related_name="+"
    )
    name = EncryptedTextField()
    minor = models.BooleanField()
    images = models.ManyToManyField("galleries.GalleryImage", related_name="people")

    class PersonalData:
        subject = "subject"
        fields = {
            "id": None,
            "gallery": None,
            "subject": None,
            "name": "user.name",
            "minor": "user.content.self_image",
            "images": "user.content.self_image",
        }

    def __str__(self) -> str:
        return f"Person {self.id}"


class ReleaseRole(models.TextChoices):
    SELF = "self", "The person shown"
    PARENT_OR_GUARDIAN = "parent_or_guardian", "Parent or guardian"


class ModelRelease(models.Model):
    """A signed model release: who allowed which uses of whose images, until when.

    `signer_name` (encrypted) signed as `role` for `person`, covering the images in
    `images`, or the whole session when `images` is empty, for `uses` (a list of the
    declared release uses, e.g. ["portfolio", "website"]). `text_version` and
    `text_sha256` identify the exact release wording signed. A withdrawn or expired
    release covers nothing from that moment (IMG-01..03, C-01).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(
        ShownPerson, on_delete=models.CASCADE, related_name="releases"
    )
    subject = models.ForeignKey(
        "datamap.Subject", on_delete=models.PROTECT, related_name="+"
    )
    signer_name = EncryptedTextField()
    role = models.CharField(max_length=20, choices=ReleaseRole.choices)
    images = models.ManyToManyField(
        "galleries.GalleryImage", related_name="releases", blank=True
    )
    uses = models.JSONField()
    text_version = models.CharField(max_length=40)
    text_sha256 = models.CharField(max_length=64)
    signed_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class PersonalData:
        subject = "subject"
        fields = {
            "id": None,
            "person": None,
            "subject": None,
            "signer_name": "user.name",
            "role": "user.content.self_image",
            "images": "user.content.self_image",
            "uses": "user.content.self_image",
            "text_version": None,
            "text_sha256": None,
            "signed_at": "user.content.self_image",
            "expires_at": None,
            "withdrawn_at": "user.content.self_image",
        }

    class Retention:
        record = "model_release"
        triggers = {"release_withdrawn": "withdrawn_at"}

    class Meta:
        ordering = ["signed_at"]

    def __str__(self) -> str:
        return f"Release {self.id}"

    def is_active_at(self, moment) -> bool:
        """Say whether the release still holds: not withdrawn and not expired."""
        if self.withdrawn_at is not None:
            return False
        return self.expires_at is None or moment < self.expires_at


class PortfolioEntry(models.Model):
    """An image shown in the studio's public portfolio, added by staff.

    Only added when every person identified in the image has an active release
    covering "portfolio"; deleted the moment one of those releases is withdrawn.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    image = models.OneToOneField(
        "galleries.GalleryImage", on_delete=models.CASCADE, related_name="portfolio"
    )
    subject = models.ForeignKey(
        "datamap.Subject", on_delete=models.PROTECT, related_name="+"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class PersonalData:
        subject = "subject"
        fields = {
            "id": None,
            "image": "user.content.self_image",
            "subject": None,
            "added_by": None,
            "added_at": "user.content.self_image",
        }

    class Meta:
        ordering = ["-added_at"]
        verbose_name_plural = "portfolio entries"

    def __str__(self) -> str:
        return f"Portfolio entry {self.id}"
