"""Answer an access or portability request with an expiring link to the export.

The export is rebuilt from the data map on each download rather than stored: nothing
personal is kept outside the encrypted fields it is read from, a download made after
a rectification shows the corrected data, and one made after an erasure shows none.
Only a keyed hash of the link's random token is stored, until the declaration's
`rights.export_link_lifetime` ends (DSR-07, DSR-08, DSR-13).
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.views.decorators.debug import sensitive_variables

from candid.audit.entries import Actor
from candid.mail.conf import base_url
from candid.notices.selectors import declaration_active
from candid.rights import events
from candid.rights.exceptions import ExportLinkInvalid, TransitionRefused
from candid.rights.exports import access_export_build
from candid.rights.models import KnowScope, Request, RequestType, State
from candid.rights.services.letters import letter_send
from candid.rights.services.lifecycle import request_complete, request_start

_SALT = "candid.rights.export"
ACCESS_TYPES = frozenset(
    {RequestType.ACCESS, RequestType.PORTABILITY, RequestType.KNOW}
)
TOKEN_BYTES = 32  # 256 bits: a link cannot be guessed


@sensitive_variables("token")
def export_token_hash(token: str) -> str:
    """Return the keyed hash under which an export token is stored."""
    return salted_hmac(_SALT, token, algorithm="sha256").hexdigest()


@sensitive_variables("token")
def access_request_fulfil(
    *, request_id: uuid.UUID, actor: Actor, now: dt.datetime | None = None
) -> Request:
    """Answer a verified access request by e-mailing an expiring export link.

    Keeps the promise of a copy of one's data, electronically (DSR-07, DSR-13): the
    request closes as completed and the link works until the declared lifetime
    ends. A request of another type, or not verified, raises TransitionRefused and
    nothing changes.
    """
    moment = now or timezone.now()
    with transaction.atomic():
        request = Request.objects.select_for_update().get(pk=request_id)
        _check_fulfillable(request)
        if request.state in (State.RECEIVED, State.VERIFYING):
            request_start(request=request, actor=actor)
        token = secrets.token_urlsafe(TOKEN_BYTES)
        lifetime = declaration_active().rights.export_link_lifetime
        request.export_token_hash = export_token_hash(token)
        request.export_expires_at = lifetime.after(moment)
        request.save(update_fields=["export_token_hash", "export_expires_at"])
        request_complete(request=request, actor=actor, now=moment)
        events.record(
            events.access_delivered, request=request, actor=actor, step="link_sent"
        )
        _send_link(request, token, lifetime)
    return request


def _check_fulfillable(request: Request) -> None:
    if request.type not in ACCESS_TYPES:
        raise TransitionRefused(
            f"A {request.type} request is not answered with an export."
        )
    if request.verified_at is None:
        raise TransitionRefused("Verify the requester's identity first (DSR-05).")
    if not request.open:
        raise TransitionRefused(f"This request is already {request.state}.")


@sensitive_variables("token")
def _send_link(request: Request, token: str, lifetime: object) -> None:
    page = reverse("rights:export", kwargs={"token": token})
    letter_send(
        request=request,
        subject="Your privacy request: your data is ready",
        template="export_ready",
        context={
            "link": f"{base_url()}{page}",
            "json_link": f"{base_url()}{page.rstrip('/')}.json",
            "lifetime": str(lifetime),
            "expires_at": request.export_expires_at,
        },
    )


@sensitive_variables("token")
def access_export_download(
    *, token: str, file_format: str, now: dt.datetime | None = None
) -> dict[str, Any]:
    """Return the export a link points to, and record the download (DSR-07).

    An unknown token or one past its lifetime raises ExportLinkInvalid, and nothing
    is built or recorded: the link is the only key to the export.
    """
    moment = now or timezone.now()
    request = Request.objects.filter(
        export_token_hash=export_token_hash(token), export_expires_at__gt=moment
    ).first()
    if request is None:
        raise ExportLinkInvalid("This link is unknown or has expired.")
    export = access_export_build(subject_id=request.subject_id)
    if request.type == RequestType.KNOW and request.scope == KnowScope.CATEGORIES:
        export = _categories_only(export)
    events.record(
        events.access_delivered,
        request=request,
        actor=Actor.anonymous(),
        step="downloaded",
        format=file_format,
    )
    return export


def _categories_only(export: dict[str, Any]) -> dict[str, Any]:
    """Keep the categories held and their explanation, without the values.

    A California request to know categories is verified to a reasonable degree of
    certainty only (2 data points), which does not allow disclosing specific
    pieces of information (CCPA regs §7062(b)-(c), DSR-05).
    """
    return {
        **export,
        "scope": KnowScope.CATEGORIES.value,
        "data": {},
        "records_of_your_privacy_choices": {},
    }
