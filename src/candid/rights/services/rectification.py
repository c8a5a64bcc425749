"""Rectify a requester's profile: name, e-mail, phone and address (Art. 16, DSR-09).

The kernel does not know where a studio keeps a profile: the app that does
registers a rectifier (`candid.rights.hooks.rectifier_register`), which applies
the changes and returns the names of the fields it changed. Orders and invoices
keep the snapshot they were issued with (DSR-09). The audit log and the letter to
the requester name the fields changed, never the values. Every recipient that
received a corrected category is told the corrected values it holds (Art. 19,
PRC-06), and the letter names them.
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
from candid.rights.models import PropagationAction, Request, RequestType, State
from candid.rights.purpose import records_purpose_require
from candid.rights.selectors import letter_context, recipient_names
from candid.rights.services.letters import letter_send
from candid.rights.services.lifecycle import request_complete, request_start
from candid.rights.services.propagation import Correction, recipients_tell

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
# The data category of each field, to find the recipients that hold it.
FIELD_CATEGORIES = {
    "full_name": "user.name",
    "email": "user.contact.email",
    "phone": "user.contact.phone_number",
    "recipient": "user.contact.address",
    "lines": "user.contact.address",
    "city": "user.contact.address",
    "postal_code": "user.contact.address",
    "country": "user.contact.address",
}


@sensitive_variables("changes", "wanted")
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
    requester is told which fields were corrected, and which recipients are being
    told of it (Art. 12(3), 16, 19).
    """
    _check_changes(changes)
    # A blank field is one the requester did not ask to change.
    wanted = {n: str(v).strip() for n, v in changes.items() if str(v).strip()}
    with transaction.atomic():
        request = Request.objects.select_for_update().get(pk=request_id)
        _check_rectifiable(request)
        if request.state in (State.RECEIVED, State.VERIFYING):
            request_start(request=request, actor=actor)
        changed = _apply(request.subject_id, wanted)
        subject_changed(request.subject_id)
        told = recipients_tell(
            request=request,
            action=PropagationAction.RECTIFICATION,
            email=request.contact_email or "",
            changes=[
                Correction(
                    field=name,
                    label=PROFILE_FIELDS[name],
                    category=FIELD_CATEGORIES[name],
                    value=wanted[name],
                )
                for name in sorted(changed)
            ],
        )
        events.record(
            types.RIGHTS_RECTIFICATION_COMPLETED,
            request=request,
            actor=actor,
            fields=sorted(changed),
            recipients=told,
        )
        request_complete(request=request, actor=actor, now=now)
    declaration = declaration_active()
    letter_send(
        request=request,
        subject="Your privacy request: your data is corrected",
        template="rectified",
        context={
            **letter_context(request=request, declaration=declaration),
            "fields": [PROFILE_FIELDS[name] for name in sorted(changed)],
            "recipients": recipient_names(declaration, told),
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
    records_purpose_require(request.subject_id)


@sensitive_variables("wanted")
def _apply(subject_id: uuid.UUID, wanted: Mapping[str, str]) -> set[str]:
    changed: set[str] = set()
    for rectifier in rectifiers():
        changed |= set(rectifier(subject_id, wanted))
    if not rectifiers():
        raise RightsError("No studio app keeps a profile to correct.")
    return changed
