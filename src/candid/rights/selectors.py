"""Reads of the rights app: the queue, what is due, what is overdue, letter wording."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.db.models import QuerySet

from candid.policy import Declaration
from candid.rights.models import CLOSED_STATES, Request, VerificationOutcome


def requests_open() -> QuerySet[Request]:
    """Return every open request, soonest due first: the one queue (DSR-01)."""
    return Request.objects.exclude(state__in=CLOSED_STATES).order_by(
        "due_on", "received_at"
    )


def requests_of_subject(subject_id: uuid.UUID, *, limit: int = 50) -> list[Request]:
    """Return the subject's own requests, newest first, for their privacy centre.

    Only what the list shows is read: no encrypted field (contact, details, proof).
    """
    return list(
        Request.objects.filter(subject_id=subject_id)
        .only("id", "type", "state", "received_at", "responded_at", "due_on")
        .order_by("-received_at")[:limit]
    )


def requests_due_before(*, day: dt.date) -> QuerySet[Request]:
    """Return open requests due on or before `day`, soonest first."""
    return requests_open().filter(due_on__lte=day)


def requests_overdue(*, today: dt.date) -> QuerySet[Request]:
    """Return open requests whose due date has passed."""
    return requests_open().filter(due_on__lt=today)


def letter_context(*, request: Request, declaration: Declaration) -> dict[str, Any]:
    """Return what a letter to the requester names: studio, authority, deadlines.

    A refusal or fee letter states the right to complain to the jurisdiction's
    supervisory authority and to a judicial remedy (Art. 12(4), DSR-06).
    """
    jurisdiction = declaration.jurisdiction(request.jurisdiction)
    return {
        "studio": declaration.controller.name,
        "authority": jurisdiction.supervisory_authority,
        "request": request,
    }


def recipient_names(declaration: Declaration, keys: list[str]) -> list[str]:
    """Return the declared names of the recipients `keys`, in that order."""
    names = {r.key: r.name for r in declaration.recipients}
    return [names.get(key, key) for key in keys]


def status_step(request: Request) -> str:
    """Return what a request waits for, as its status page shows it.

    "locked", "code" (the e-mailed code), "data_points" (the questions and any
    declaration), "staff_review" (staff to check the identity another way),
    "agent" (staff to confirm an agent's authority) or "verified".
    """
    if request.verification_outcome == VerificationOutcome.LOCKED:
        return "locked"
    if request.verified_at is not None or not request.open:
        return "verified"
    if request.verification_outcome == VerificationOutcome.STAFF_REVIEW:
        return "staff_review"
    if request.verification_outcome == VerificationOutcome.VERIFIED:
        return "agent"
    if request.email_confirmed_at is None:
        return "code"
    return "data_points"
