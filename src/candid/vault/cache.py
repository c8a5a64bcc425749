"""A per-process cache of unwrapped data keys, so a field read costs no database trip.

Entries expire after CANDID_VAULT_KEY_CACHE_SECONDS (30 s by default). Destroying a
key removes it from the cache of the process that destroyed it at once; every other
process learns of the destruction when its entry expires and it reads the key store
again, so a shredded key stays usable elsewhere for at most that long. A destroyed
key never comes back, so "destroyed" is remembered until evicted.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Final
from uuid import UUID

from candid.vault.crypto import DataKey


class Destroyed:
    """The marker a cache holds for a subject whose key was destroyed."""

    def __repr__(self) -> str:
        return "DESTROYED"


DESTROYED: Final = Destroyed()
CacheEntry = DataKey | Destroyed


class DataKeyCache:
    """Unwrapped data keys by subject id, each valid until its expiry (monotonic)."""

    def __init__(self, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        # Keyed by the id's integer: hashing a UUID runs Python code, an int does not.
        self._entries: dict[int, tuple[CacheEntry, float]] = {}
        self._writing = threading.Lock()

    def get(self, subject_id: UUID) -> CacheEntry | None:
        """Return the cached key or DESTROYED, or None if absent or expired."""
        found = self._entries.get(subject_id.int)
        if found is None:
            return None
        if found[1] < self._clock():
            self._entries.pop(subject_id.int, None)
            return None
        return found[0]

    def put(
        self, subject_id: UUID, entry: CacheEntry, *, seconds: float, size: int
    ) -> None:
        """Keep `entry` for `seconds` (DESTROYED: forever), evicting the oldest if full."""
        if seconds <= 0 or size <= 0:
            return
        expires = float("inf") if entry is DESTROYED else self._clock() + seconds
        with self._writing:
            self._entries.pop(subject_id.int, None)
            while len(self._entries) >= size:
                # Dicts keep insertion order: the first entry is the oldest.
                self._entries.pop(next(iter(self._entries)), None)
            self._entries[subject_id.int] = (entry, expires)

    def discard(self, subject_id: UUID) -> None:
        """Forget one subject's entry."""
        self._entries.pop(subject_id.int, None)

    def clear(self) -> None:
        """Forget every entry (tests, and after a settings change)."""
        self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


data_keys = DataKeyCache()
