"""The registry's records: each step on a breach, in the audit log and its timeline.

Details hold ids, keys, counts and booleans only, never a value about a person.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from candid.audit import events as types
from candid.audit.entries import Actor, ObjectReference
from candid.audit.services import audit_record
from candid.registry.models import Breach, BreachStep

logger = logging.getLogger("candid.registry")

_TYPES = {
    "recorded": types.REGISTRY_BREACH_RECORDED,
    "updated": types.REGISTRY_BREACH_UPDATED,
    "subjects_counted": types.REGISTRY_BREACH_SUBJECTS_COUNTED,
    "assessed": types.REGISTRY_BREACH_UPDATED,
    "notice_drafted": types.REGISTRY_BREACH_NOTICE_DRAFTED,
    "notice_revised": types.REGISTRY_BREACH_NOTICE_DRAFTED,
    "notice_approved": types.REGISTRY_BREACH_NOTICE_APPROVED,
    "authority_notified": types.REGISTRY_BREACH_NOTIFIED,
    "subjects_notified": types.REGISTRY_BREACH_NOTIFIED,
    "reminder_sent": types.REGISTRY_BREACH_REMINDER_SENT,
    "closed": types.REGISTRY_BREACH_CLOSED,
}


def breach_step(
    *,
    breach: Breach,
    action: str,
    actor: Actor,
    now: dt.datetime,
    **details: Any,
) -> BreachStep:
    """Record one step on a breach in its timeline and in the audit log."""
    step = BreachStep.objects.create(
        breach=breach,
        occurred_at=now,
        action=action,
        actor=f"{actor.kind}:{actor.id}",
        details=details,
    )
    audit_record(
        action=_TYPES[action],
        actor=actor,
        objects=[ObjectReference("registry.Breach", str(breach.pk))],
        details={"step": action, **details},
        now=now,
    )
    logger.info("registry.breach_%s breach=%s", action, breach.pk)
    return step


def processor_terms_recorded(*, recipient_key: str, actor: Actor, missing: int) -> None:
    """Record that staff recorded a processor's Art. 28(3) terms."""
    audit_record(
        action=types.REGISTRY_PROCESSOR_TERMS_RECORDED,
        actor=actor,
        details={"recipient": recipient_key, "terms_missing": missing},
    )
