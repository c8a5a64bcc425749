"""Pass an erasure, a correction or a restriction on to every recipient (Art. 19).

One task per declared recipient with an `erasure_connector` other than "none"
(Art. 17(2), 19; CCPA reg §7022(b); PRC-06, DSR-09, DSR-10, DSR-11): Stripe and
Mailchimp through their APIs, any other by a letter to its declared
`erasure_contact` carrying a reference, which a named staff member then attests.
An erasure's request cannot close until every recipient is done or attested; then
the requester is told the outcome and the erasure's own key, sealing the address
and handles, is destroyed. A correction goes only to the recipients that received
a corrected category, with only the values they hold; a restriction to those that
received a restricted one. Both requests are answered at once, and each recipient
is tracked until done or attested.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.views.decorators.debug import sensitive_variables

from candid.audit import events as types
from candid.audit.entries import Actor
from candid.mail import conf as mail_conf
from candid.mail.services import mail_send_service
from candid.notices.selectors import declaration_active
from candid.rights import connectors, events
from candid.rights.erasure_plan import (
    categories_overlap,
    kept_categories,
    kept_records,
    recipient_categories,
    recipients_to_tell,
)
from candid.rights.exceptions import RightsError, TransitionRefused
from candid.rights.models import (
    FINISHED_PROPAGATIONS,
    ErasureJob,
    ErasureStage,
    Propagation,
    PropagationAction,
    PropagationState,
    Request,
)
from candid.rights.selectors import recipient_names
from candid.rights.services.letters import MESSAGE_KEY
from candid.rights.services.lifecycle import request_complete
from candid.vault.services import subject_key_destroy

_SALT = "candid.rights.propagation"
SYSTEM = Actor.system("rights.propagation")


def reference_hash(reference: str) -> str:
    """Return the keyed hash under which a letter's reference is stored."""
    return salted_hmac(_SALT, reference, algorithm="sha256").hexdigest()


def propagations_enqueue(*, job_id: uuid.UUID) -> list[int]:
    """Queue one task per recipient still to be asked; return their ids."""
    from candid.rights.tasks import propagation_run_task

    waiting = list(
        Propagation.objects.filter(
            job_id=job_id,
            state__in=[PropagationState.PENDING, PropagationState.FAILED],
        ).values_list("pk", flat=True)
    )
    for pk in waiting:
        transaction.on_commit(lambda pk=pk: propagation_run_task.enqueue(pk))
    if not waiting:
        erasure_close(job_id=job_id)
    return waiting


@dataclass(frozen=True)
class Correction:
    """One corrected value to pass on: the field, its label and category, the value."""

    field: str  # "full_name"
    label: str  # "name", as the letters name it
    category: str  # "user.name", to find the recipients that hold it
    value: str


@sensitive_variables("changes", "email")
def recipients_tell(
    *,
    request: Request,
    action: str,
    email: str,
    categories: Iterable[str] | None = None,
    changes: Sequence[Correction] = (),
) -> list[str]:
    """Plan and queue telling each recipient of a correction or restriction (Art. 19).

    `email` is the address the recipients know the person by. A restriction names
    the restricted `categories` (None: all of the person's data); a correction
    gives its `changes`, and each recipient is later told only the values of the
    categories it received. What they need is kept on the request, sealed under
    the subject's key, until the last of them is done. Call inside the transaction
    that made the change; the tasks start once it commits. Return the recipient
    keys to be told.
    """
    if action == PropagationAction.RECTIFICATION:
        categories = {change.category for change in changes}
    elif action != PropagationAction.RESTRICTION:
        raise ValueError(
            f"Recipients are told of corrections and restrictions here, not {action}."
        )
    asked = recipients_to_tell(declaration_active(), categories)
    if not asked:
        return []
    passed_on: dict[str, Any] = {"email": email}
    if action == PropagationAction.RESTRICTION:
        passed_on["categories"] = None if categories is None else sorted(categories)
    else:
        passed_on["changes"] = [asdict(change) for change in changes]
    request.passed_on = passed_on
    request.save(update_fields=["passed_on"])
    created = Propagation.objects.bulk_create(
        [
            Propagation(
                request=request,
                subject_id=request.subject_id,
                action=action,
                recipient=key,
                connector=connector,
            )
            for key, connector in asked
        ]
    )
    for propagation in created:
        transaction.on_commit(lambda pk=propagation.pk: _enqueue(pk))
    return [key for key, _ in asked]


def propagations_retry() -> int:
    """Queue again every recipient whose last attempt failed; return how many.

    Run daily by `candid rights_remind`, so a processor that was down or refused
    (the error is on the row) is asked again until it answers or staff attest.
    """
    failed = list(
        Propagation.objects.filter(state=PropagationState.FAILED).values_list(
            "pk", flat=True
        )
    )
    for pk in failed:
        _enqueue(pk)
    return len(failed)


def _enqueue(propagation_id: int) -> None:
    from candid.rights.tasks import propagation_run_task

    propagation_run_task.enqueue(propagation_id)


@sensitive_variables("handles", "email")
def propagation_run(*, propagation_id: int) -> Propagation:
    """Tell one recipient of the erasure, correction or restriction; a failure is retried.

    Idempotent: a recipient done, attested or already written to is not asked again.
    A correction or restriction whose details were shredded by the person's erasure
    since is superseded: the erasure is passed on instead.
    """
    propagation = Propagation.objects.select_related("job", "request").get(
        pk=propagation_id
    )
    if propagation.state not in (PropagationState.PENDING, PropagationState.FAILED):
        return propagation
    if propagation.action == PropagationAction.ERASURE:
        handles = propagation.job.handles or {}
    else:
        handles = propagation.request.passed_on
        if handles is None:  # shredded by the person's erasure since
            return _finish(propagation, PropagationState.SUPERSEDED)
        handles = {**handles, "changes": _held_changes(propagation, handles)}
    email = handles.get("email", "")
    try:
        state = _ask(propagation, email, handles)
    except connectors.ConnectorFailed as error:
        return _failed(propagation, str(error))
    _finish(propagation, state)
    if state == PropagationState.DONE and propagation.job_id is not None:
        erasure_close(job_id=propagation.job_id)
    return propagation


@sensitive_variables("handles")
def _held_changes(propagation: Propagation, handles: dict) -> list[dict[str, str]]:
    """Return the corrections of the categories this recipient received."""
    received = recipient_categories(declaration_active(), propagation.recipient)
    return [
        change
        for change in handles.get("changes", [])
        if any(categories_overlap(change["category"], c) for c in received)
    ]


def _finish(propagation: Propagation, state: str) -> Propagation:
    now = timezone.now()
    with transaction.atomic():
        propagation.state = state
        propagation.attempts += state != PropagationState.SUPERSEDED
        propagation.last_error = ""
        finished = state in FINISHED_PROPAGATIONS
        propagation.finished_at = now if finished else None
        propagation.save(
            update_fields=[
                "state",
                "attempts",
                "last_error",
                "finished_at",
                "token_hash",
            ]
        )
        _record(_TOLD[propagation.action], propagation, SYSTEM)
        if finished:
            _passed_on_forget(propagation)
    return propagation


def _passed_on_forget(propagation: Propagation) -> None:
    """Forget what a request passes on once its last recipient is done (minimisation)."""
    if propagation.action == PropagationAction.ERASURE:
        return  # an erasure's handles are its job's, forgotten when it closes
    waiting = (
        Propagation.objects.filter(request_id=propagation.request_id)
        .exclude(state__in=FINISHED_PROPAGATIONS)
        .exists()
    )
    if not waiting:
        Request.objects.filter(pk=propagation.request_id).update(passed_on=None)


_TOLD = {
    PropagationAction.ERASURE: types.RIGHTS_ERASURE_PROPAGATED,
    PropagationAction.RECTIFICATION: types.RIGHTS_RECIPIENT_TOLD,
    PropagationAction.RESTRICTION: types.RIGHTS_RECIPIENT_TOLD,
}


@sensitive_variables("email", "handles")
def _ask(propagation: Propagation, email: str, handles: dict) -> str:
    action, connector = propagation.action, propagation.connector
    if not email:
        # No address to find the person by: staff ask the recipient, and attest.
        return PropagationState.SENT
    if action == PropagationAction.ERASURE:
        if connector == "stripe":
            connectors.stripe_erase(email=email, customer_ids=handles.get("stripe", []))
            return PropagationState.DONE
        if connector == "mailchimp":
            connectors.mailchimp_erase(email=email)
            return PropagationState.DONE
    elif action == PropagationAction.RECTIFICATION:
        changes = {c["field"]: c["value"] for c in handles["changes"]}
        if connector == "stripe":
            connectors.stripe_rectify(email=email, changes=changes)
            return PropagationState.DONE
        if connector == "mailchimp":
            connectors.mailchimp_rectify(email=email, changes=changes)
            return PropagationState.DONE
    elif connector == "mailchimp":  # a restriction; Stripe has no API for one
        connectors.mailchimp_restrict(email=email)
        return PropagationState.DONE
    _letter_send(propagation, email, handles)
    return PropagationState.SENT


_LETTERS = {
    PropagationAction.ERASURE: "Erasure request (Art. 17 GDPR)",
    PropagationAction.RECTIFICATION: "Correction of personal data (Arts. 16, 19 GDPR)",
    PropagationAction.RESTRICTION: "Restriction of processing (Arts. 18, 19 GDPR)",
}


@sensitive_variables("email", "reference", "handles")
def _letter_send(propagation: Propagation, email: str, handles: dict) -> None:
    """Write to the recipient's declared contact, or leave it to staff."""
    declaration = declaration_active()
    recipient = next(
        r for r in declaration.recipients if r.key == propagation.recipient
    )
    reference = secrets.token_urlsafe(12)
    propagation.token_hash = reference_hash(reference)
    contact = (recipient.erasure_contact or "").strip()
    try:
        validate_email(contact)
    except ValidationError:
        # A named team or a postal contact: staff write, and attest the answer.
        return
    restricted = handles.get("categories")
    labels = {c.key: c.label for c in declaration.data_categories}
    body = render_to_string(
        f"rights/email/processor_{propagation.action}.txt",
        {
            "studio": declaration.controller.name,
            "recipient": recipient.name,
            "email": email,
            "reference": reference,
            "changes": [(c["label"], c["value"]) for c in handles.get("changes", [])],
            "restricted": (
                None if restricted is None else [labels.get(c, c) for c in restricted]
            ),
        },
    )
    EmailMessage(
        subject=f"{_LETTERS[propagation.action]}, reference {reference}",
        body=body,
        from_email=mail_conf.from_service(),
        to=[contact],
    ).send()


def _failed(propagation: Propagation, reason: str) -> Propagation:
    with transaction.atomic():
        propagation.state = PropagationState.FAILED
        propagation.attempts += 1
        propagation.last_error = reason[:200]
        propagation.save(update_fields=["state", "attempts", "last_error"])
        _record(types.RIGHTS_PROPAGATION_FAILED, propagation, SYSTEM)
    return propagation


def _record(action: types.EventType, propagation: Propagation, actor: Actor) -> None:
    events.record(
        action,
        request=propagation.request,
        actor=actor,
        passed_on=str(propagation.action),
        recipient=propagation.recipient,
        connector=propagation.connector,
        outcome=str(propagation.state),
        attempts=propagation.attempts,
    )


def propagation_attest(
    *,
    propagation_id: int,
    staff_id: uuid.UUID,
    attestation: str,
    reference: str = "",
    now: dt.datetime | None = None,
) -> Propagation:
    """Record a named staff member's word that the recipient did as it was asked.

    The attestation says how the recipient confirmed (e.g. "PayPal's reply of 3
    March"); a reference, when given, must be the one the letter carried. Without
    an attestation, or with a wrong reference, RightsError and nothing changes.
    """
    if not attestation.strip():
        raise RightsError("Say how the recipient confirmed it.")
    with transaction.atomic():
        propagation = (
            Propagation.objects.select_for_update()
            .select_related("request")
            .get(pk=propagation_id)
        )
        if propagation.finished:
            raise TransitionRefused(f"{propagation} is already finished.")
        if reference and not constant_time_compare(
            reference_hash(reference.strip()), propagation.token_hash
        ):
            raise RightsError("That reference is not the one this recipient was sent.")
        propagation.state = PropagationState.ATTESTED
        propagation.attested_by_id = staff_id
        propagation.attested_at = now or timezone.now()
        propagation.attestation = attestation.strip()
        propagation.finished_at = propagation.attested_at
        propagation.save(
            update_fields=[
                "state",
                "attested_by",
                "attested_at",
                "attestation",
                "finished_at",
            ]
        )
        _record(types.RIGHTS_PROPAGATION_ATTESTED, propagation, Actor.staff(staff_id))
        _passed_on_forget(propagation)
    if propagation.job_id is not None:
        erasure_close(job_id=propagation.job_id)
    return propagation


def erasure_close(*, job_id: uuid.UUID, now: dt.datetime | None = None) -> bool:
    """Complete the request once rows and recipients are done; return True if closed.

    The requester is told what was erased, what a legal obligation keeps and who
    was asked (DSR-10, DSR-13); then the erasure's own key is destroyed, so the
    address it was written to and the recipients' handles are unreadable too.
    """
    with transaction.atomic():
        job = (
            ErasureJob.objects.select_for_update()
            .select_related("request")
            .get(pk=job_id)
        )
        if job.stage != ErasureStage.PROPAGATING:
            return False
        if any(not p.finished for p in job.propagations.all()):
            return False
        if job.request.open:  # staff may have marked it answered already
            request_complete(request=job.request, actor=SYSTEM, now=now)
        _outcome_send(job)
        events.record(
            types.RIGHTS_ERASURE_COMPLETED,
            request=job.request,
            actor=SYSTEM,
            rows_deleted=job.rows_deleted,
            rows_minimised=job.rows_minimised,
        )
        job.stage = ErasureStage.CLOSED
        job.closed_at = now or timezone.now()
        job.contact_email = None
        job.handles = None
        job.save(update_fields=["stage", "closed_at", "contact_email", "handles"])
    subject_key_destroy(subject_id=job.vault_id)
    return True


@sensitive_variables("address")
def _outcome_send(job: ErasureJob) -> None:
    address = job.contact_email
    if not address:
        return
    declaration = declaration_active()
    mail_send_service(
        message_key=MESSAGE_KEY,
        to=address,
        subject="Your privacy request: your data has been erased",
        text_template="rights/email/erasure_done.txt",
        context={
            "request": job.request,
            "studio": declaration.controller.name,
            "kept": [
                rule
                for rule in declaration.retention
                if (rule.category in kept_categories(declaration))
                or (rule.record in kept_records(declaration))
            ],
            "recipients": recipient_names(
                declaration, [p.recipient for p in job.propagations.all()]
            ),
        },
    )
