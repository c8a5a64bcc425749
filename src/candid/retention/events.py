"""The audit events of retention: counts, rule keys and ids, never a value.

Each batch of a sweep and each finished sweep is a `retention.swept` event whose
details say which rule, which model, what was done and how many rows (RET-02);
placing and releasing a legal hold are events of their own (RET-03).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from candid.audit.entries import Actor
from candid.audit.events import (
    RETENTION_HOLD_PLACED,
    RETENTION_HOLD_RELEASED,
    RETENTION_SWEPT,
)
from candid.audit.services import audit_record

if TYPE_CHECKING:
    from candid.retention.models import LegalHold
    from candid.retention.schedule import Target
    from candid.retention.sweeps import SweepReport


def batch_swept(
    *, target: Target, rows: int, blocked: int, files: int, actor: Actor
) -> None:
    """Record one committed batch of a sweep: rule, model, action and counts."""
    audit_record(
        action=RETENTION_SWEPT,
        actor=actor,
        categories=list(target.categories),
        details={
            "event": "batch",
            "rule": target.rule_key,
            "model": target.model._meta.label_lower,
            "action": target.action,
            "rows": rows,
            "blocked": blocked,
            "files": files,
        },
    )


def sweep_finished(*, report: SweepReport, actor: Actor) -> None:
    """Record that a sweep ran to the end, with its totals (proof it runs daily)."""
    audit_record(
        action=RETENTION_SWEPT,
        actor=actor,
        details={
            "event": "sweep",
            "targets": len(report.outcomes),
            "deleted": report.total("delete"),
            "anonymised": report.total("anonymise"),
            "blocked": report.blocked,
            "held": report.held,
        },
    )


def _objects(hold: LegalHold) -> list:
    objects: list = [hold]
    if hold.record_model:
        objects.append((hold.record_model, hold.record_pk))
    return objects


def hold_placed(*, hold: LegalHold, staff_id: object) -> None:
    """Record that staff placed a legal hold, on which records, of which kind."""
    audit_record(
        action=RETENTION_HOLD_PLACED,
        actor=Actor.staff(staff_id),
        subject_id=hold.subject_id,
        objects=_objects(hold),
        details={"kind": hold.kind},
    )


def hold_released(*, hold: LegalHold, staff_id: object) -> None:
    """Record that staff released a legal hold."""
    audit_record(
        action=RETENTION_HOLD_RELEASED,
        actor=Actor.staff(staff_id),
        subject_id=hold.subject_id,
        objects=_objects(hold),
        details={"kind": hold.kind},
    )
