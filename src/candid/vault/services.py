"""Writes to the key store: create a subject's data key, destroy it, rotate master keys.

Every service manages its own key-store transaction; callers should not wrap them
in `transaction.atomic(using="keystore")`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from django.db import transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from candid.vault import conf
from candid.vault.cache import DESTROYED, data_keys
from candid.vault.crypto import DataKey, new_key_material, wrap
from candid.vault.exceptions import SubjectErased
from candid.vault.keyring import MasterKeyring, master_keyring
from candid.vault.models import SubjectKey
from candid.vault.selectors import cache_row, master_key_usage, unwrap_row

logger = logging.getLogger(__name__)


@sensitive_variables("key")
def subject_key_create(*, subject_id: UUID, now: datetime | None = None) -> DataKey:
    """Return the subject's data key, creating it (wrapped by the primary master key).

    Idempotent and safe under concurrent callers: the unique subject id makes every
    caller use the one stored key. Raise SubjectErased once the key was destroyed, so
    nothing new is ever sealed for an erased subject (SEC-04).
    """
    cached = data_keys.get(subject_id)
    if isinstance(cached, DataKey):
        return cached
    master = master_keyring().primary
    key = DataKey.from_material(
        subject_id=subject_id, version=1, material=new_key_material()
    )
    row, _ = SubjectKey.objects.get_or_create(
        subject_id=subject_id,
        defaults={
            "version": key.version,
            "master_key_id": master.id,
            "wrapped_key": wrap(master, key),
            "created_at": now or timezone.now(),
        },
    )
    entry = cache_row(row)
    if entry is DESTROYED:
        raise SubjectErased(f"The data key of subject {subject_id} was destroyed.")
    return entry


def subject_key_destroy(*, subject_id: UUID, now: datetime | None = None) -> datetime:
    """Destroy the subject's data key (crypto-shredding) and return when it was destroyed.

    Every value and file sealed under the key becomes unreadable for good, in the
    live database and in every backup of it (RET-05, DSR-10). The row stays as the
    record of the destruction, holding no key material; a subject without a key gets
    such a row too, so no key can be created for them later. Idempotent: a second
    call changes nothing and returns the first destruction's time.

    This process forgets the key at once. Other processes keep it in their cache at
    most CANDID_VAULT_KEY_CACHE_SECONDS (30 s), then read the destruction from the
    key store. On PostgreSQL the old row version keeps the wrapped key until VACUUM,
    and an SQLite key store overwrites it (secure_delete); either way the leftover is
    useless once the master key that wrapped it is rotated out.
    """
    now = now or timezone.now()
    with transaction.atomic(using=conf.KEYSTORE_ALIAS):
        row, _ = SubjectKey.objects.select_for_update().get_or_create(
            subject_id=subject_id,
            defaults={"destroyed_at": now, "wrapped_key": None, "master_key_id": ""},
        )
        if row.destroyed_at is None:
            row.wrapped_key = None
            row.master_key_id = ""
            row.destroyed_at = now
            row.save(update_fields=["wrapped_key", "master_key_id", "destroyed_at"])
        data_keys.discard(subject_id)
        cache_row(row)
    return row.destroyed_at


@dataclass(frozen=True)
class RotationProgress:
    """How far a master key rotation got: keys re-wrapped now, keys still to do."""

    master_key_id: str
    rewrapped: int
    remaining: int

    @property
    def done(self) -> bool:
        return self.remaining == 0


def master_key_rotate(
    *, batch_size: int = 500, max_batches: int | None = None
) -> RotationProgress:
    """Re-wrap every live data key under the primary master key, in bounded batches.

    Only the 60-byte wrapped keys change, never the data, and old master keys keep
    unwrapping until their last key is re-wrapped, so the studio keeps running.
    Each batch is its own transaction: stop at any point (or `max_batches`) and run
    again to resume. Concurrent runs on PostgreSQL skip each other's locked rows.
    Raise ValueError for a bad batch size and ImproperlyConfigured, changing nothing,
    when a key in use is wrapped by a master key that is not configured.
    """
    if batch_size < 1 or (max_batches is not None and max_batches < 1):
        raise ValueError("batch_size and max_batches must be at least 1.")
    keyring = master_keyring()
    for key_id in master_key_usage():
        keyring.get(key_id)
    old_ids = [key_id for key_id in keyring.by_id if key_id != keyring.primary.id]
    rewrapped = batches = 0
    while max_batches is None or batches < max_batches:
        count = _rewrap_batch(keyring, old_ids, batch_size)
        if not count:
            break
        rewrapped, batches = rewrapped + count, batches + 1
    remaining = SubjectKey.objects.filter(master_key_id__in=old_ids).count()
    logger.info(
        "vault: re-wrapped %d data keys under master key %s; %d remain",
        rewrapped,
        keyring.primary.id,
        remaining,
    )
    return RotationProgress(keyring.primary.id, rewrapped, remaining)


def _rewrap_batch(keyring: MasterKeyring, old_ids: list[str], batch_size: int) -> int:
    with transaction.atomic(using=conf.KEYSTORE_ALIAS):
        rows = list(
            SubjectKey.objects.select_for_update(skip_locked=True)
            .filter(master_key_id__in=old_ids, destroyed_at__isnull=True)
            .order_by("pk")[:batch_size]
        )
        for row in rows:
            row.wrapped_key = wrap(keyring.primary, unwrap_row(row))
            row.master_key_id = keyring.primary.id
        SubjectKey.objects.bulk_update(rows, ["wrapped_key", "master_key_id"])
    return len(rows)
