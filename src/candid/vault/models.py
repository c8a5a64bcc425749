from django.db import models
from django.db.models import Q
from django.utils import timezone


class SubjectKey(models.Model):
    """One data subject's data key, wrapped by a master key; lives in the key store.

    The row is stored in the `keystore` database (KeystoreRouter), never next to the
    data it protects, so a backup of the main database holds ciphertexts without keys.
    `subject_id` is the Subject's UUID (no foreign key: another database).
    `version` is the data key's version, written into every value it seals (1).
    `master_key_id` names the master key that wrapped it (e.g. "2026-01"), and
    `wrapped_key` is `nonce | AES-GCM(data key)` (60 bytes). Crypto-shredding sets
    `destroyed_at` (e.g. 2026-03-01 10:00 UTC) and clears both: the row then records
    when the key was destroyed and holds no key material, which a constraint enforces.
    """

    subject_id = models.UUIDField(unique=True)
    version = models.PositiveIntegerField(default=1)
    master_key_id = models.CharField(max_length=64, blank=True)
    wrapped_key = models.BinaryField(null=True)
    created_at = models.DateTimeField(default=timezone.now)
    destroyed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["master_key_id"], name="vault_key_master_idx")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        destroyed_at__isnull=True,
                        wrapped_key__isnull=False,
                        master_key_id__gt="",
                    )
                    | Q(
                        destroyed_at__isnull=False,
                        wrapped_key__isnull=True,
                        master_key_id="",
                    )
                ),
                name="vault_key_material_xor_destroyed",
            )
        ]

    class PersonalData:
        subject = "subject_id"
        # Key material, not personal data: it protects the data and holds none itself.
        fields = {
            "subject_id": None,
            "version": None,
            "master_key_id": None,
            "wrapped_key": None,
            "created_at": None,
            "destroyed_at": None,
        }

    def __str__(self) -> str:
        state = "destroyed" if self.destroyed_at else f"wrapped by {self.master_key_id}"
        return f"Data key of subject {self.subject_id} ({state})"

    @property
    def is_destroyed(self) -> bool:
        return self.destroyed_at is not None
