"""The verifier finds the first broken link: any edited, deleted or forged event (SEC-07)."""

import datetime as dt
import uuid

import pytest

from candid.audit.models import AuditChainHead
from candid.audit.verification import BreakReason, VerificationResult, audit_verify
from tests.audit.conftest import (
    NOW,
    db_value,
    forged_row,
    insert_forged,
    tamper,
)

pytestmark = pytest.mark.django_db


def broken(result: VerificationResult) -> tuple:
    return (result.broken_at, result.reason)


def test_an_intact_chain_verifies(five_events):
    # when
    result = audit_verify()

    # then
    assert result == VerificationResult(
        events_checked=5, last_sequence=5, last_hash=five_events[-1].hash
    )
    assert result.intact is True
    assert result.message == "Audit chain intact: 5 events verified, up to #5."


def test_an_empty_log_verifies(db):
    # when
    result = audit_verify()

    # then
    assert (result.intact, result.events_checked) == (True, 0)
    assert result.message == "Audit chain intact: 0 events verified, up to #0."


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("occurred_at", NOW + dt.timedelta(days=1)),
        ("actor_kind", "client"),
        ("actor_id", "8"),
        ("subject_id", uuid.UUID(int=1)),
        ("subject_id", None),
        ("action", "data.deleted"),
        ("purpose", "marketing_email"),
        ("categories", ["user.name"]),
        ("object_references", []),
        ("details", {"fields": ["name"]}),
        ("previous_hash", "f" * 64),
        ("hash", "e" * 64),
    ],
)
def test_editing_any_column_of_an_event_is_found_at_that_event(
    five_events, column, value
):
    # given
    tamper(
        f"UPDATE {{table}} SET {column} = %s WHERE sequence = 3",  # noqa: S608
        [db_value(column, value)],
    )

    # when
    result = audit_verify()

    # then
    assert broken(result) == (3, BreakReason.EDITED)
    assert result.message == (
        "Audit chain broken at event #3 (edited): its contents do not match its "
        "hash: the event was edited. 2 events before it verified."
    )
    assert (result.last_sequence, result.last_hash) == (2, five_events[1].hash)


def test_renumbering_an_event_is_found_where_it_was(five_events):
    # given
    tamper("UPDATE {table} SET sequence = 30 WHERE sequence = 3")

    # when
    result = audit_verify()

    # then
    assert broken(result) == (3, BreakReason.MISSING)
    assert result.message == (
        "Audit chain broken at event #3 (missing): it is missing: the event was "
        "deleted. 2 events before it verified."
    )


def test_swapping_two_events_is_found_at_the_first_of_them(five_events):
    # given
    tamper("UPDATE {table} SET sequence = 0 - sequence WHERE sequence IN (2, 3)")
    tamper("UPDATE {table} SET sequence = 5 + sequence WHERE sequence IN (-2, -3)")

    # when
    result = audit_verify()

    # then
    assert broken(result) == (2, BreakReason.EDITED)


@pytest.mark.parametrize("sequence", [1, 3, 5])
def test_deleting_any_event_is_found_at_that_event(five_events, sequence):
    # given
    tamper("DELETE FROM {table} WHERE sequence = %s", [sequence])

    # when
    result = audit_verify()

    # then
    assert broken(result) == (sequence, BreakReason.MISSING)
    assert result.events_checked == sequence - 1


def test_deleting_the_newest_events_is_found_against_the_chain_head(five_events):
    # given
    tamper("DELETE FROM {table} WHERE sequence >= 4")

    # when
    result = audit_verify()

    # then
    assert broken(result) == (4, BreakReason.MISSING)
    assert result.events_checked == 3


def test_an_event_forged_beyond_the_chain_head_is_found(five_events):
    # given
    insert_forged(forged_row(6, five_events[-1].hash))

    # when
    result = audit_verify()

    # then
    assert broken(result) == (6, BreakReason.FORGED)
    assert result.message == (
        "Audit chain broken at event #6 (forged): it lies beyond the chain head: the "
        "event was not appended by the recorder. 5 events before it verified."
    )


def test_an_event_forged_in_place_of_another_breaks_the_link_to_the_next(
    five_events,
):
    # given
    tamper("DELETE FROM {table} WHERE sequence = 3")
    insert_forged(forged_row(3, five_events[1].hash))

    # when
    result = audit_verify()

    # then
    assert broken(result) == (4, BreakReason.UNLINKED)
    assert result.message == (
        "Audit chain broken at event #4 (unlinked): it does not follow event #3: an "
        "event was replaced, reordered or forged. 3 events before it verified."
    )


def test_a_forged_event_that_follows_the_wrong_event_is_found_at_itself(
    five_events,
):
    # given
    tamper("DELETE FROM {table} WHERE sequence = 3")
    insert_forged(forged_row(3, five_events[0].hash))

    # when
    result = audit_verify()

    # then
    assert broken(result) == (3, BreakReason.UNLINKED)


def test_replacing_the_newest_event_is_found_against_the_chain_head(five_events):
    # given
    tamper("DELETE FROM {table} WHERE sequence = 5")
    insert_forged(forged_row(5, five_events[3].hash))

    # when
    result = audit_verify()

    # then
    assert broken(result) == (5, BreakReason.UNLINKED)
    assert result.explanation == (
        "it does not match the chain head: the event was replaced"
    )


def test_a_log_whose_chain_head_was_deleted_does_not_verify(five_events):
    # given
    AuditChainHead.objects.all().delete()

    # when
    result = audit_verify()

    # then
    assert broken(result) == (1, BreakReason.UNANCHORED)
    assert result.explanation == "the chain head is missing while events exist"


def test_a_head_that_claims_a_prune_no_checkpoint_records_does_not_verify(
    five_events,
):
    # given
    tamper("DELETE FROM {table} WHERE sequence <= 2")
    AuditChainHead.objects.update(
        pruned_through=2, pruned_hash=five_events[1].hash, checkpoint_sequence=5
    )

    # when
    result = audit_verify()

    # then
    assert broken(result) == (3, BreakReason.UNANCHORED)
    assert result.explanation == (
        "the events up to #2 were dropped without a matching audit.chain_pruned "
        "checkpoint"
    )


@pytest.mark.parametrize("batch_size", [1, 2, 3, 4, 10_000])
def test_the_batch_size_changes_nothing_but_the_number_of_queries(
    five_events, batch_size
):
    # given
    tamper("UPDATE {table} SET actor_id = '8' WHERE sequence = 4")

    # when
    result = audit_verify(batch_size=batch_size)

    # then
    assert broken(result) == (4, BreakReason.EDITED)
    assert result.events_checked == 3


@pytest.mark.parametrize("batch_size", [0, -1, 2.5, True])
def test_a_batch_size_that_is_not_a_positive_integer_is_refused(db, batch_size):
    # when
    with pytest.raises(ValueError, match=r"^batch_size must be a positive integer$"):
        audit_verify(batch_size=batch_size)
