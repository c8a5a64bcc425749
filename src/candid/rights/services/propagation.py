"""Pass an erasure on to every recipient, and close the request once all did.

One task per declared recipient with an `erasure_connector` other than "none"
(Art. 17(2), 19; CCPA reg §7022(b); PRC-06): Stripe and Mailchimp through their
APIs, any other by a letter to its declared `erasure_contact` carrying a reference,
which a named staff member then attests. The request cannot close until every
recipient is done or attested; then the requester is told the outcome and the
erasure's own key, sealing the address and handles, is destroyed.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid

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
from candid.rights.erasure_plan import kept_categories, kept_records
from candid.rights.exceptions import RightsError, TransitionRefused
from candid.rights.models import (
    ErasureJob,
    ErasureStage,
    Propagation,
    PropagationState,
)
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


@sensitive_variables("handles", "email")
def propagation_run(*, propagation_id: int) -> Propagation:
    """Ask one recipient to erase the subject; a failure is recorded for a retry.

    Idempotent: a recipient done, attested or already written to is not asked again.
    """
    propagation = Propagation.objects.select_related("job").get(pk=propagation_id)
    if propagation.state not in (PropagationState.PENDING, PropagationState.FAILED):
        return propagation
    handles = propagation.job.handles or {}
    email = handles.get("email", "")
    try:
        state = _ask(propagation, email, handles)
    except connectors.ConnectorFailed as error:
        return _failed(propagation, str(error))
    now = timezone.now()
    with transaction.atomic():
        propagation.state = state
        propagation.attempts += 1
        propagation.last_error = ""
        propagation.finished_at = now if state == PropagationState.DONE else None
        propagation.save(
            update_fields=[
                "state",
                "attempts",
                "last_error",
                "finished_at",
                "token_hash",
            ]
        )
        _record(types.RIGHTS_ERASURE_PROPAGATED, propagation, SYSTEM)
    if state == PropagationState.DONE:
        erasure_close(job_id=propagation.job_id)
    return propagation


@sensitive_variables("email", "handles")
def _ask(propagation: Propagation, email: str, handles: dict) -> str:
    if propagation.connector == "stripe":
        connectors.stripe_erase(email=email, customer_ids=handles.get("stripe", []))
        return PropagationState.DONE
    if propagation.connector == "mailchimp":
        connectors.mailchimp_erase(email=email)
        return PropagationState.DONE
    _letter_send(propagation, email)
    return PropagationState.SENT


@sensitive_variables("email", "reference")
def _letter_send(propagation: Propagation, email: str) -> None:
    """Write to the recipient's declared erasure contact, or leave it to staff."""
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
    body = render_to_string(
        "rights/email/processor_erasure.txt",
        {
            "studio": declaration.controller.name,
            "recipient": recipient.name,
            "email": email,
            "reference": reference,
        },
    )
    EmailMessage(
        subject=f"Erasure request (Art. 17 GDPR), reference {reference}",
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
        request=propagation.job.request,
        actor=actor,
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
    """Record a named staff member's word that the recipient erased the subject.

    The attestation says how the recipient confirmed (e.g. "PayPal's reply of 3
    March"); a reference, when given, must be the one the letter carried. Without
    an attestation, or with a wrong reference, RightsError and nothing changes.
    """
    if not attestation.strip():
        raise RightsError("Say how the recipient confirmed the erasure.")
    with transaction.atomic():
        propagation = (
            Propagation.objects.select_for_update()
            .select_related("job__request")
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
    names = {r.key: r.name for r in declaration.recipients}
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
            "recipients": [
                names.get(p.recipient, p.recipient) for p in job.propagations.all()
            ],
        },
    )
