import uuid

import pytest

from candid.vault.cache import DESTROYED, DataKeyCache
from candid.vault.crypto import DataKey

SUBJECT = uuid.UUID(int=1)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def cache(clock: Clock) -> DataKeyCache:
    return DataKeyCache(clock=clock)


def _key(subject_id: uuid.UUID = SUBJECT) -> DataKey:
    return DataKey.from_material(subject_id=subject_id, version=1, material=b"k" * 32)


def test_a_cached_key_is_served_until_it_expires(
    cache: DataKeyCache, clock: Clock
) -> None:
    # given
    key = _key()
    cache.put(SUBJECT, key, seconds=30, size=10)
    # when
    clock.now += 30
    # then
    assert cache.get(SUBJECT) is key


def test_other_processes_learn_of_a_destruction_when_their_entry_expires(
    cache: DataKeyCache, clock: Clock
) -> None:
    # given: another process destroyed the key; this one still holds it
    cache.put(SUBJECT, _key(), seconds=30, size=10)
    # when
    clock.now += 30.001
    # then: the next read goes back to the key store
    assert cache.get(SUBJECT) is None
    assert len(cache) == 0


def test_a_destroyed_key_is_remembered_without_expiry(
    cache: DataKeyCache, clock: Clock
) -> None:
    # given
    cache.put(SUBJECT, DESTROYED, seconds=30, size=10)
    # when
    clock.now += 10**9
    # then
    assert cache.get(SUBJECT) is DESTROYED


def test_a_full_cache_evicts_its_oldest_entry(cache: DataKeyCache) -> None:
    # given
    subjects = [uuid.UUID(int=n) for n in range(3)]
    for subject_id in subjects:
        cache.put(subject_id, _key(subject_id), seconds=30, size=3)
    # when
    cache.put(uuid.UUID(int=9), DESTROYED, seconds=30, size=3)
    # then
    assert [cache.get(s) is not None for s in subjects] == [False, True, True]
    assert len(cache) == 3


@pytest.mark.parametrize(("seconds", "size"), [(0, 10), (30, 0)])
def test_a_disabled_cache_keeps_nothing(
    cache: DataKeyCache, seconds: float, size: int
) -> None:
    # when
    cache.put(SUBJECT, _key(), seconds=seconds, size=size)
    # then
    assert cache.get(SUBJECT) is None


def test_a_discarded_entry_is_gone(cache: DataKeyCache) -> None:
    # given
    cache.put(SUBJECT, _key(), seconds=30, size=10)
    # when
    cache.discard(SUBJECT)
    # then
    assert cache.get(SUBJECT) is None


def test_the_destroyed_marker_names_itself() -> None:
    # when / then
    assert repr(DESTROYED) == "DESTROYED"
