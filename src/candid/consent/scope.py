"""Which grants still cover a consent purpose after a policy version widened it (NOT-03).

A significant change that widens a consent purpose (more data, more recipients,
another use) lists the purpose in its `purposes`. From the day that version comes
into force, a grant counts only if it was given under that version or a later one:
the person agreed to the old scope, not the new one (Art. 4(11), 7(1)). Grants
given during the advance notice, under the upcoming version, already count.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.utils import OperationalError, ProgrammingError
from django.utils import timezone

from candid.consent.models import Action, ConsentEvent
from candid.notices.models import PolicyVersion

Published = tuple[str, dt.date, list]


def widened_purposes(changes: Iterable[Mapping[str, Any]]) -> frozenset[str]:
    """Return the purposes whose scope a version's significant changes widen."""
    return frozenset(
        key
        for change in changes
        if change.get("significant")
        for key in change.get("purposes", ())
    )


def _published() -> list[Published]:
    try:
        return list(
            PolicyVersion.objects.order_by(
                "effective_date", "published_at"
            ).values_list("version", "effective_date", "changes")
        )
    except (OperationalError, ProgrammingError):
        # Start-up checks run before `migrate` has created the table.
        return []


def _covering(
    versions: list[Published], *, until: dt.date | None
) -> dict[str, tuple[str, dt.date, frozenset[str]]]:
    """Map each widened purpose to the newest widening version (in force by `until`)."""
    found: dict[str, tuple[str, dt.date, frozenset[str]]] = {}
    for index, (version, effective, changes) in enumerate(versions):
        if until is not None and effective > until:
            continue
        later = frozenset(v for v, _, _ in versions[index:])
        for key in widened_purposes(changes):
            found[key] = (version, effective, later)
    return found


def consent_scopes(*, today: dt.date | None = None) -> dict[str, frozenset[str]]:
    """Return, per purpose widened by a version in force, the versions whose grants count."""
    today = today or timezone.localdate()
    covering = _covering(_published(), until=today)
    return {key: later for key, (_, _, later) in covering.items()}


@dataclass(frozen=True)
class ReconsentPending:
    """A consent the subject gave that a new version's scope no longer covers."""

    purpose: str
    version: str
    effective_date: dt.date
    in_force: bool


def reconsent_pending_for(
    subject_id: uuid.UUID, *, today: dt.date | None = None
) -> list[ReconsentPending]:
    """Return the subject's standing grants that a published version widened past.

    Includes versions announced but not yet in force, so the privacy centre can ask
    before the day the old consent stops counting. A withdrawn or never-given
    consent is not pending: there is nothing to renew.
    """
    today = today or timezone.localdate()
    covering = _covering(_published(), until=None)
    if not covering:
        return []
    latest: dict[str, ConsentEvent] = {}
    events = ConsentEvent.objects.filter(subject_id=subject_id, purpose__in=covering)
    for event in events.order_by("created_at", "id"):
        latest[event.purpose] = event
    return [
        ReconsentPending(key, version, effective, effective <= today)
        for key, (version, effective, later) in sorted(covering.items())
        if key in latest
        and latest[key].action == Action.GRANTED
        and latest[key].policy_version not in later
    ]
