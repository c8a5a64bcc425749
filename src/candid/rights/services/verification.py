"""Check that a requester controls their e-mail address, or record staff's check.

A requester without an account proves control of the address with a one-time code
e-mailed to it (DSR-05). Only a keyed hash of the code is stored; it expires after
the declaration's `code_lifetime` and the request locks after `max_attempts` wrong
codes, so the code cannot be guessed. A request that discloses or deletes data then
needs matching data points (services/data_points.py), and one made by an agent the
staff's confirmation of the agent's authority (services/agents.py): the request is
verified only when every check it needs is done. Under UK GDPR Art. 12A the
response clock starts then (DSR-04).
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from urllib.parse import urlencode

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.views.decorators.debug import sensitive_variables

from candid.audit.entries import Actor
from candid.mail.conf import base_url
from candid.notices.selectors import declaration_active
from candid.policy import Declaration
from candid.rights import events
from candid.rights.exceptions import TransitionRefused, VerificationFailed
from candid.rights.identity import subject_for_email
from candid.rights.models import (
    Request,
    State,
    VerificationMethod,
    VerificationOutcome,
)
from candid.rights.services.agents import agent_proof_rebind
from candid.rights.services.letters import letter_send
from candid.rights.services.schedule import schedule

_SALT = "candid.rights.verification"
WRONG = "That code is not right. Check the e-mail we sent and try again."
EXPIRED = "That code has expired. Ask for a new code below."
LOCKED = (
    "Too many wrong answers: this request is locked. Make the request again, or "
    "write to us."
)
NOT_WAITING = "This request is not waiting for a code."


@sensitive_variables("code")
def code_hash(request_id: uuid.UUID, code: str) -> str:
    """Return the keyed hash of `code` for one request; the code itself is not kept."""
    return salted_hmac(_SALT, f"{request_id}:{code}", algorithm="sha256").hexdigest()


@sensitive_variables("code")
def verification_code_send(
    *, request: Request, actor: Actor, now: dt.datetime | None = None
) -> None:
    """E-mail a fresh one-time code to the requester and wait for it (DSR-05).

    The e-mail also confirms receipt of the request (CA-02). A locked request gets
    no new code.
    """
    now = now or timezone.now()
    if request.verification_outcome == VerificationOutcome.LOCKED:
        raise VerificationFailed(LOCKED)
    if not _waits_for_code(request):
        raise TransitionRefused(NOT_WAITING)
    declaration = declaration_active()
    code = f"{secrets.randbelow(10**6):06d}"
    lifetime = declaration.rights.verification.code_lifetime
    with transaction.atomic():
        request.state = State.VERIFYING
        request.verification_method = VerificationMethod.EMAIL_CODE
        request.verification_outcome = VerificationOutcome.PENDING
        request.code_hash = code_hash(request.id, code)
        request.code_expires_at = lifetime.after(now)
        request.code_attempts = 0
        first_letter = request.receipt_confirmed_at is None
        request.receipt_confirmed_at = request.receipt_confirmed_at or now
        request.save()
        events.record(events.code_sent, request=request, actor=actor)
        if first_letter:
            events.record(events.receipt_confirmed, request=request, actor=actor)
    letter_send(
        request=request,
        subject="Your privacy request: confirm your e-mail address",
        template="verification_code",
        context={
            "code": code,
            "lifetime": str(lifetime),
            "link": _confirmation_link(request, code, declaration),
        },
    )


@sensitive_variables("code")
def _confirmation_link(request: Request, code: str, declaration: Declaration) -> str:
    """Return the request page with the code filled in, if the declaration says link.

    Opening it only fills the form: the requester still presses Confirm, so a mail
    scanner that follows links confirms nothing.
    """
    if declaration.rights.verification.by_email != "link":
        return ""
    page = reverse("rights:request", kwargs={"request_id": request.id})
    return f"{base_url()}{page}?{urlencode({'code': code})}"


@sensitive_variables("raw_code")
def verification_code_check(
    *, request_id: uuid.UUID, raw_code: str, now: dt.datetime | None = None
) -> Request:
    """Confirm the requester's address if `raw_code` is the code sent, or count a failure.

    An expired code is refused and changes nothing; a wrong one counts, and the
    declared `max_attempts`-th wrong answer locks the request for good. Raise
    VerificationFailed with a message that says which. A request that needs no
    further check is verified at once.
    """
    now = now or timezone.now()
    declaration = declaration_active()
    with transaction.atomic():
        request = Request.objects.select_for_update().get(pk=request_id)
        refusal = _code_refusal(request, raw_code, declaration=declaration, now=now)
        if refusal is None:
            _email_confirmed(request, declaration=declaration, now=now)
    if refusal is not None:
        raise VerificationFailed(refusal)
    return request


def _email_confirmed(
    request: Request, *, declaration: Declaration, now: dt.datetime
) -> None:
    request.email_confirmed_at = now
    request.code_hash = ""
    request.code_expires_at = None
    events.record(events.email_confirmed, request=request, actor=_anonymous(request))
    if request.data_points_required or request.declaration_required:
        request.save()
        return
    subject_id = subject_for_email(request.contact_email or "")
    if subject_id is not None:
        subject_relink(request, subject_id)
    identity_settle(
        request,
        method=VerificationMethod.EMAIL_CODE,
        actor=_anonymous(request),
        declaration=declaration,
        now=now,
    )


def subject_relink(request: Request, subject_id: uuid.UUID) -> None:
    """Move a verified request to the subject whose data it is about (unsaved).

    A requester without an account got a subject of their own at intake; once they
    proved they are the person an account's address belongs to, the request is
    about that account's data, so an export, objection or erasure acts on it. The
    encrypted fields are sealed under that subject's key when the row is saved.
    """
    old_subject_id = request.subject_id
    if old_subject_id == subject_id:
        return
    request.subject_id = subject_id
    agent_proof_rebind(request, old_subject_id=old_subject_id)


def _waits_for_code(request: Request) -> bool:
    return (
        request.state in {State.RECEIVED, State.VERIFYING}
        and request.email_confirmed_at is None
        and request.verification_outcome != VerificationOutcome.VERIFIED
    )


def _code_refusal(
    request: Request, raw_code: str, *, declaration: Declaration, now: dt.datetime
) -> str | None:
    if request.verification_outcome == VerificationOutcome.LOCKED:
        return LOCKED
    if not _waits_for_code(request) or not request.code_hash:
        return NOT_WAITING
    if request.code_expires_at is None or now >= request.code_expires_at:
        return EXPIRED
    expected = request.code_hash
    if constant_time_compare(code_hash(request.id, raw_code.strip()), expected):
        return None
    locked = failure_count(request, declaration.rights.verification.max_attempts)
    return LOCKED if locked else WRONG


def failure_count(request: Request, max_attempts: int, step: str = "code") -> bool:
    """Count one wrong code or data point; return whether the request is now locked.

    Codes and data points count toward the one declared `max_attempts` (DSR-05).
    """
    request.code_attempts += 1
    fields = ["code_attempts"]
    event = events.verification_failed
    if request.code_attempts >= max_attempts:
        request.verification_outcome = VerificationOutcome.LOCKED
        request.code_hash = ""
        fields += ["verification_outcome", "code_hash"]
        event = events.verification_locked
    request.save(update_fields=fields)
    events.record(
        event,
        request=request,
        actor=_anonymous(request),
        attempts=request.code_attempts,
        step=step,
    )
    return request.verification_outcome == VerificationOutcome.LOCKED


def verification_staff_confirm(
    *, request: Request, staff_id: uuid.UUID, now: dt.datetime | None = None
) -> Request:
    """Record that staff checked the requester's identity (post, phone, in person).

    The request then concerns the account of the requester's address, if one has
    it. For a request made by an agent, the agent's authority still needs staff's
    confirmation before the request is verified.
    """
    now = now or timezone.now()
    if request.state not in {State.RECEIVED, State.VERIFYING}:
        raise TransitionRefused(NOT_WAITING)
    if request.verification_outcome == VerificationOutcome.VERIFIED:
        raise TransitionRefused("The requester's identity is already confirmed.")
    subject_id = subject_for_email(request.contact_email or "")
    with transaction.atomic():
        if subject_id is not None:
            subject_relink(request, subject_id)
        identity_settle(
            request,
            method=VerificationMethod.STAFF_CHECKED,
            actor=Actor.staff(staff_id),
            declaration=declaration_active(),
            now=now,
        )
    return request


def identity_settle(
    request: Request,
    *,
    method: str,
    actor: Actor,
    declaration: Declaration,
    now: dt.datetime,
) -> None:
    """Record the requester's identity as checked; verify the request if it is done.

    A request made by an agent waits for staff to confirm the agent's authority
    (services/agents.py); any other is verified now.
    """
    request.verification_method = method
    request.verification_outcome = VerificationOutcome.VERIFIED
    request.code_hash = ""
    request.code_expires_at = None
    if request.on_behalf and request.agent_confirmed_at is None:
        request.state = State.VERIFYING
        request.save()
        return
    request_verified(request, actor=actor, declaration=declaration, now=now)


def request_verified(
    request: Request, *, actor: Actor, declaration: Declaration, now: dt.datetime
) -> None:
    """Mark a request whose every check is done as verified and start its work.

    Under UK GDPR Art. 12A the response clock starts now (DSR-04).
    """
    request.state = State.IN_PROGRESS
    request.verified_at = now
    rules = declaration.jurisdiction(request.jurisdiction).response
    if rules.clock_starts_at_identity:
        request.clock_started_at = max(request.received_at, now)
    schedule(request=request, declaration=declaration)
    request.save()
    events.record(events.verified, request=request, actor=actor)


def _anonymous(request: Request) -> Actor:
    return Actor.anonymous(request.subject_id)
