"""Each step of an open request: start, pause, extend, refuse, charge, close.

Every step checks the request type's state machine (DSR-02), writes the request
log (DSR-14) and the audit log. Deadlines come from the declaration (DSR-03).
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid

from django.db import transaction
from django.utils import timezone

from candid.audit.entries import Actor
from candid.notices.selectors import declaration_active
from candid.rights import events
from candid.rights.deadlines import extension_allowed
from candid.rights.exceptions import (
    ExtensionRefused,
    RefusalInvalid,
    TransitionRefused,
)
from candid.rights.models import RefusalBasis, Request, State
from candid.rights.selectors import letter_context
from candid.rights.services.letters import letter_send
from candid.rights.services.schedule import deadlines_of, schedule
from candid.rights.states import may_enter

# What the declaration's `rights.fees.unfounded_or_excessive` lets staff do.
_ALLOWED_BY_POLICY = {
    "refuse_or_reasonable_fee": {"refuse", "fee"},
    "refuse": {"refuse"},
    "none": set(),
}
NO_EXTENSION = (
    "An extension needs a notice with reasons sent to the requester by the "
    "original due date ({due}); the deadline is unchanged."
)


def _move(request: Request, target: str, *, actor: Actor, **fields: object) -> None:
    if not may_enter(request.type, request.state, target):
        raise TransitionRefused(
            f"A {request.type} request cannot go from {request.state} to {target}."
        )
    request.state = target
    for name, value in fields.items():
        setattr(request, name, value)
    request.save(update_fields=["state", *fields])
    events.record(events.state_changed, request=request, actor=actor)


def request_start(*, request: Request, actor: Actor) -> Request:
    """Start work on a verified request (received or verifying -> in progress)."""
    if request.verified_at is None:
        raise TransitionRefused("Verify the requester's identity first (DSR-05).")
    with transaction.atomic():
        _move(request, State.IN_PROGRESS, actor=actor)
    return request


def request_complete(
    *, request: Request, actor: Actor, now: dt.datetime | None = None
) -> Request:
    """Close a request as answered, recording the response date (DSR-14)."""
    with transaction.atomic():
        _move(request, State.COMPLETED, actor=actor, responded_at=now or timezone.now())
    return request


def request_withdraw(
    *, request: Request, actor: Actor, now: dt.datetime | None = None
) -> Request:
    """Close a request the requester withdrew."""
    with transaction.atomic():
        _move(request, State.WITHDRAWN, actor=actor, responded_at=now or timezone.now())
    return request


def request_extend(
    *,
    request: Request,
    reason: str,
    actor: Actor,
    notice_sent_at: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> Request:
    """Extend the deadline once, to start + 3 months (GDPR) or + 45 days (CCPA).

    Only with a notice giving the reasons sent by the original due date (Art.
    12(3), CCPA §1798.130(a)(2), DSR-03); otherwise ExtensionRefused and nothing
    changes. With no `notice_sent_at` the notice is e-mailed now.
    """
    now = now or timezone.now()
    notice_at = notice_sent_at or now
    if not may_enter(request.type, request.state, State.EXTENDED):
        raise TransitionRefused(
            f"A {request.type} request in {request.state} cannot be extended."
        )
    on_time = extension_allowed(
        due_on=request.due_on,
        notice_sent_on=timezone.localdate(notice_at),
        reason=reason,
    )
    if not on_time:
        raise ExtensionRefused(NO_EXTENSION.format(due=request.due_on.isoformat()))
    declaration = declaration_active()
    deadlines = deadlines_of(request=request, declaration=declaration)
    with transaction.atomic():
        _move(
            request,
            State.EXTENDED,
            actor=actor,
            extended_on=timezone.localdate(now),
            extension_reason=reason.strip(),
            extension_notice_sent_at=notice_at,
            due_on=deadlines.extended_due_on,
        )
        events.record(events.extended, request=request, actor=actor)
    if notice_sent_at is None:
        letter_send(
            request=request,
            subject="Your privacy request: more time needed",
            template="extension",
            context=letter_context(request=request, declaration=declaration),
        )
    return request


def request_pause(
    *, request: Request, actor: Actor, now: dt.datetime | None = None
) -> Request:
    """Stop the clock while the requester is asked to narrow the request (Art. 12A).

    Only where the jurisdiction's clock starts at the identity information (the UK
    profile); elsewhere the clock never pauses (DSR-04).
    """
    declaration = declaration_active()
    rules = declaration.jurisdiction(request.jurisdiction).response
    if not rules.clock_starts_at_identity:
        raise TransitionRefused(f"The {request.jurisdiction} clock does not pause.")
    if not request.open or request.paused_at is not None:
        raise TransitionRefused("Only a running clock of an open request can pause.")
    with transaction.atomic():
        request.paused_at = now or timezone.now()
        request.save(update_fields=["paused_at"])
        events.record(events.clock_paused, request=request, actor=actor)
    return request


def request_resume(
    *, request: Request, actor: Actor, now: dt.datetime | None = None
) -> Request:
    """Restart the clock once the requester answered; the days paused don't count."""
    if request.paused_at is None:
        raise TransitionRefused("The clock of this request is not paused.")
    now = now or timezone.now()
    paused = (timezone.localdate(now) - timezone.localdate(request.paused_at)).days
    with transaction.atomic():
        request.paused_days += paused
        request.paused_at = None
        schedule(request=request, declaration=declaration_active())
        request.save(update_fields=["paused_days", "paused_at", "due_on"])
        events.record(events.clock_resumed, request=request, actor=actor, days=paused)
    return request


def _decision_check(request: Request, basis: str, reason: str, allowed: str) -> None:
    if basis not in RefusalBasis.values:
        raise RefusalInvalid(
            "Name the ground: manifestly unfounded or excessive (Art. 12(5))."
        )
    if not reason.strip():
        raise RefusalInvalid("Write the reason; the requester is told it (DSR-06).")
    policy = declaration_active().rights.fees.unfounded_or_excessive
    if allowed not in _ALLOWED_BY_POLICY[policy]:
        raise RefusalInvalid(f"The privacy policy does not allow this ({policy}).")


def request_refuse(
    *,
    request: Request,
    basis: str,
    reason: str,
    staff_id: uuid.UUID,
    now: dt.datetime | None = None,
) -> Request:
    """Refuse a manifestly unfounded or excessive request, with a written reason.

    A named staff member decides; the requester is told the reasons and their right
    to complain to the supervisory authority and to a judicial remedy (Art.
    12(4)-(5), DSR-06). Without a basis or reason, RefusalInvalid; nothing changes.
    """
    _decision_check(request, basis, reason, "refuse")
    actor = Actor.staff(staff_id)
    with transaction.atomic():
        _move(
            request,
            State.REFUSED,
            actor=actor,
            refusal_basis=basis,
            refusal_reason=reason.strip(),
            decided_by_id=staff_id,
            responded_at=now or timezone.now(),
        )
        events.record(events.refused, request=request, actor=actor, basis=basis)
    letter_send(
        request=request,
        subject="Your privacy request: our decision",
        template="refusal",
        context=letter_context(request=request, declaration=declaration_active()),
    )
    return request


def request_charge_fee(
    *,
    request: Request,
    basis: str,
    reason: str,
    amount: decimal.Decimal,
    staff_id: uuid.UUID,
) -> Request:
    """Ask a reasonable fee for a manifestly unfounded or excessive request.

    The requester is told the amount, the reason, that they may withdraw, and
    their right to complain (Art. 12(5), EDPB 01/2022 ¶192, DSR-06). California
    requests are free (§1798.130(a)(2)): refused there.
    """
    _decision_check(request, basis, reason, "fee")
    if request.jurisdiction.startswith("US"):
        raise RefusalInvalid("California requests are free of charge.")
    if amount <= 0 or not request.open:
        raise RefusalInvalid("A fee is a positive amount on an open request.")
    actor = Actor.staff(staff_id)
    with transaction.atomic():
        request.refusal_basis = basis
        request.refusal_reason = reason.strip()
        request.fee_amount = amount
        request.decided_by_id = staff_id
        request.save(
            update_fields=[
                "refusal_basis",
                "refusal_reason",
                "fee_amount",
                "decided_by",
            ]
        )
        events.record(events.fee_requested, request=request, actor=actor, basis=basis)
    letter_send(
        request=request,
        subject="Your privacy request: a fee",
        template="fee",
        context=letter_context(request=request, declaration=declaration_active()),
    )
    return request
