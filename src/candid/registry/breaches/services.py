"""Writes of the breach register: record, count, assess, notify, close (BR-01..04).

Every step is validated first and changes nothing when refused (BreachInvalid), is
written in one transaction, and leaves a step in the breach's timeline and the
audit log (ids and counts only).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from candid.audit.entries import Actor
from candid.datamap.registry import registry
from candid.notices.selectors import declaration_active
from candid.policy import Declaration
from candid.registry.breaches.selectors import affected_find, notified_late
from candid.registry.events import breach_step
from candid.registry.exceptions import BreachInvalid
from candid.registry.models import Breach, Exemption, RiskLevel

KINDS = ("confidentiality", "integrity", "availability")
FACTS = (
    "nature",
    "kinds",
    "data_categories",
    "record_types",
    "window_start",
    "window_end",
    "likely_consequences",
    "measures_taken",
    "measures_proposed",
    "processor_key",
    "processor_aware_at",
)


def _staff(user) -> Actor:
    return Actor.staff(user.pk)


def breach_record(
    *,
    user,
    discovered_at: dt.datetime,
    aware_at: dt.datetime,
    nature: str,
    kinds: Iterable[str],
    data_categories: Iterable[str] = (),
    record_types: Iterable[str] = (),
    window_start: dt.datetime | None = None,
    window_end: dt.datetime | None = None,
    likely_consequences: str = "",
    measures_taken: str = "",
    measures_proposed: str = "",
    processor_key: str = "",
    processor_aware_at: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> Breach:
    """Record a breach, start its 72-hour clock and count the people it affects.

    The clock runs from `aware_at`, when the studio became aware (Art. 33(1)); the
    people and records affected are counted from the data map (BR-01). Every breach
    is kept, whether it is notified or not (Art. 33(5)).
    """
    now = now or timezone.now()
    breach = Breach(recorded_at=now, recorded_by=user, discovered_at=discovered_at)
    breach.aware_at = aware_at
    _apply(
        breach,
        declaration_active(),
        now,
        nature=nature,
        kinds=list(kinds),
        data_categories=list(data_categories),
        record_types=list(record_types),
        window_start=window_start,
        window_end=window_end,
        likely_consequences=likely_consequences,
        measures_taken=measures_taken,
        measures_proposed=measures_proposed,
        processor_key=processor_key,
        processor_aware_at=processor_aware_at,
    )
    with transaction.atomic():
        breach.save()
        breach_step(breach=breach, action="recorded", actor=_staff(user), now=now)
        _count(breach, actor=_staff(user), now=now)
    return breach


def breach_update(
    *, breach: Breach, user, now: dt.datetime | None = None, **facts: object
) -> Breach:
    """Update what is known of a breach; information may come in phases (Art. 33(4)).

    The people affected are counted again from the data map. `aware_at` and
    `discovered_at` never change: the clock keeps running from the first awareness.
    """
    unknown = set(facts) - set(FACTS)
    if unknown:
        raise BreachInvalid(f"These facts cannot be changed: {', '.join(unknown)}.")
    _open(breach)
    now = now or timezone.now()
    _apply(breach, declaration_active(), now, **facts)
    with transaction.atomic():
        breach.save(update_fields=list(facts))
        breach_step(
            breach=breach,
            action="updated",
            actor=_staff(user),
            now=now,
            fields=sorted(facts),
        )
        _count(breach, actor=_staff(user), now=now)
    return breach


def _apply(
    breach: Breach, declaration: Declaration, now: dt.datetime, **facts: object
) -> None:
    """Set `facts` on the breach after checking them all; raise BreachInvalid if bad."""
    for name, value in facts.items():
        setattr(breach, name, value)
    problems = _problems(breach, declaration, now)
    if problems:
        raise BreachInvalid(" ".join(problems))


def _problems(breach: Breach, declaration: Declaration, now: dt.datetime) -> list:
    problems = []
    if not breach.nature.strip():
        problems.append("Describe the nature of the breach.")
    if not breach.kinds or not set(breach.kinds) <= set(KINDS):
        problems.append(f"Name what was breached: one or more of {', '.join(KINDS)}.")
    if timezone.is_naive(breach.aware_at) or timezone.is_naive(breach.discovered_at):
        problems.append("Times must carry a time zone.")
        return problems
    if breach.aware_at > now:
        problems.append("The studio cannot become aware of a breach in the future.")
    if breach.aware_at < breach.discovered_at:
        problems.append("Awareness cannot come before the breach was discovered.")
    declared = {c.key for c in declaration.data_categories}
    undeclared = sorted(set(breach.data_categories) - declared)
    if undeclared:
        problems.append(f"Undeclared data categories: {', '.join(undeclared)}.")
    if not breach.data_categories and not breach.record_types:
        problems.append("Pick the data categories or record types affected.")
    problems.extend(_processor_problems(breach, declaration))
    problems.extend(_record_type_problems(breach))
    return problems


def _record_type_problems(breach: Breach) -> list[str]:
    labels = {entry.model._meta.label.lower() for entry in registry().entries}
    unknown = [t for t in breach.record_types if t.lower() not in labels]
    if unknown:
        return [f"Unknown record types: {', '.join(unknown)}."]
    return []


def _processor_problems(breach: Breach, declaration: Declaration) -> list[str]:
    if not breach.processor_key:
        return []
    keys = {r.key for r in declaration.recipients}
    if breach.processor_key not in keys:
        return [f"'{breach.processor_key}' is not a declared recipient."]
    return []


def _count(breach: Breach, *, actor: Actor, now: dt.datetime) -> None:
    """Count the people and records affected, from the data map, and record the count."""
    affected = affected_find(
        categories=breach.data_categories,
        record_types=breach.record_types,
        window_start=breach.window_start,
        window_end=breach.window_end,
    )
    breach.subjects_count = affected.subjects
    breach.records_count = affected.records
    breach.counted_at = now
    breach.save(update_fields=["subjects_count", "records_count", "counted_at"])
    breach_step(
        breach=breach,
        action="subjects_counted",
        actor=actor,
        now=now,
        subjects=affected.subjects,
        records=affected.records,
        models=[count.label.lower() for count in affected.models],
    )


def breach_assess(
    *,
    breach: Breach,
    user,
    risk: str,
    reason: str,
    exemption: str = "",
    now: dt.datetime | None = None,
) -> Breach:
    """Record the risk to people and so the decision to notify (Art. 33(1), 34(1)).

    No risk: the breach is kept in the register, unnotified, with the reason. A
    risk: the authority is notified. A high risk: the people affected too, unless
    an Art. 34(3) exemption is named (BR-03), which only a high risk can use.
    """
    if risk not in RiskLevel.values:
        raise BreachInvalid(f"Risk must be one of {', '.join(RiskLevel.values)}.")
    if not reason.strip():
        raise BreachInvalid("Give the reason for the risk assessment.")
    if exemption and exemption not in Exemption.values:
        raise BreachInvalid(f"Exemption must be one of {', '.join(Exemption.values)}.")
    if exemption and risk != RiskLevel.HIGH:
        raise BreachInvalid("An Art. 34(3) exemption only applies to a high risk.")
    _open(breach)
    now = now or timezone.now()
    breach.risk, breach.risk_reason, breach.exemption = risk, reason, exemption
    with transaction.atomic():
        breach.save(update_fields=["risk", "risk_reason", "exemption"])
        breach_step(
            breach=breach,
            action="assessed",
            actor=_staff(user),
            now=now,
            risk=risk,
            exemption=exemption or None,
        )
    return breach


def breach_authority_notified(
    *,
    breach: Breach,
    user,
    notified_at: dt.datetime,
    reference: str = "",
    delay_reasons: str = "",
    now: dt.datetime | None = None,
) -> Breach:
    """Record that the authority was notified; after 72 hours only with reasons (BR-02).

    A later phase of the same notification keeps the first time and adds a step.
    """
    now = now or timezone.now()
    if timezone.is_naive(notified_at) or notified_at > now:
        raise BreachInvalid(
            "Give the time the notification was made, not a future one."
        )
    if notified_at < breach.aware_at:
        raise BreachInvalid("The authority cannot be notified before awareness.")
    late = notified_late(breach, notified_at)
    if late and not delay_reasons.strip():
        raise BreachInvalid(
            "This notification comes more than 72 hours after the studio became "
            "aware: give the reasons for the delay (Art. 33(1))."
        )
    first = breach.authority_notified_at is None
    with transaction.atomic():
        if first:
            breach.authority_notified_at = notified_at
        breach.authority_reference = reference or breach.authority_reference
        breach.delay_reasons = delay_reasons or breach.delay_reasons
        breach.save(
            update_fields=[
                "authority_notified_at",
                "authority_reference",
                "delay_reasons",
            ]
        )
        breach_step(
            breach=breach,
            action="authority_notified",
            actor=_staff(user),
            now=now,
            audience="authority",
            late=late,
            first=first,
        )
    return breach


def breach_close(*, breach: Breach, user, now: dt.datetime | None = None) -> Breach:
    """Close a breach once every notification its risk calls for was made."""
    _open(breach)
    if not breach.risk:
        raise BreachInvalid("Assess the risk before closing the breach.")
    if breach.risk != RiskLevel.NONE and breach.authority_notified_at is None:
        raise BreachInvalid("Notify the authority before closing the breach.")
    if (
        breach.risk == RiskLevel.HIGH
        and breach.exemption != Exemption.UNINTELLIGIBLE
        and breach.exemption != Exemption.LATER_MEASURES
        and breach.subjects_notified_at is None
    ):
        raise BreachInvalid("Tell the people affected before closing the breach.")
    now = now or timezone.now()
    breach.closed_at = now
    with transaction.atomic():
        breach.save(update_fields=["closed_at"])
        breach_step(breach=breach, action="closed", actor=_staff(user), now=now)
    return breach


def _open(breach: Breach) -> None:
    if breach.closed_at is not None:
        raise BreachInvalid(f"Breach {breach.pk} is closed; it can no longer change.")
