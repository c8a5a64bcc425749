"""Reads of the rights app: the queue, what is due, what is overdue, letter wording."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from candid.policy import Declaration
from candid.rights.models import CLOSED_STATES, Request


def requests_open() -> QuerySet[Request]:
    """Return every open request, soonest due first: the one queue (DSR-01)."""
    return Request.objects.exclude(state__in=CLOSED_STATES).order_by(
        "due_on", "received_at"
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
