"""Erase a subject on request: a fast synchronous start, then the rest in batches.

`erasure_start` does what must not wait (DSR-10, Art. 17, CCPA §1798.105): it marks
the request, withdraws every consent and suppresses the address from marketing,
ends every session and sign-in, seals again the values a legal obligation keeps,
marks the subject erased (the purpose gate then refuses every use) and destroys the
subject's key, so every encrypted field and file of theirs is unreadable at once,
backups included. It uses only indexed lookups on the subject's own rows, so its
cost does not grow with the number of other clients.

What a legal obligation keeps (e.g. purchase history for 8 years of tax law) must
survive the shredding. Kept values stored in clear (prices, dates, product names)
simply stay, with every other personal field of their row emptied. Kept values
that were encrypted are sealed again, before the key goes, under the key of a new
"retained" subject that the row then points at: they stay encrypted at rest
(SEC-04), their own retention rules apply to them, and when that period ends the
retained subject is erased like any other, crypto-shredding them in every backup
too. Keeping them in clear instead would leave names and addresses readable in
every backup for years. Nothing but the erasure job links the retained subject to
the person. This is the one part whose cost grows with the subject's own data (a
few orders, usually), never with the number of other clients.

`erasure_run` (a task) then walks the data map in bounded batches, deleting rows or
keeping them minimised as the declaration says, deleting files, and records its
place after every batch: killed mid-way, it resumes where it stopped. Once every
recipient erased the subject too (`candid.rights.services.propagation`),
`erasure_close` completes the request and tells the requester.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from candid.audit import events as types
from candid.audit.entries import Actor
from candid.audit.services import audit_record
from candid.consent.models import Surface
from candid.consent.purposes import subject_changed
from candid.consent.selectors import consent_current_for
from candid.consent.services import consents_withdraw
from candid.datamap.models import Subject
from candid.datamap.registry import registry
from candid.mail.services import suppression_add
from candid.notices.selectors import declaration_active, declaration_request_scope
from candid.policy import Declaration
from candid.retention.selectors import holds_active_at
from candid.rights import events
from candid.rights.erasure_plan import ModelPlan, erasure_plans, recipients_to_ask
from candid.rights.exceptions import TransitionRefused
from candid.rights.hooks import handle_providers, start_hooks
from candid.rights.models import (
    ErasureJob,
    ErasureStage,
    Propagation,
    Request,
    RequestType,
    State,
)
from candid.rights.purpose import records_purpose_require
from candid.rights.services import erasure_rows as rows
from candid.rights.services.lifecycle import request_start
from candid.vault.services import subject_key_destroy

ERASURE_TYPES = frozenset({RequestType.ERASURE, RequestType.DELETE})
HELD = (
    "A legal hold keeps this person's records (Art. 17(3)(e)): erase them once it "
    "is released, or answer the request with that reason."
)
BATCH_SIZE = 200


def erasure_start(
    *, request_id: uuid.UUID, actor: Actor, now: dt.datetime | None = None
) -> ErasureJob:
    """Start erasing a verified erasure request's subject; return the erasure job.

    Synchronous and fast (issue 6: under 50 ms whatever the number of clients):
    consents withdrawn, address suppressed, sign-in and sessions ended, kept values
    sealed again, subject marked erased, key destroyed; the rest is queued. A
    request of another type, unverified or closed raises TransitionRefused and
    nothing changes. Idempotent: starting again returns the same job.
    """
    moment = now or timezone.now()
    with declaration_request_scope(), transaction.atomic():
        request = Request.objects.select_for_update().get(pk=request_id)
        job = ErasureJob.objects.filter(request=request).first()
        if job is None:
            _check_erasable(request, moment)
            job = _job_open(request, actor=actor, moment=moment)
        job_id = str(job.pk)
        transaction.on_commit(lambda: _enqueue_run(job_id))
    # The key goes now; the worker records it (job and audit log) with the time
    # the key store gives, keeping this part to one key-store transaction.
    if job.key_destroyed_at is None:
        subject_key_destroy(subject_id=job.subject_id, now=moment)
    return job


def _check_erasable(request: Request, moment: dt.datetime) -> None:
    if request.type not in ERASURE_TYPES:
        raise TransitionRefused(f"A {request.type} request does not erase data.")
    if request.verified_at is None:
        raise TransitionRefused("Verify the requester's identity first (DSR-05).")
    if not request.open:
        raise TransitionRefused(f"This request is already {request.state}.")
    if _held(request.subject_id, moment):
        raise TransitionRefused(HELD)
    records_purpose_require(request.subject_id)


def _held(subject_id: uuid.UUID, moment: dt.datetime) -> bool:
    """Say whether a legal hold in force keeps the subject or one of their records.

    Destroying the key would make held records unreadable, so an erasure waits
    for the hold to end (Art. 17(3)(e), RET-03). Holds are few: the records held
    one by one are each looked up by primary key.
    """
    holds = holds_active_at(moment).filter(
        Q(subject_id=subject_id) | Q(subject_id__isnull=True)
    )
    by_label = {e.model._meta.label: e for e in registry().entries if e.subject_path}
    for held_subject, label, pk in holds.values_list(
        "subject_id", "record_model", "record_pk"
    ):
        if held_subject is not None:
            return True
        entry = by_label.get(label)
        if (
            entry is not None
            and entry.model._base_manager.filter(
                pk=pk, **{entry.subject_path: subject_id}
            ).exists()
        ):
            return True
    return False


@sensitive_variables("email")
def _job_open(request: Request, *, actor: Actor, moment: dt.datetime) -> ErasureJob:
    if request.state in (State.RECEIVED, State.VERIFYING):
        request_start(request=request, actor=actor)
    declaration = declaration_active()
    subject_id = request.subject_id
    email = request.contact_email or ""
    job = ErasureJob.objects.create(
        request=request,
        subject_id=subject_id,
        contact_email=email or None,
        handles=_handles(subject_id, email),
        created_at=moment,
    )
    recipients = _propagations_plan(job, declaration)
    _marketing_suppress(email, declaration)
    plans = erasure_plans(declaration)
    ended = sum(rows.sign_in_end(p, subject_id) for p in plans if p.credential_fields)
    for hook in start_hooks():
        hook(subject_id)
    moved = _kept_sealed_move(job, plans)
    Subject.objects.filter(pk=subject_id).update(erased_at=moment)
    subject_changed(subject_id)
    # The audit log's chain head stays locked from the first append to the commit:
    # the withdrawals (audited) and the start's own event come last (STYLE §5).
    withdrawn = _consents_withdraw(subject_id, moment)
    events.record(
        types.RIGHTS_ERASURE_STARTED,
        request=request,
        actor=actor,
        consents_withdrawn=withdrawn,
        sessions_ended=ended,
        kept_rows_moved=moved,
        recipients=recipients,
    )
    return job


@sensitive_variables("email")
def _handles(subject_id: uuid.UUID, email: str) -> dict[str, Any]:
    """Return what recipients need to find the subject, read before the key goes."""
    handles: dict[str, Any] = {"email": email}
    for provider in handle_providers():
        for recipient, values in provider(subject_id).items():
            handles.setdefault(recipient, [])
            handles[recipient] = sorted({*handles[recipient], *map(str, values)})
    return handles


def _propagations_plan(job: ErasureJob, declaration: Declaration) -> list[str]:
    """Plan one propagation per recipient that can have received the subject's data."""
    asked = recipients_to_ask(declaration)
    Propagation.objects.bulk_create(
        [
            Propagation(
                request_id=job.request_id,
                subject_id=job.subject_id,
                job=job,
                recipient=key,
                connector=how,
                created_at=job.created_at,
            )
            for key, how in asked
        ]
    )
    return [key for key, _ in asked]


@sensitive_variables("email")
def _marketing_suppress(email: str, declaration: Declaration) -> None:
    """Keep only a keyed hash of the address, so no marketing e-mail reaches it again."""
    if not email:
        return
    for purpose in declaration.purposes:
        if purpose.is_marketing:
            suppression_add(email=email, list_key=purpose.key)


def _consents_withdraw(subject_id: uuid.UUID, moment: dt.datetime) -> int:
    granted = [
        purpose
        for purpose, state in consent_current_for(subject_id).items()
        if state.granted
    ]
    consents_withdraw(
        subject_id=subject_id, purposes=granted, surface=Surface.STAFF, now=moment
    )
    return len(granted)


def _kept_sealed_move(job: ErasureJob, plans: list[ModelPlan]) -> int:
    def retained() -> uuid.UUID:
        if job.retained_subject_id is None:
            job.retained_subject_id = rows.retained_subject_create()
            job.save(update_fields=["retained_subject_id"])
        return job.retained_subject_id

    return sum(
        rows.kept_sealed_move(p, job.subject_id, retained)
        for p in plans
        if p.kept_encrypted
    )


def _key_destroy(job: ErasureJob, *, actor: Actor, moment: dt.datetime) -> ErasureJob:
    """Destroy the subject's key if the start could not, and record when (idempotent).

    The key store returns the first destruction's time, so a key destroyed by the
    synchronous part is recorded with the moment it really went.
    """
    if job.key_destroyed_at is not None:
        return job
    destroyed_at = subject_key_destroy(subject_id=job.subject_id, now=moment)
    with transaction.atomic():
        ErasureJob.objects.filter(pk=job.pk).update(key_destroyed_at=destroyed_at)
        audit_record(
            action=types.VAULT_KEY_DESTROYED,
            actor=actor,
            subject_id=job.subject_id,
            objects=[job],
            now=destroyed_at,
        )
    job.key_destroyed_at = destroyed_at
    return job


def _enqueue_run(job_id: str) -> None:
    from candid.rights.tasks import erasure_run_task

    erasure_run_task.enqueue(job_id=job_id)


def erasure_run(
    *,
    job_id: uuid.UUID,
    batch_size: int = BATCH_SIZE,
    max_batches: int | None = None,
) -> ErasureJob:
    """Erase the job's subject from every model of the data map, in bounded batches.

    Each batch is one transaction that also records the job's place, so a run
    killed at any point resumes at the first unfinished batch, and running it
    again after it finished changes nothing. Then the recipients are asked.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1.")
    job = ErasureJob.objects.get(pk=job_id)
    _key_destroy(job, actor=Actor.system("rights.erasure"), moment=timezone.now())
    if job.stage in (ErasureStage.STARTED, ErasureStage.ERASING):
        done = _rows_erase(job, batch_size, max_batches)
        if not done:
            return ErasureJob.objects.get(pk=job_id)
        ErasureJob.objects.filter(pk=job_id, stage__in=["started", "erasing"]).update(
            stage=ErasureStage.PROPAGATING
        )
    from candid.rights.services.propagation import propagations_enqueue

    propagations_enqueue(job_id=job.pk)
    return ErasureJob.objects.get(pk=job_id)


def _rows_erase(job: ErasureJob, batch_size: int, max_batches: int | None) -> bool:
    batches = 0
    for plan in erasure_plans(declaration_active()):
        while plan.label not in job.models_done:
            if max_batches is not None and batches >= max_batches:
                return False
            job = _batch(job.pk, plan, batch_size)
            batches += 1
    return True


def _batch(job_id: uuid.UUID, plan: ModelPlan, batch_size: int) -> ErasureJob:
    with transaction.atomic():
        job = ErasureJob.objects.select_for_update().get(pk=job_id)
        if plan.label in job.models_done:
            return job
        found = rows.subject_rows(plan, job.subject_id).order_by("pk")
        if job.cursor.get("model") == plan.label:
            found = found.filter(pk__gt=job.cursor["after"])
        batch = list(found[:batch_size])
        # Deleting a row clears its pk on the instance: remember the place first.
        last_pk = batch[-1].pk if batch else None
        outcomes = [rows.row_erase(plan, row) for row in batch]
        _advance(job, plan, last_pk, outcomes, finished=len(batch) < batch_size)
    return job


def _advance(
    job: ErasureJob,
    plan: ModelPlan,
    last_pk: Any,
    outcomes: list[str],
    *,
    finished: bool,
) -> None:
    deleted = outcomes.count("deleted")
    minimised = outcomes.count("minimised")
    job.rows_deleted += deleted
    job.rows_minimised += minimised
    job.stage = ErasureStage.ERASING
    if finished:
        job.models_done = [*job.models_done, plan.label]
        job.cursor = {}
    else:
        job.cursor = {"model": plan.label, "after": str(last_pk)}
    job.save(
        update_fields=[
            "rows_deleted",
            "rows_minimised",
            "stage",
            "models_done",
            "cursor",
        ]
    )
    if outcomes:
        audit_record(
            action=types.RIGHTS_ERASURE_BATCH,
            actor=Actor.system("rights.erasure"),
            subject_id=job.subject_id,
            objects=[job],
            details={
                "model": plan.model._meta.label_lower,
                "deleted": deleted,
                "minimised": minimised,
            },
        )
