"""The second step of verification: data points, and in California a declaration.

Once the code proved control of the address, a request that discloses or deletes
data needs `data_points_required` further points the studio holds (DSR-05, CCPA
regs §7062): the requester answers at least that many of the registered questions
(candid.rights.identity), and every answer must match the records of the subject
the address belongs to. A mismatch counts toward the same `max_attempts` lock as a
wrong code. The answer is the same whether the address has no account or the
answers are wrong, so the step reveals nothing about who has an account. When the
answers match, the request moves to that subject, so the export or erasure covers
the person's own data.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from candid.audit.entries import Actor
from candid.notices.selectors import declaration_active
from candid.rights import events
from candid.rights.exceptions import TransitionRefused, VerificationFailed
from candid.rights.identity import data_points_matched, subject_for_email
from candid.rights.models import Request, State, VerificationMethod, VerificationOutcome
from candid.rights.services.verification import (
    LOCKED,
    NOT_WAITING,
    failure_count,
    identity_settle,
    subject_relink,
)

NO_MATCH = (
    "Those details do not match what we hold for this e-mail address. Check them "
    "and try again."
)
TOO_FEW = "Answer at least {count} of the questions."
DECLARATION_MISSING = (
    "Sign the declaration: tick the box and type your full name as your signature."
)
DECLARATION = (
    "I declare under penalty of perjury under the laws of the State of California "
    "that I am the person whose personal information this request is about, or "
    "their authorised agent, and that the information I gave is true."
)


@sensitive_variables("answers", "signature")
def verification_data_points_check(
    *,
    request_id: uuid.UUID,
    answers: Mapping[str, str],
    signature: str = "",
    declared: bool = False,
    correcting: str = "",
    now: dt.datetime | None = None,
) -> Request:
    """Verify the requester if enough answers match and the declaration is signed.

    Too few answers or an unsigned declaration are refused without counting; any
    answer that does not match counts one failure. A correction is verified with
    data other than the data being corrected (`correcting`, a data point key;
    CCPA reg §7060, DSR-09). Raise VerificationFailed.
    """
    now = now or timezone.now()
    answers = _without_corrected(answers, correcting)
    with transaction.atomic():
        request = Request.objects.select_for_update().get(pk=request_id)
        _check_waiting(request)
        _check_complete(request, answers, signature=signature, declared=declared)
        subject_id = subject_for_email(request.contact_email or "")
        # An unknown address is checked against a subject no one has, so it takes
        # the same queries, and about the same time, as a known one.
        answered, matched = data_points_matched(subject_id or uuid.uuid4(), answers)
        if subject_id is None or matched < answered:
            declaration = declaration_active()
            limit = declaration.rights.verification.max_attempts
            locked = failure_count(request, limit, step="data_points")
        else:
            _matched(request, subject_id, matched, signature, now=now)
    if subject_id is None or matched < answered:
        raise VerificationFailed(LOCKED if locked else NO_MATCH)
    return request


def _without_corrected(answers: Mapping[str, str], correcting: str) -> dict[str, str]:
    # The detail to be corrected is what the requester says is wrong: it proves
    # nothing about who they are, so it does not count.
    return {key: value for key, value in answers.items() if key != correcting}


def _check_waiting(request: Request) -> None:
    if request.verification_outcome == VerificationOutcome.LOCKED:
        raise VerificationFailed(LOCKED)
    if not waits_for_data_points(request):
        raise TransitionRefused(NOT_WAITING)


def waits_for_data_points(request: Request) -> bool:
    """Say whether the requester is to answer the data-point questions now."""
    return (
        request.state == State.VERIFYING
        and request.email_confirmed_at is not None
        and request.verification_outcome == VerificationOutcome.PENDING
        and bool(request.data_points_required or request.declaration_required)
    )


@sensitive_variables("answers", "signature")
def _check_complete(
    request: Request, answers: Mapping[str, str], *, signature: str, declared: bool
) -> None:
    given = sum(1 for value in answers.values() if value.strip())
    if given < request.data_points_required:
        raise VerificationFailed(TOO_FEW.format(count=request.data_points_required))
    if request.declaration_required and not (declared and signature.strip()):
        raise VerificationFailed(DECLARATION_MISSING)


@sensitive_variables("signature")
def _matched(
    request: Request,
    subject_id: uuid.UUID,
    matched: int,
    signature: str,
    *,
    now: dt.datetime,
) -> None:
    subject_relink(request, subject_id)
    request.data_points_matched = matched
    actor = Actor.anonymous(subject_id)
    events.record(events.data_points_matched, request=request, actor=actor)
    if request.declaration_required:
        request.declaration_signed_at = now
        request.declaration_signature = signature.strip()
        events.record(events.declaration_signed, request=request, actor=actor)
    identity_settle(
        request,
        method=VerificationMethod.EMAIL_AND_DATA,
        actor=actor,
        declaration=declaration_active(),
        now=now,
    )


def verification_staff_check_ask(*, request_id: uuid.UUID) -> Request:
    """Hand the identity check to staff when the requester cannot answer.

    For someone without an account, or who no longer has the data asked for; staff
    then check another way and confirm (`verification_staff_confirm`). The answer
    is the same for everyone.
    """
    with transaction.atomic():
        request = Request.objects.select_for_update().get(pk=request_id)
        _check_waiting(request)
        request.verification_outcome = VerificationOutcome.STAFF_REVIEW
        request.save(update_fields=["verification_outcome"])
        events.record(
            events.staff_check_asked,
            request=request,
            actor=Actor.anonymous(request.subject_id),
        )
    return request
