from django.db import models
from django.utils import timezone


class Suppression(models.Model):
    """An address that must never again receive one list's marketing mail (MKT-08).

    `address_hash` is the keyed HMAC-SHA256 (hex) of the normalised address, e.g.
    "3f1c...9a" for " Ana@Example.com " and "ana@example.com" alike; the plain address is
    never stored. `list_key` is the marketing purpose the address left, e.g.
    "marketing_email". `created_at` is when it left, e.g. 2026-11-03 08:15 UTC.

    The row has no subject: it outlives the erasure of the person who unsubscribed, so
    an old import or a new sign-up with the same address is still not mailed.
    """

    address_hash = models.CharField(max_length=64)
    list_key = models.CharField(max_length=100)
    created_at = models.DateTimeField(default=timezone.now)

    class PersonalData:
        # No subject path by design (MKT-08: it must survive erasure). The hash is
        # keyed with CANDID_MAIL_KEY, which is not in the database, so a row alone
        # identifies no one and cannot be found from a subject id; it only answers
        # "has this address left this list?" for an address already in hand.
        subject = None
        fields = {"address_hash": None, "list_key": None, "created_at": None}

    class Retention:
        record = "marketing_suppression"
        triggers = {"unsubscribed": "created_at"}

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["address_hash", "list_key"], name="mail_suppression_unique"
            )
        ]

    def __str__(self) -> str:
        return f"Suppression of {self.address_hash[:12]}... from {self.list_key}"
