import uuid

from django.db import models
from django.utils import timezone

from candid.vault.fields import EncryptedTextField


class ShareLink(models.Model):
    """A link a client gave one recipient to their gallery, e.g. "for Grandma".

    `token_hash` is the SHA-256 of the link's 256-bit random token, which only the
    URL holds; `password_hash` is Django's hash of the link's own password.
    `expires_at` is always set (default: the declared share-link lifetime) and
    `revoked_at` ends the link, and every URL derived from it, at once (IMG-04).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    gallery = models.ForeignKey(
        "galleries.Gallery", on_delete=models.CASCADE, related_name="share_links"
    )
    subject = models.ForeignKey(
        "datamap.Subject", on_delete=models.PROTECT, related_name="+"
    )
    recipient_label = EncryptedTextField()
    token_hash = models.CharField(max_length=64, unique=True)
    password_hash = models.CharField(max_length=200)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class PersonalData:
        subject = "subject"
        fields = {
            "id": None,
            "gallery": None,
            "subject": None,
            "recipient_label": "user.content.private",
            "token_hash": "user.authorization.credentials",
            "password_hash": "user.authorization.credentials",
            "created_at": None,
            "expires_at": None,
            "revoked_at": None,
        }

    class Retention:
        record = "share_link"
        triggers = {"collected": "created_at"}

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Share link {self.id}"

    def is_usable_at(self, moment) -> bool:
        """Say whether the link still opens: not revoked and not expired."""
        return self.revoked_at is None and moment < self.expires_at


class ShareLinkAccess(models.Model):
    """One request made through a share link: when, from where, with what outcome.

    `network` is the visitor's address truncated to its network (IPv4 /24, e.g.
    "203.0.113.0"; IPv6 /48), never the full address (IMG-04). `outcome` is
    "opened", "unlocked", "image", "wrong_password" or "locked".
    """

    id = models.BigAutoField(primary_key=True)
    link = models.ForeignKey(ShareLink, on_delete=models.CASCADE, related_name="log")
    subject = models.ForeignKey(
        "datamap.Subject", on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    network = models.CharField(max_length=48)
    outcome = models.CharField(max_length=20)

    class PersonalData:
        subject = "subject"
        fields = {
            "id": None,
            "link": None,
            "subject": None,
            # The recipient's personal datum is the truncated address; the time
            # and outcome describe the link's use, and SO Captures declares no
            # behaviour category they could fall under.
            "at": None,
            "network": "user.device.ip_address",
            "outcome": None,
        }

    class Retention:
        triggers = {"collected": "at"}
        delete_row_for = {"user.device.ip_address"}

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"Share link access {self.id}"
