"""Dropping old audit events leaves a checkpoint the chain verifies from (RET-02, SEC-07)."""

from django.forms.models import model_to_dict

import pytest

from candid.audit import events
from candid.audit.entries import Actor
from candid.audit.exceptions import AuditChainBroken, AuditEntryInvalid
from candid.audit.models import AuditChainHead, AuditEvent
from candid.audit.pruning import PruneResult, audit_prune
from candid.audit.verification import BreakReason, audit_verify
from tests.audit.conftest import NOW, head, tamper

pytestmark = pytest.mark.django_db

RETENTION = Actor.system("retention")


def snapshot() -> tuple[list[dict], dict]:
    return (
        [model_to_dict(event) for event in AuditEvent.objects.all()],
        model_to_dict(AuditChainHead.objects.get()),
    )


def test_pruning_drops_the_oldest_events_and_records_a_checkpoint(five_events):
    # when
    result = audit_prune(through_sequence=3, actor=RETENTION, now=NOW)

    # then
    assert result == PruneResult(dropped=3, checkpoint_sequence=6)
    assert list(AuditEvent.objects.values_list("sequence", flat=True)) == [4, 5, 6]
    checkpoint = AuditEvent.objects.get(sequence=6)
    assert (checkpoint.action, checkpoint.actor_id) == (
        events.AUDIT_CHAIN_PRUNED.code,
        "retention",
    )
    assert checkpoint.details == {
        "through_sequence": 3,
        "through_hash": five_events[2].hash,
        "events_dropped": 3,
    }
    assert (head().pruned_through, head().pruned_hash, head().checkpoint_sequence) == (
        3,
        five_events[2].hash,
        6,
    )


def test_the_chain_still_verifies_after_a_prune(five_events):
    # given
    audit_prune(through_sequence=3, actor=RETENTION)

    # when
    result = audit_verify(batch_size=2)

    # then
    assert (result.intact, result.events_checked, result.last_sequence) == (True, 3, 6)


def test_pruning_the_same_events_again_changes_nothing(five_events):
    # given
    audit_prune(through_sequence=3, actor=RETENTION)
    before = snapshot()

    # when
    result = audit_prune(through_sequence=2, actor=RETENTION)

    # then
    assert result == PruneResult(dropped=0, checkpoint_sequence=None)
    assert snapshot() == before


def test_a_second_prune_continues_from_the_first_checkpoint(five_events):
    # given
    audit_prune(through_sequence=2, actor=RETENTION)

    # when
    result = audit_prune(through_sequence=6, actor=RETENTION)

    # then
    assert result == PruneResult(dropped=4, checkpoint_sequence=7)
    assert AuditEvent.objects.get().details["events_dropped"] == 4
    assert audit_verify().intact is True


def test_events_not_yet_recorded_cannot_be_pruned(five_events):
    # given
    before = snapshot()

    # when
    with pytest.raises(AuditEntryInvalid) as refused:
        audit_prune(through_sequence=6, actor=RETENTION)

    # then
    assert str(refused.value) == ("cannot drop events up to #6: the chain ends at #5")
    assert snapshot() == before


@pytest.mark.parametrize("through", ["3", 3.0, True, None])
def test_a_prune_point_that_is_not_a_sequence_number_is_refused(five_events, through):
    # given
    before = snapshot()

    # when
    with pytest.raises(AuditEntryInvalid) as refused:
        audit_prune(through_sequence=through, actor=RETENTION)

    # then
    assert str(refused.value) == "through_sequence must be an event's sequence number"
    assert snapshot() == before


def test_a_stretch_that_does_not_verify_is_not_pruned_away(five_events):
    # given
    tamper("UPDATE {table} SET purpose = 'marketing_email' WHERE sequence = 2")
    before = snapshot()

    # when
    with pytest.raises(AuditChainBroken) as refused:
        audit_prune(through_sequence=3, actor=RETENTION)

    # then
    assert str(refused.value) == (
        "Nothing was dropped. Audit chain broken at event #2 (edited): its contents "
        "do not match its hash: the event was edited. 1 events before it verified."
    )
    assert snapshot() == before


def test_an_edited_checkpoint_unanchors_the_chain(five_events):
    # given
    audit_prune(through_sequence=3, actor=RETENTION)
    tamper("UPDATE {table} SET details = 'not json' WHERE sequence = 6")

    # when
    result = audit_verify()

    # then
    assert (result.broken_at, result.reason) == (4, BreakReason.UNANCHORED)


def test_a_prune_beyond_the_checkpoint_the_head_points_to_is_found(five_events):
    # given
    audit_prune(through_sequence=2, actor=RETENTION)
    tamper("DELETE FROM {table} WHERE sequence <= 4")
    AuditChainHead.objects.update(pruned_through=4, pruned_hash=five_events[3].hash)

    # when
    result = audit_verify()

    # then
    assert (result.broken_at, result.reason) == (5, BreakReason.UNANCHORED)
