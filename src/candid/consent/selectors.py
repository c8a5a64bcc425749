"""Reads of the consent ledger, objections and restrictions."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from candid.consent.basis import SubjectFacts
from candid.consent.models import Action, ConsentEvent, Objection, Restriction
from candid.datamap.models import Subject
from candid.notices.selectors import declaration_active


@dataclass(frozen=True)
class ConsentState:
    """A person's standing choice for one consent purpose, derived from the ledger."""

    purpose: str
    granted: bool
    decided_at: dt.datetime | None = None
    surface: str | None = None
    gpc: bool = False


def _holder(subject_id: uuid.UUID | None, visitor_id: str | None) -> Q:
    if (subject_id is None) == (not visitor_id):
        raise ValueError("Give exactly one of subject_id and visitor_id.")
    if subject_id is not None:
        return Q(subject_id=subject_id)
    return Q(visitor_id=visitor_id)


def _latest_events(holder: Q) -> dict[str, ConsentEvent]:
    """Return the latest event per purpose: by time, then by order of recording."""
    latest: dict[str, ConsentEvent] = {}
    for event in ConsentEvent.objects.filter(holder).order_by("created_at", "id"):
        latest[event.purpose] = event
    return latest


def _state(purpose: str, event: ConsentEvent | None) -> ConsentState:
    if event is None:
        return ConsentState(purpose=purpose, granted=False)
    return ConsentState(
        purpose=purpose,
        granted=event.action == Action.GRANTED,
        decided_at=event.created_at,
        surface=event.surface,
        gpc=event.gpc,
    )


def consent_state(
    subject_id: uuid.UUID | None = None,
    *,
    purpose: str,
    visitor_id: str | None = None,
) -> ConsentState:
    """Return whether a subject or visitor consents to a purpose now (LAW-03).

    The latest ledger event wins; with no event the answer is "not granted": silence
    is never consent.
    """
    holder = _holder(subject_id, visitor_id)
    return _state(purpose, _latest_events(holder & Q(purpose=purpose)).get(purpose))


def consent_current_for(
    subject_id: uuid.UUID | None = None, *, visitor_id: str | None = None
) -> dict[str, ConsentState]:
    """Return the standing choice for every consent purpose of the policy in force.

    Purposes nobody asked about yet are listed as not granted, so a privacy centre
    can show every choice with its control (LAW-04).
    """
    latest = _latest_events(_holder(subject_id, visitor_id))
    return {
        purpose.key: _state(purpose.key, latest.get(purpose.key))
        for purpose in declaration_active().purposes
        if purpose.needs_consent
    }


def objections_upheld_for(subject_id: uuid.UUID) -> list[Objection]:
    """Return the subject's objections that stand, oldest first."""
    return list(
        Objection.objects.filter(
            subject_id=subject_id, overridden_at__isnull=True
        ).order_by("created_at", "id")
    )


def restrictions_for(subject_id: uuid.UUID) -> list[Restriction]:
    """Return every restriction of the subject, past, present or planned, oldest first."""
    return list(
        Restriction.objects.filter(subject_id=subject_id).order_by("active_from", "id")
    )


@dataclass(frozen=True)
class LoadedFacts:
    """A subject's facts, and when they next change by the clock alone (or None)."""

    facts: SubjectFacts
    changes_at: dt.datetime | None


def subject_facts(
    subject_id: uuid.UUID, *, now: dt.datetime | None = None
) -> LoadedFacts | None:
    """Return what the purpose gate needs to know about a subject, or None if unknown."""
    now = now or timezone.now()
    found = list(Subject.objects.filter(id=subject_id).values_list("erased_at"))
    if not found:
        return None
    [(erased_at,)] = found
    latest = _latest_events(Q(subject_id=subject_id))
    active, changes_at = _restrictions_at(restrictions_for(subject_id), now)
    facts = SubjectFacts(
        erased=erased_at is not None,
        consents={purpose: event.action for purpose, event in latest.items()},
        consent_versions={
            purpose: event.policy_version for purpose, event in latest.items()
        },
        objections=frozenset(o.purpose for o in objections_upheld_for(subject_id)),
        restricted_all=any(r.all_categories for r in active),
        restricted_categories=frozenset(c for r in active for c in r.categories),
    )
    return LoadedFacts(facts=facts, changes_at=changes_at)


def _restrictions_at(
    restrictions: list[Restriction], now: dt.datetime
) -> tuple[list[Restriction], dt.datetime | None]:
    """Return the restrictions active at `now`, and the next start or end after it."""
    active = [
        r
        for r in restrictions
        if r.active_from <= now and (r.active_to is None or now < r.active_to)
    ]
    boundaries = [
        moment
        for r in restrictions
        for moment in (r.active_from, r.active_to)
        if moment is not None and moment > now
    ]
    return active, min(boundaries, default=None)
