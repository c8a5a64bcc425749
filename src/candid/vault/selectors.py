"""Reads of the key store: a subject's data key, and which master keys are in use."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from django.db import transaction
from django.db.models import Count

from candid.vault import conf
from candid.vault.cache import DESTROYED, CacheEntry, data_keys
from candid.vault.crypto import DataKey, unwrap
from candid.vault.exceptions import DecryptionFailed
from candid.vault.keyring import master_keyring
from candid.vault.models import SubjectKey


def subject_key_for_reading(*, subject_id: UUID) -> DataKey | None:
    """Return the subject's data key, None once destroyed (their data is erased).

    Raise DecryptionFailed when the key store has no row for the subject: nothing
    sealed under a key of this store can belong to them.
    """
    entry = data_keys.get(subject_id)
    if entry is None:
        row = SubjectKey.objects.filter(subject_id=subject_id).first()
        if row is None:
            raise DecryptionFailed
        entry = cache_row(row)
    return None if entry is DESTROYED else entry


def cache_row(row: SubjectKey) -> CacheEntry:
    """Return the row's unwrapped key (or DESTROYED), cached once the row is committed.

    Caching waits for the key store's commit, so a key created in a transaction that
    rolls back is never used from the cache.
    """
    entry = DESTROYED if row.is_destroyed else unwrap_row(row)
    subject_id = row.subject_id
    transaction.on_commit(
        lambda: data_keys.put(
            subject_id,
            entry,
            seconds=conf.key_cache_seconds(),
            size=conf.key_cache_size(),
        ),
        using=conf.KEYSTORE_ALIAS,
    )
    return entry


def unwrap_row(row: SubjectKey) -> DataKey:
    """Return the data key of a live key-store row, unwrapped by its master key."""
    master = master_keyring().get(row.master_key_id)
    return unwrap(
        master,
        wrapped=bytes(row.wrapped_key or b""),
        subject_id=row.subject_id,
        version=row.version,
    )


def subject_key_destroyed_at(*, subject_id: UUID) -> datetime | None:
    """Return when the subject's key was destroyed, None if it was not (or never existed)."""
    return (
        SubjectKey.objects.filter(subject_id=subject_id)
        .values_list("destroyed_at", flat=True)
        .first()
    )


def master_key_usage() -> dict[str, int]:
    """Return how many live data keys each master key id wraps.

    An old master key may be removed from the configuration once it wraps none.
    """
    rows = (
        SubjectKey.objects.filter(destroyed_at__isnull=True)
        .values_list("master_key_id")
        .annotate(keys=Count("id"))
        .order_by("master_key_id")
    )
    return dict(rows)
