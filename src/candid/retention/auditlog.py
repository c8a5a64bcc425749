"""Retention of the audit log itself: only a verified prefix, through its checkpoint.

Audit events are never deleted row by row (SEC-07). A rule naming the record type
`audit_event` drops the oldest events, in steps of at most `batch_size`, with
`candid.audit.pruning.audit_prune`, which verifies each stretch and leaves a
checkpoint the chain verifies from. Events are written in time order, so the
prefix ends before the first event still inside its period, and before the first
event a legal hold keeps: no hole is ever cut into the chain.
"""

from __future__ import annotations

import datetime as dt

from candid.audit.entries import Actor
from candid.audit.models import AuditChainHead, AuditEvent
from candid.audit.pruning import audit_prune
from candid.retention import events
from candid.retention.schedule import Target
from candid.retention.selectors import Holds

AUDIT_EVENT = "audit.AuditEvent"


def prune_point(target: Target, *, now: dt.datetime) -> tuple[int, int]:
    """Return the last sequence number the rule lets go, and how many events holds keep.

    The prefix stops before the first event inside its period and before the first
    held event; the count is of held events that are past their period.
    """
    head = AuditChainHead.objects.filter().first()
    if head is None:
        return 0, 0
    kept = (
        AuditEvent.objects.filter(occurred_at__gte=target.cutoff(now))
        .order_by("sequence")
        .values_list("sequence", flat=True)
        .first()
    )
    through = head.sequence if kept is None else kept - 1
    holds = Holds.at(now)
    if not holds.holds_any(AuditEvent, target.subject_path):
        return through, 0
    held = AuditEvent.objects.filter(sequence__lte=through).filter(
        holds.condition(AuditEvent, target.subject_path)
    )
    first_held = held.order_by("sequence").values_list("sequence", flat=True).first()
    if first_held is None:
        return through, 0
    return first_held - 1, held.count()


def audit_events_prune(
    target: Target, *, now: dt.datetime, batch_size: int, actor: Actor
) -> tuple[int, int, int]:
    """Drop the audit events past their period; return dropped, steps and held."""
    through, held = prune_point(target, now=now)
    dropped = steps = 0
    while True:
        head = AuditChainHead.objects.get()
        if head.pruned_through >= through:
            return dropped, steps, held
        step = min(through, head.pruned_through + batch_size)
        result = audit_prune(through_sequence=step, actor=actor, now=now)
        events.batch_swept(
            target=target, rows=result.dropped, blocked=0, files=0, actor=actor
        )
        dropped += result.dropped
        steps += 1
