"""Key store services: create, destroy (crypto-shredding, RET-05) and rotate keys."""

import datetime as dt
import uuid
from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, connections, transaction
from django.test import override_settings

import pytest

from candid.vault.cache import DESTROYED, data_keys
from candid.vault.envelope import decrypt_for_subject, encrypt_for_subject
from candid.vault.exceptions import SubjectErased
from candid.vault.models import SubjectKey
from candid.vault.selectors import master_key_usage, subject_key_destroyed_at
from candid.vault.services import (
    RotationProgress,
    master_key_rotate,
    subject_key_create,
    subject_key_destroy,
)
from tests.vault.conftest import NEW_MASTER, OLD_MASTER, master_keys

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 1, 10, 0, tzinfo=dt.UTC)
BOTH_MASTERS = master_keys(NEW_MASTER, OLD_MASTER)
NEW_ONLY = master_keys(NEW_MASTER)


def test_a_subjects_key_is_created_once_and_then_reused() -> None:
    # given
    subject_id = uuid.uuid4()
    # when
    first = subject_key_create(subject_id=subject_id, now=NOW)
    second = subject_key_create(subject_id=subject_id)
    # then
    assert first.material == second.material
    row = SubjectKey.objects.get(subject_id=subject_id)
    assert (row.master_key_id, row.version, row.created_at) == ("test", 1, NOW)


def test_a_new_key_is_wrapped_by_the_first_master_key() -> None:
    # given
    with override_settings(CANDID_MASTER_KEYS=BOTH_MASTERS):
        # when
        subject_key_create(subject_id=uuid.uuid4())
    # then
    assert master_key_usage() == {"new": 1}


def test_destroying_a_key_records_when_and_returns_it() -> None:
    # given
    subject_id = uuid.uuid4()
    subject_key_create(subject_id=subject_id)
    # when
    destroyed_at = subject_key_destroy(subject_id=subject_id, now=NOW)
    # then
    assert destroyed_at == NOW
    assert subject_key_destroyed_at(subject_id=subject_id) == NOW


def test_destroying_a_key_twice_keeps_the_first_destruction() -> None:
    # given
    subject_id = uuid.uuid4()
    subject_key_create(subject_id=subject_id)
    subject_key_destroy(subject_id=subject_id, now=NOW)
    # when
    again = subject_key_destroy(subject_id=subject_id, now=NOW + dt.timedelta(days=1))
    # then
    assert again == NOW
    assert SubjectKey.objects.get(subject_id=subject_id).destroyed_at == NOW


def test_destroying_the_key_of_a_subject_without_one_is_recorded_too() -> None:
    # given
    subject_id = uuid.uuid4()
    # when
    subject_key_destroy(subject_id=subject_id, now=NOW)
    # then
    row = SubjectKey.objects.get(subject_id=subject_id)
    assert (row.destroyed_at, row.wrapped_key, row.master_key_id) == (NOW, None, "")


def test_no_key_is_ever_created_again_for_an_erased_subject() -> None:
    # given
    subject_id = uuid.uuid4()
    subject_key_destroy(subject_id=subject_id, now=NOW)
    # when / then
    with pytest.raises(SubjectErased) as refused:
        subject_key_create(subject_id=subject_id)
    assert str(refused.value) == f"The data key of subject {subject_id} was destroyed."
    assert SubjectKey.objects.filter(subject_id=subject_id).count() == 1


def test_a_subject_never_destroyed_has_no_destruction_time() -> None:
    # given
    subject_id = uuid.uuid4()
    subject_key_create(subject_id=subject_id)
    # when
    destroyed_at = subject_key_destroyed_at(subject_id=subject_id)
    # then
    assert destroyed_at is None


def test_the_key_store_refuses_a_destroyed_row_that_keeps_its_key() -> None:
    # given
    subject_id = uuid.uuid4()
    subject_key_create(subject_id=subject_id)
    # when / then
    with pytest.raises(IntegrityError, match="vault_key_material_xor_destroyed"):
        with transaction.atomic(using="keystore"):
            SubjectKey.objects.filter(subject_id=subject_id).update(destroyed_at=NOW)
    assert subject_key_destroyed_at(subject_id=subject_id) is None


def test_destroying_a_key_forgets_it_in_this_process_at_once(
    django_capture_on_commit_callbacks: Callable,
) -> None:
    # given: a key this process has cached after its commit
    subject_id = uuid.uuid4()
    with django_capture_on_commit_callbacks(using="keystore", execute=True):
        token = encrypt_for_subject(subject_id=subject_id, plaintext=b"x", context=b"")
    assert data_keys.get(subject_id) is not None
    # when
    with django_capture_on_commit_callbacks(using="keystore", execute=True):
        subject_key_destroy(subject_id=subject_id)
    # then
    assert data_keys.get(subject_id) is DESTROYED
    assert decrypt_for_subject(subject_id=subject_id, token=token, context=b"") is None


def test_a_cached_key_costs_no_key_store_query(
    django_capture_on_commit_callbacks: Callable,
    django_assert_num_queries: Callable,
) -> None:
    # given
    subject_id = uuid.uuid4()
    with django_capture_on_commit_callbacks(using="keystore", execute=True):
        first = subject_key_create(subject_id=subject_id)
    # when
    with django_assert_num_queries(0, connection=connections["keystore"]):
        second = subject_key_create(subject_id=subject_id)
    # then
    assert second is first


def test_a_key_describes_its_state_without_its_material() -> None:
    # given
    live, erased = uuid.uuid4(), uuid.uuid4()
    subject_key_create(subject_id=live)
    subject_key_destroy(subject_id=erased)
    # when
    described = [str(SubjectKey.objects.get(subject_id=s)) for s in (live, erased)]
    # then
    assert described == [
        f"Data key of subject {live} (wrapped by test)",
        f"Data key of subject {erased} (destroyed)",
    ]


def test_a_key_created_in_a_rolled_back_transaction_is_never_cached() -> None:
    # given
    subject_id = uuid.uuid4()
    # when
    with transaction.atomic(using="keystore"):
        subject_key_create(subject_id=subject_id)
        transaction.set_rollback(True, using="keystore")
    # then
    assert data_keys.get(subject_id) is None
    assert SubjectKey.objects.filter(subject_id=subject_id).count() == 0


@pytest.fixture
def keys_under_old_master(old_master_key: None) -> list[uuid.UUID]:
    subject_ids = [uuid.uuid4() for _ in range(3)]
    for subject_id in subject_ids:
        subject_key_create(subject_id=subject_id)
    return subject_ids


def test_rotation_rewraps_every_key_under_the_new_master_key(
    keys_under_old_master: list[uuid.UUID],
) -> None:
    # given
    with override_settings(CANDID_MASTER_KEYS=BOTH_MASTERS):
        # when
        progress = master_key_rotate(batch_size=2)
    # then
    assert progress == RotationProgress(master_key_id="new", rewrapped=3, remaining=0)
    assert progress.done
    assert master_key_usage() == {"new": 3}


def test_rotation_changes_no_data_key(keys_under_old_master: list[uuid.UUID]) -> None:
    # given
    before = [subject_key_create(subject_id=s).material for s in keys_under_old_master]
    with override_settings(CANDID_MASTER_KEYS=BOTH_MASTERS):
        master_key_rotate()
    # when: the old master key is gone
    with override_settings(CANDID_MASTER_KEYS=NEW_ONLY):
        after = [
            subject_key_create(subject_id=s).material for s in keys_under_old_master
        ]
    # then
    assert after == before


def test_during_rotation_both_master_keys_unwrap(
    keys_under_old_master: list[uuid.UUID],
) -> None:
    # given: a rotation stopped after one batch of one key
    token = encrypt_for_subject(
        subject_id=keys_under_old_master[2], plaintext=b"x", context=b""
    )
    with override_settings(CANDID_MASTER_KEYS=BOTH_MASTERS):
        progress = master_key_rotate(batch_size=1, max_batches=1)
        # when
        plaintext = decrypt_for_subject(
            subject_id=keys_under_old_master[2], token=token, context=b""
        )
    # then
    assert (progress.rewrapped, progress.remaining) == (1, 2)
    assert master_key_usage() == {"new": 1, "old": 2}
    assert plaintext == b"x"


def test_an_interrupted_rotation_resumes_where_it_stopped(
    keys_under_old_master: list[uuid.UUID],
) -> None:
    # given
    with override_settings(CANDID_MASTER_KEYS=BOTH_MASTERS):
        master_key_rotate(batch_size=2, max_batches=1)
        # when
        progress = master_key_rotate(batch_size=2)
    # then
    assert progress == RotationProgress(master_key_id="new", rewrapped=1, remaining=0)


def test_rotation_leaves_destroyed_keys_destroyed(
    keys_under_old_master: list[uuid.UUID],
) -> None:
    # given
    subject_key_destroy(subject_id=keys_under_old_master[0], now=NOW)
    with override_settings(CANDID_MASTER_KEYS=BOTH_MASTERS):
        # when
        progress = master_key_rotate()
    # then
    assert progress.rewrapped == 2
    row = SubjectKey.objects.get(subject_id=keys_under_old_master[0])
    assert (row.wrapped_key, row.master_key_id, row.destroyed_at) == (None, "", NOW)


def test_rotation_without_the_old_master_key_changes_nothing(
    keys_under_old_master: list[uuid.UUID],
) -> None:
    # given: the old key was removed before its keys were re-wrapped
    with override_settings(CANDID_MASTER_KEYS=NEW_ONLY):
        # when / then
        with pytest.raises(ImproperlyConfigured) as refused:
            master_key_rotate()
    assert str(refused.value) == (
        "Master key 'old' wrapped data keys but is not configured: keep it in "
        "CANDID_MASTER_KEYS until rotation has re-wrapped them."
    )
    assert master_key_usage() == {"old": 3}


@pytest.mark.parametrize(
    ("batch_size", "max_batches"), [(0, None), (-1, None), (10, 0)]
)
def test_rotation_refuses_a_batch_bound_below_one(
    batch_size: int, max_batches: int | None
) -> None:
    # when / then
    with pytest.raises(
        ValueError, match=r"^batch_size and max_batches must be at least 1\.$"
    ):
        master_key_rotate(batch_size=batch_size, max_batches=max_batches)


def test_rotation_with_nothing_to_rewrap_is_done_at_once() -> None:
    # given
    subject_key_create(subject_id=uuid.uuid4())
    # when
    progress = master_key_rotate()
    # then
    assert progress == RotationProgress(master_key_id="test", rewrapped=0, remaining=0)
