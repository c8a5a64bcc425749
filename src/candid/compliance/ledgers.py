"""Promises checked against the ledgers: marketing consent and declared processors."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict

from candid.audit.events import DATA_DISCLOSED, DATA_USED
from candid.audit.models import AuditEvent
from candid.compliance.results import CheckResult, record_label
from candid.consent.models import Action, ConsentEvent
from candid.policy.schema import Declaration

MARKETING = "No marketing e-mail without consent at sending time (MKT-01)"
PROCESSORS = "Every processor in use declared"
NO_HAND_OFFS = "No hand-offs recorded."
# Keys under which hand-off events name who received the data.
RECIPIENT_KEYS = ("recipient", "processor", "vendor")

Grant = tuple[dt.datetime, str]


def check_marketing_consent(*, declaration: Declaration) -> CheckResult:
    """Check that every marketing use of a subject's data followed a standing consent.

    Each `data.used` event for a marketing purpose must be preceded, in the consent
    ledger, by a grant for that subject and purpose not withdrawn before the send.
    """
    purposes = [p.key for p in declaration.purposes if p.is_marketing]
    ledger = _consent_ledger(purposes)
    sends = AuditEvent.objects.filter(action=DATA_USED.code, purpose__in=purposes)
    failures = [
        record_label(AuditEvent, send.sequence)
        for send in sends.order_by("sequence").iterator()
        if not _granted_at(ledger[(send.subject_id, send.purpose)], send.occurred_at)
    ]
    return CheckResult.of(MARKETING, failures)


def _consent_ledger(purposes: list[str]) -> dict[tuple[uuid.UUID, str], list[Grant]]:
    ledger: dict[tuple[uuid.UUID, str], list[Grant]] = defaultdict(list)
    rows = ConsentEvent.objects.filter(
        purpose__in=purposes, subject_id__isnull=False
    ).order_by("created_at", "pk")
    for row in rows.values_list("subject_id", "purpose", "created_at", "action"):
        ledger[(row[0], row[1])].append((row[2], row[3]))
    return ledger


def _granted_at(history: list[Grant], moment: dt.datetime) -> bool:
    standing = [action for at, action in history if at <= moment]
    return bool(standing) and standing[-1] == Action.GRANTED


def check_processors_declared(*, declaration: Declaration) -> CheckResult:
    """Check that every recipient named in a hand-off event is declared (Art. 13(1)(e)).

    Reads the `data.disclosed` events that name a recipient; one the declaration in
    force does not list fails the check, naming the event.
    """
    declared = {recipient.key for recipient in declaration.recipients}
    handoffs = list(_handoffs())
    if not handoffs:
        return CheckResult(name=PROCESSORS, passed=True, details=(NO_HAND_OFFS,))
    failures = [
        f"{record_label(AuditEvent, sequence)} names undeclared recipient '{name}'"
        for sequence, name in handoffs
        if name not in declared
    ]
    return CheckResult.of(PROCESSORS, failures, passing=f"{len(handoffs)} hand-offs.")


def _handoffs() -> list[tuple[int, str]]:
    events = AuditEvent.objects.filter(action=DATA_DISCLOSED.code).order_by("sequence")
    found = []
    for sequence, details in events.values_list("sequence", "details").iterator():
        for key in RECIPIENT_KEYS:
            if isinstance(details, dict) and isinstance(details.get(key), str):
                found.append((sequence, details[key]))
    return found
