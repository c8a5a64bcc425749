"""A rule for `audit_event` drops a verified prefix of the log behind a checkpoint."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from candid.audit import events as audit_events
from candid.audit.entries import Actor
from candid.audit.models import AuditChainHead, AuditEvent
from candid.audit.services import audit_record
from candid.audit.verification import audit_verify
from candid.retention.services import legal_hold_place
from candid.retention.sweeps import retention_sweep
from tests.retention.conftest import NOW

AUDIT = "audit_event:collected"
RULE = (
    "{record: audit_event, period: 1 year, trigger: collected, action: delete, "
    "reason: Test rule.}"
)


def _event(age_days: int, subject_id: uuid.UUID | None = None) -> int:
    return audit_record(
        action=audit_events.DATA_READ,
        actor=Actor.staff(7),
        subject_id=subject_id or uuid.uuid4(),
        now=NOW - dt.timedelta(days=age_days),
    ).sequence


@pytest.fixture
def log(db, declare):
    declare(RULE)
    old = [_event(400) for _ in range(5)]
    recent = [_event(10) for _ in range(2)]
    return old, recent


def test_events_past_their_period_are_dropped_in_steps_and_the_chain_verifies(log):
    # given
    old, recent = log
    # when
    report = retention_sweep(now=NOW, rules=[AUDIT], batch_size=2)
    # then
    (outcome,) = report.outcomes
    assert (outcome.model, outcome.rows, outcome.batches) == ("audit.AuditEvent", 5, 3)
    assert AuditChainHead.objects.get().pruned_through == old[-1]
    assert not AuditEvent.objects.filter(sequence__in=old).exists()
    assert AuditEvent.objects.filter(sequence__in=recent).count() == 2
    assert audit_verify().intact


def test_a_second_sweep_drops_nothing_more(log):
    # given
    retention_sweep(now=NOW, rules=[AUDIT])
    # when
    report = retention_sweep(now=NOW, rules=[AUDIT])
    # then
    assert report.outcomes[0].rows == 0


def test_a_held_subjects_event_stops_the_prefix_before_it(db, declare, staff_factory):
    # given
    declare(RULE)
    subject = uuid.uuid4()
    first = _event(400)
    held = _event(400, subject)
    _event(400)
    # Events are written in time order: these come after the old ones.
    legal_hold_place(
        staff=staff_factory("add_legalhold"),
        kind="claim",
        reason="Claim",
        subject_id=subject,
        now=NOW - dt.timedelta(days=1),
    )
    # when
    report = retention_sweep(now=NOW, rules=[AUDIT])
    # then
    assert (report.outcomes[0].rows, report.outcomes[0].held) == (1, 1)
    assert AuditChainHead.objects.get().pruned_through == first
    assert AuditEvent.objects.filter(sequence=held).exists()
    assert audit_verify().intact
