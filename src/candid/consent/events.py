"""The consent app's audit events: one recorder per event, ids and keys only.

Consent decisions use the `consent.*` types of `candid.audit.events`; the other
records (acknowledgements, objections, restrictions) use the shared `data.*` types,
with `details["event"]` naming which. Each event names the subject, the purpose and
the ledger row, never a value, so an erasure leaves the log whole (SEC-07). A
visitor's decision is recorded as an anonymous actor's: the visitor id stays in the
ledger row the event points at.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from candid.audit.entries import Actor, AuditEntry
from candid.audit.events import (
    CONSENT_GPC_HONOURED,
    CONSENT_GRANTED,
    CONSENT_WITHDRAWN,
    DATA_CHANGED,
    DATA_CREATED,
    EventType,
)
from candid.audit.services import audit_record, audit_record_many
from candid.consent.models import (
    PREFERENCES,
    Action,
    ConsentEvent,
    Mechanism,
    NoticeAcknowledgement,
    Objection,
    Restriction,
)

SYSTEM = Actor.system("consent")


def _record(
    action: EventType,
    row: Any,
    *,
    actor: Actor = SYSTEM,
    purpose: str = "",
    details: dict[str, Any],
) -> None:
    audit_record(
        action=action,
        actor=actor,
        subject_id=row.subject_id,
        purpose=purpose,
        categories=[PREFERENCES],
        objects=[row],
        details=details,
        now=getattr(row, "created_at", None),
    )


def consents_recorded(decisions: Iterable[ConsentEvent]) -> None:
    """Record that consent decisions entered the ledger (LAW-03), in one append."""
    audit_record_many(_consent_entry(event) for event in decisions)


def _consent_entry(event: ConsentEvent) -> AuditEntry:
    if event.action == Action.GRANTED:
        action = CONSENT_GRANTED
    elif event.mechanism == Mechanism.GPC:
        action = CONSENT_GPC_HONOURED
    else:
        action = CONSENT_WITHDRAWN
    return AuditEntry(
        action=action,
        actor=SYSTEM if event.subject_id else Actor.anonymous(),
        subject_id=event.subject_id,
        purpose=event.purpose,
        categories=[PREFERENCES],
        objects=[event],
        details={
            "surface": event.surface,
            "mechanism": event.mechanism,
            "gpc": event.gpc,
        },
        occurred_at=event.created_at,
    )


def notice_acknowledged(acknowledgement: NoticeAcknowledgement) -> None:
    """Record that a person acknowledged a policy version (never consent, LAW-06)."""
    _record(
        DATA_CREATED,
        acknowledgement,
        actor=SYSTEM if acknowledgement.subject_id else Actor.anonymous(),
        details={"event": "notice_acknowledged", "surface": acknowledgement.surface},
    )


def objection_recorded(objection: Objection) -> None:
    """Record that a subject objected to a purpose (Art. 21)."""
    _record(
        DATA_CREATED,
        objection,
        purpose=objection.purpose,
        details={"event": "objection_recorded"},
    )


def objection_overridden(objection: Objection) -> None:
    """Record which staff user overrode an objection; the grounds stay in the row."""
    _record(
        DATA_CHANGED,
        objection,
        actor=Actor.staff(objection.overridden_by_id),
        purpose=objection.purpose,
        details={
            "event": "objection_overridden",
            "fields": ["overridden_at", "overridden_by", "override_grounds"],
        },
    )


def restriction_started(restriction: Restriction) -> None:
    """Record that processing of a subject's data was restricted (Art. 18)."""
    _record(
        DATA_CREATED,
        restriction,
        details={
            "event": "restriction_started",
            "restricted": "all"
            if restriction.all_categories
            else restriction.categories,
        },
    )


def restriction_lifted(restriction: Restriction) -> None:
    """Record that a restriction ended."""
    _record(
        DATA_CHANGED,
        restriction,
        details={"event": "restriction_lifted", "fields": ["active_to"]},
    )
