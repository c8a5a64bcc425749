"""Counters shared by every process on one host, so a write in one is seen by all.

The file holds 64-bit counters, mapped into each process with `mmap` (MAP_SHARED): a
write by one process is in every other process's memory at once, and reading a
counter is one memory load, with no system call. Slot 0 counts changes of the policy
in force; slot 1 + (subject id modulo BUCKETS) counts writes about any subject of
that bucket. A writer bumps a counter under an exclusive `flock`; readers never lock.

Pure Python, no Django: a test's subprocess can bump a counter with nothing else set up.
"""

from __future__ import annotations

import fcntl
import mmap
import os
import uuid
from pathlib import Path

BUCKETS = 8192  # a power of two, so a bucket is `id.int & (BUCKETS - 1)`
SLOTS = 1 + BUCKETS
SLOT_SIZE = 8
POLICY_SLOT = 0
_WRAP = (1 << 64) - 1


def subject_slot(subject_key: int) -> int:
    """Return the counter slot of a subject, given the integer value of its UUID."""
    return 1 + (subject_key & (BUCKETS - 1))


class Generations:
    """The shared counter file, mapped into this process."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if os.fstat(descriptor).st_size < SLOTS * SLOT_SIZE:
                # Extending to the same size twice is harmless: no counter is lost.
                os.ftruncate(descriptor, SLOTS * SLOT_SIZE)
            self._map = mmap.mmap(descriptor, SLOTS * SLOT_SIZE)
        finally:
            os.close(descriptor)
        self.slots = memoryview(self._map).cast("Q")
        self._lock_pid = 0
        self._lock_descriptor = -1

    def bump(self, slot: int) -> int:
        """Advance one counter and return its new value."""
        descriptor = self._lock_file()
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        try:
            value = (self.slots[slot] + 1) & _WRAP
            self.slots[slot] = value
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
        return value

    def bump_subject(self, subject_id: uuid.UUID) -> int:
        """Advance the counter of the subject's bucket."""
        return self.bump(subject_slot(subject_id.int))

    def _lock_file(self) -> int:
        # A forked child shares its parent's open file, and flock does not exclude
        # holders of one open file from each other: each process opens its own.
        if self._lock_pid != os.getpid():
            self._lock_descriptor = os.open(self.path, os.O_RDWR)
            self._lock_pid = os.getpid()
        return self._lock_descriptor

    def close(self) -> None:
        """Unmap the file and close the lock descriptor of this process."""
        self.slots.release()
        self._map.close()
        if self._lock_pid == os.getpid():
            os.close(self._lock_descriptor)
        self._lock_pid, self._lock_descriptor = 0, -1
