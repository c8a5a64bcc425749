"""Restriction, objection and opt-out requests: each changes what the gate allows.

The records live in `candid.consent` (restrictions, objections, the consent
ledger) and the purpose gate obeys them at its next check in every process; here
the requests are answered: the record made, the request closed, the requester
told (Arts. 18, 21; CCPA §1798.120, §1798.135; DSR-11, DSR-12, CA-03).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from candid.audit import events as types
from candid.audit.entries import Actor
from candid.audit.services import audit_record
from candid.consent.declared import sale_or_sharing_purposes
from candid.consent.exceptions import ConsentError
from candid.consent.models import Mechanism, Restriction, Surface
from candid.consent.rights import (
    objection_record,
    restriction_lift,
    restriction_start,
)
from candid.consent.selectors import consent_current_for, restrictions_for
from candid.consent.services import consents_withdraw
from candid.notices.selectors import declaration_active
from candid.rights import events
from candid.rights.exceptions import RequestInvalid, TransitionRefused
from candid.rights.models import PropagationAction, Request, RequestType, State
from candid.rights.purpose import records_purpose_require
from candid.rights.selectors import letter_context, recipient_names
from candid.rights.services.letters import letter_send
from candid.rights.services.lifecycle import request_complete, request_start
from candid.rights.services.propagation import recipients_tell
from candid.rights.states import needs_verification


def _open_request(request_id: uuid.UUID, types_allowed: set[str]) -> Request:
    request = Request.objects.select_for_update().get(pk=request_id)
    if request.type not in types_allowed:
        raise TransitionRefused(f"A {request.type} request cannot be answered so.")
    if needs_verification(request.type) and request.verified_at is None:
        raise TransitionRefused("Verify the requester's identity first (DSR-05).")
    if not request.open:
        raise TransitionRefused(f"This request is already {request.state}.")
    records_purpose_require(request.subject_id)
    return request


def _close(request: Request, actor: Actor, now: dt.datetime | None) -> None:
    if request.state in (State.RECEIVED, State.VERIFYING) and request.verified_at:
        request_start(request=request, actor=actor)
    request_complete(request=request, actor=actor, now=now)


def _tell(request: Request, subject: str, template: str, **context: object) -> None:
    letter_send(
        request=request,
        subject=subject,
        template=template,
        context={
            **letter_context(request=request, declaration=declaration_active()),
            **context,
        },
    )


def restriction_request_fulfil(
    *,
    request_id: uuid.UUID,
    actor: Actor,
    categories: Iterable[str] | None = None,
    now: dt.datetime | None = None,
) -> Restriction:
    """Restrict processing of the requester's data, all of it or the named categories.

    From then on the gate allows only storage, legal obligations and uses with
    consent (Art. 18(2), DSR-11), and every recipient that received restricted data
    is told (Art. 19, PRC-06). Undeclared categories raise RequestInvalid and
    nothing changes.
    """
    with transaction.atomic():
        request = _open_request(request_id, {RequestType.RESTRICTION})
        try:
            restriction = restriction_start(
                subject_id=request.subject_id, categories=categories, now=now
            )
        except ConsentError as error:
            raise RequestInvalid(str(error)) from None
        told = recipients_tell(
            request=request,
            action=PropagationAction.RESTRICTION,
            email=request.contact_email or "",
            categories=None
            if restriction.all_categories
            else list(restriction.categories),
        )
        events.record(
            types.RIGHTS_RESTRICTION_APPLIED,
            request=request,
            actor=actor,
            all_categories=restriction.all_categories,
            categories=list(restriction.categories),
            recipients=told,
        )
        _close(request, actor, now)
    _tell(
        request,
        "Your privacy request: use of your data restricted",
        "restricted",
        recipients=recipient_names(declaration_active(), told),
    )
    return restriction


def restriction_lift_announce(
    *,
    request_id: uuid.UUID,
    actor: Actor,
    lift_on: dt.date,
    reason: str,
    now: dt.datetime | None = None,
) -> list[Restriction]:
    """End the restrictions a restriction request made, telling the person first.

    Art. 18(3): a person who obtained a restriction is told before it is lifted.
    The subject's restrictions that would still hold at the start of `lift_on`
    (the studio's time zone) end then; it must be a later day than today; the
    person is e-mailed now with the date and the reason, and their right to
    complain. A date not ahead, an empty reason, another type of request or no
    restriction in force raise RightsError, and nothing changes. Return the
    restrictions that will end.
    """
    moment = now or timezone.now()
    if not reason.strip():
        raise RequestInvalid("Say why the restriction ends; the person is told.")
    if lift_on <= timezone.localdate(moment):
        raise RequestInvalid(
            "Choose a later day than today: the person must be told before the "
            "restriction ends (Art. 18(3))."
        )
    ends = timezone.make_aware(dt.datetime.combine(lift_on, dt.time.min))
    with transaction.atomic():
        request = Request.objects.select_for_update().get(pk=request_id)
        if request.type != RequestType.RESTRICTION:
            raise TransitionRefused(f"A {request.type} request made no restriction.")
        standing = [
            r
            for r in restrictions_for(request.subject_id)
            if r.active_from < ends and (r.active_to is None or r.active_to > ends)
        ]
        if not standing:
            raise TransitionRefused("No restriction of this person is in force.")
        lifted = [restriction_lift(restriction_id=r.pk, now=ends) for r in standing]
        events.record(
            types.RIGHTS_RESTRICTION_LIFT_ANNOUNCED,
            request=request,
            actor=actor,
            restrictions=[r.pk for r in lifted],
            lift_on=lift_on.isoformat(),
        )
    _tell(
        request,
        "Your privacy request: the restriction of your data ends",
        "restriction_lifting",
        lift_on=lift_on,
        reason=reason.strip(),
    )
    return lifted


def objection_request_fulfil(
    *,
    request_id: uuid.UUID,
    purposes: Iterable[str],
    actor: Actor,
    now: dt.datetime | None = None,
) -> list[str]:
    """Uphold the requester's objection to each named purpose; return the purposes.

    An objection to direct marketing is absolute (Art. 21(3), DSR-12); a purpose
    open to no objection raises RequestInvalid and nothing changes.
    """
    named = sorted(set(purposes))
    if not named:
        raise RequestInvalid("Name the purposes objected to.")
    with transaction.atomic():
        request = _open_request(request_id, {RequestType.OBJECTION})
        for purpose in named:
            try:
                objection_record(
                    subject_id=request.subject_id, purpose=purpose, now=now
                )
            except ConsentError as error:
                raise RequestInvalid(str(error)) from None
        events.record(
            types.RIGHTS_OBJECTION_UPHELD, request=request, actor=actor, purposes=named
        )
        _close(request, actor, now)
    names = [declaration_active().purpose(key).name for key in named]
    _tell(request, "Your privacy request: objection upheld", "objected", purposes=names)
    return named


def opt_out_request_fulfil(
    *, request_id: uuid.UUID, actor: Actor, now: dt.datetime | None = None
) -> list[str]:
    """Honour a California opt-out of sale and sharing; return the purposes refused.

    No identity check is needed (CCPA reg §7026); every purpose whose recipients or
    cookies sell or share data is refused in the consent ledger, so the gate stops
    it at its next check (CA-03).
    """
    with transaction.atomic():
        request = _open_request(request_id, {RequestType.OPT_OUT_SALE_SHARING})
        refused = _sale_and_sharing_refuse(
            request.subject_id, gpc=False, now=now or timezone.now()
        )
        events.record(
            types.RIGHTS_OPT_OUT_HONOURED,
            request=request,
            actor=actor,
            purposes=refused,
            gpc=False,
        )
        _close(request, actor, now)
    _tell(request, "Your privacy request: we do not sell or share", "opted_out")
    return refused


def gpc_opt_out_honour(
    *, subject_id: uuid.UUID, now: dt.datetime | None = None
) -> list[str]:
    """Treat a signed-in person's Global Privacy Control signal as an opt-out request.

    A GPC signal is a valid request to opt out of sale and sharing (CCPA reg §7025,
    CK-05): every sale or sharing purpose not yet refused is refused with the GPC
    mark, and the audit log records it as an opt-out honoured. Seen again on the
    next page, it records nothing more.
    """
    with transaction.atomic():
        refused = _sale_and_sharing_refuse(
            subject_id, gpc=True, now=now or timezone.now()
        )
        if refused:
            audit_record(
                action=types.RIGHTS_OPT_OUT_HONOURED,
                actor=Actor.system("consent.gpc"),
                subject_id=subject_id,
                details={"purposes": refused, "gpc": True},
            )
    return refused


def _sale_and_sharing_refuse(
    subject_id: uuid.UUID, *, gpc: bool, now: dt.datetime
) -> list[str]:
    declaration = declaration_active()
    states = consent_current_for(subject_id)
    refused = [
        key
        for key in sale_or_sharing_purposes(declaration)
        if (state := states.get(key)) is not None
        # Skip what was already refused; a purpose never asked about is refused now.
        and (state.decided_at is None or state.granted)
    ]
    consents_withdraw(
        subject_id=subject_id,
        purposes=refused,
        surface=Surface.PRIVACY_CENTRE,
        mechanism=Mechanism.GPC if gpc else Mechanism.BUTTON,
        gpc=gpc,
        now=now,
    )
    return refused
