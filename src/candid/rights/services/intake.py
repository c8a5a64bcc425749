"""Take a request from any channel into the one queue (DSR-01, DSR-02, C-03)."""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from candid.audit.entries import Actor
from candid.datamap.models import Subject
from candid.notices.selectors import declaration_active
from candid.policy import Declaration
from candid.rights import events
from candid.rights.exceptions import RequestInvalid
from candid.rights.identity import subject_for_email
from candid.rights.models import (
    Channel,
    KnowScope,
    Request,
    RequestType,
    State,
    VerificationMethod,
    VerificationOutcome,
)
from candid.rights.services.agents import (
    AgentClaim,
    agent_claim_attach,
    agent_document_read,
)
from candid.rights.services.schedule import schedule
from candid.rights.standards import verification_standard
from candid.rights.states import needs_verification


@sensitive_variables(
    "contact_email", "details", "agent_proof", "agent_name", "agent_email"
)
def request_open(
    *,
    request_type: str,
    channel: str,
    jurisdiction: str,
    contact_email: str,
    actor: Actor,
    subject_id: uuid.UUID | None = None,
    received_at: dt.datetime | None = None,
    details: str = "",
    scope: str = "",
    agent: AgentClaim | None = None,
    agent_proof: str = "",
    verified_by: str = "",
    now: dt.datetime | None = None,
) -> Request:
    """Open a request in the one queue, whichever channel it came by (DSR-01).

    `received_at` is the first receipt anywhere in the studio, which staff enter for
    a letter, call or e-mail; the deadline runs from it (DSR-03). A requester
    without an account gets a new data subject, and the contact address is
    encrypted under its key. A request made for someone else names the agent and
    carries the authorised agent's proof (`agent`; `agent_proof` alone is staff's
    attestation of a proof they saw); `contact_email` is then the address of the
    person the data is about, who still confirms it themselves. `verified_by`
    names a check already done (a signed-in client's password); opt-outs need
    none. Otherwise the request records how sure the studio must be (the data
    points and declaration of candid.rights.standards, DSR-05). Bad input raises
    RequestInvalid and stores nothing.
    """
    now = now or timezone.now()
    received_at = received_at or now
    declaration = declaration_active()
    _validate(
        declaration=declaration,
        request_type=request_type,
        channel=channel,
        jurisdiction=jurisdiction,
        contact_email=contact_email,
        received_at=received_at,
        now=now,
    )
    _validate_verified_by(verified_by)
    _validate_scope(request_type, scope)
    claim = _agent_claim(agent, agent_proof)
    document = None if claim is None else agent_document_read(claim)
    if subject_id is None and verified_by == VerificationMethod.STAFF_CHECKED:
        # Staff checked who the requester is: the request is about the account
        # of the address they gave, if one has it.
        subject_id = subject_for_email(contact_email)
    with transaction.atomic():
        if subject_id is None:
            subject_id = Subject.objects.create(created_at=now).id
        request = Request(
            subject_id=subject_id,
            type=request_type,
            channel=channel,
            jurisdiction=jurisdiction,
            received_at=received_at,
            clock_started_at=received_at,
            contact_email=contact_email.strip(),
            details=details.strip() or None,
            scope=scope,
            created_at=now,
        )
        if claim is not None:
            agent_claim_attach(request, claim, document)
        _verification_start(
            request, verified_by=verified_by, declaration=declaration, now=now
        )
        schedule(request=request, declaration=declaration)
        request.save()
        events.record(
            events.received,
            request=request,
            actor=actor,
            channel=str(channel),
            on_behalf=request.on_behalf,
        )
    return request


def _validate(
    *,
    declaration: Declaration,
    request_type: str,
    channel: str,
    jurisdiction: str,
    contact_email: str,
    received_at: dt.datetime,
    now: dt.datetime,
) -> None:
    if request_type not in RequestType.values:
        raise RequestInvalid(f"'{request_type}' is not a kind of request.")
    if request_type not in declaration.rights.offered:
        raise RequestInvalid(f"The privacy policy does not offer '{request_type}'.")
    if channel not in Channel.values:
        raise RequestInvalid(f"'{channel}' is not a channel requests arrive by.")
    if jurisdiction not in declaration.jurisdiction_codes:
        raise RequestInvalid(
            f"'{jurisdiction}' is not a jurisdiction the privacy policy declares."
        )
    _validate_received_at(received_at, now)
    try:
        validate_email(contact_email.strip())
    except ValidationError:
        raise RequestInvalid("Enter a valid e-mail address.") from None


def _validate_received_at(received_at: dt.datetime, now: dt.datetime) -> None:
    if timezone.is_naive(received_at):
        raise RequestInvalid("The receipt time needs a time zone.")
    if received_at > now:
        raise RequestInvalid("A request cannot be received in the future.")


def _validate_scope(request_type: str, scope: str) -> None:
    if scope and request_type != RequestType.KNOW:
        raise RequestInvalid("Only a request to know has a scope.")
    if scope not in {"", *KnowScope.values}:
        raise RequestInvalid(f"'{scope}' is not something a request to know asks.")


def _agent_claim(agent: AgentClaim | None, agent_proof: str) -> AgentClaim | None:
    if agent is None and agent_proof.strip():
        return AgentClaim(name="", email="", proof=agent_proof)
    return agent


def _validate_verified_by(verified_by: str) -> None:
    allowed = {"", VerificationMethod.PASSWORD, VerificationMethod.STAFF_CHECKED}
    if verified_by not in allowed:
        raise RequestInvalid(f"'{verified_by}' is not a check done before intake.")


def _verification_start(
    request: Request, *, verified_by: str, declaration: Declaration, now: dt.datetime
) -> None:
    if verified_by:
        method = verified_by
    elif not needs_verification(request.type):
        method = VerificationMethod.NOT_REQUIRED
    else:
        standard = verification_standard(
            request_type=request.type,
            jurisdiction=request.jurisdiction,
            scope=request.scope,
            declaration=declaration,
        )
        request.data_points_required = standard.data_points
        request.declaration_required = standard.declaration
        return
    request.verification_method = method
    request.verification_outcome = VerificationOutcome.VERIFIED
    if request.on_behalf:
        # The agent's authority is still to be confirmed by staff.
        return
    request.verified_at = now
    request.state = State.IN_PROGRESS
