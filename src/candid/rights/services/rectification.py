"""Rectify a requester's profile: name, e-mail, phone and address (Art. 16, DSR-09).

The kernel does not know where a studio keeps a profile: the app that does
registers a rectifier (`candid.rights.hooks.rectifier_register`), which applies
the changes and returns the names of the fields it changed. Orders and invoices
keep the snapshot they were issued with (DSR-09). The audit log and the letter to
the requester name the fields changed, never the values.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping

from django.db import transaction
from django.views.decorators.debug import sensitive_variables

from candid.audit import events as types
from candid.audit.entries import Actor
from candid.consent.purposes import subject_changed
from candid.notices.selectors import declaration_active
from candid.rights import events
from candid.rights.exceptions import RequestInvalid, RightsError, TransitionRefused
from candid.rights.hooks import rectifiers
from candid.rights.models import Request, RequestType, State
from candid.rights.selectors import letter_context
from candid.rights.services.letters import letter_send
from candid.rights.services.lifecycle import request_complete, request_start

RECTIFICATION_TYPES = frozenset({RequestType.RECTIFICATION, RequestType.CORRECT})
PROFILE_FIELDS = {
    "full_name": "name",
    "email": "e-mail address",
    "phone": "phone number",
    "recipient": "name on the address",
    "lines": "street address",
    "city": "town or city",
    "postal_code": "postcode",
    "country": "country",
}


@sensitive_variables("changes")
def rectification_apply(
    *,
    request_id: uuid.UUID,
    changes: Mapping[str, str],
    actor: Actor,
    now: dt.datetime | None = None,
) -> list[str]:
    """Apply a verified rectification request and close it; return the fields changed.

    Unknown fields, or none, raise RequestInvalid; a request of another type,
    unverified or closed, TransitionRefused; in both cases nothing changes. The
    requester is told which fields were corrected (Art. 12(3), 16).
    """
    _check_changes(changes)
    with transaction.atomic():
        request = Request.objects.select_for_update().get(pk=request_id)
        _check_rectifiable(request)
        if request.state in (State.RECEIVED, State.VERIFYING):
            request_start(request=request, actor=actor)
        changed = _apply(request.subject_id, changes)
        subject_changed(request.subject_id)
        events.record(
            types.RIGHTS_RECTIFICATION_COMPLETED,
            request=request,
            actor=actor,
            fields=sorted(changed),
        )
        request_complete(request=request, actor=actor, now=now)
    letter_send(
        request=request,
        subject="Your privacy request: your data is corrected",
        template="rectified",
        context={
            **letter_context(request=request, declaration=declaration_active()),
            "fields": [PROFILE_FIELDS[name] for name in sorted(changed)],
        },
    )
    return sorted(changed)


def _check_changes(changes: Mapping[str, str]) -> None:
    unknown = sorted(set(changes) - set(PROFILE_FIELDS))
    if unknown:
        raise RequestInvalid(f"These fields cannot be rectified: {', '.join(unknown)}.")
    if not any(str(value).strip() for value in changes.values()):
        raise RequestInvalid("Give at least one corrected value.")


def _check_rectifiable(request: Request) -> None:
    if request.type not in RECTIFICATION_TYPES:
        raise TransitionRefused(f"A {request.type} request does not correct data.")
    if request.verified_at is None:
        raise TransitionRefused("Verify the requester's identity first (DSR-05).")
    if not request.open:
        raise TransitionRefused(f"This request is already {request.state}.")


@sensitive_variables("changes")
def _apply(subject_id: uuid.UUID, changes: Mapping[str, str]) -> set[str]:
    # A blank field is one the requester did not ask to change.
    wanted = {n: str(v).strip() for n, v in changes.items() if str(v).strip()}
    changed: set[str] = set()
    for rectifier in rectifiers():
        changed |= set(rectifier(subject_id, wanted))
    if not rectifiers():
        raise RightsError("No studio app keeps a profile to correct.")
    return changed
