"""The erasure's own records: where each erasure got to, and each processor's part.

Imported by `candid.rights.models`, so they belong to the rights app. Neither holds a
personal value in clear: what the connectors and the final letter need (the
requester's address, a processor's customer id) is encrypted under the erasure's
own key (`vault_id`), destroyed as soon as the erasure is closed.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from candid.vault.fields import EncryptedJSONField, EncryptedTextField

PREFERENCES = "user.privacy_preferences"


class ErasureStage(models.TextChoices):
    STARTED = "started", "Sign-in ended and key destroyed"
    ERASING = "erasing", "Erasing rows"
    PROPAGATING = "propagating", "Waiting for processors"
    CLOSED = "closed", "Closed and requester told"


class ErasureJob(models.Model):
    """One erasure of one subject, and how far it got (DSR-10, issue 6).

    `request` is the erasure request it answers (one job per request).
    `subject_id` is the erased subject. `stage` moves started -> erasing ->
    propagating -> closed. `models_done` lists the labels of the models whose rows
    are finished, e.g. ["accounts.Address"], and `cursor` the model being worked on
    with the last primary key finished ({"model": "bookings.Booking", "after":
    "3f..."}), so a run that dies mid-way resumes where it stopped. `rows_deleted` and
    `rows_minimised` count what it did. `vault_id` is the random id under whose own
    data key `contact_email` (where the outcome goes) and `handles` (what each
    processor needs to find the person, e.g. {"stripe": "ana@example.com"}) are
    sealed; that key is destroyed when the job closes. Values a legal obligation
    keeps that were sealed under the subject's key are sealed again, before that
    key is destroyed, under a new subject's key (`retained_subject_id`), which has
    its own retention and no link back but this row. `key_destroyed_at` is when the
    subject's key was shredded, `closed_at` when the requester was told.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    request = models.OneToOneField(
        "rights.Request", on_delete=models.PROTECT, related_name="erasure"
    )
    subject_id = models.UUIDField(db_index=True)
    stage = models.CharField(
        max_length=16, choices=ErasureStage.choices, default=ErasureStage.STARTED
    )
    models_done = models.JSONField(default=list, blank=True)
    cursor = models.JSONField(default=dict, blank=True)
    rows_deleted = models.PositiveIntegerField(default=0)
    rows_minimised = models.PositiveIntegerField(default=0)
    vault_id = models.UUIDField(default=uuid.uuid4, unique=True)
    contact_email = EncryptedTextField(subject_field="vault_id", null=True)
    handles = EncryptedJSONField(subject_field="vault_id", null=True)
    retained_subject_id = models.UUIDField(null=True, blank=True)
    key_destroyed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class PersonalData:
        subject = "subject_id"
        fields = {
            "id": None,
            "request": None,
            "subject_id": None,
            "stage": None,
            "models_done": None,
            "cursor": None,
            "rows_deleted": None,
            "rows_minimised": None,
            "vault_id": None,
            # Sealed under the job's own key, destroyed when the job closes.
            "contact_email": "user.contact.email",
            "handles": "user.contact.email",
            # The new subject that a legal obligation's kept values moved to.
            "retained_subject_id": None,
            "key_destroyed_at": None,
            "created_at": None,
            "closed_at": None,
        }

    def __str__(self) -> str:
        return f"Erasure {self.id} ({self.stage})"


class PropagationState(models.TextChoices):
    PENDING = "pending", "Pending"
    SENT = "sent", "Asked; waiting for staff to attest"
    DONE = "done", "Done at the recipient"
    ATTESTED = "attested", "Attested by staff"
    FAILED = "failed", "Failed; will be retried"
    SUPERSEDED = "superseded", "No longer needed: the person was erased since"


FINISHED_PROPAGATIONS = frozenset(
    {PropagationState.DONE, PropagationState.ATTESTED, PropagationState.SUPERSEDED}
)


class PropagationAction(models.TextChoices):
    """What a recipient is told of (Art. 19): an erasure, a correction, a restriction."""

    ERASURE = "erasure", "Erasure"
    RECTIFICATION = "rectification", "Rectification"
    RESTRICTION = "restriction", "Restriction"


class Propagation(models.Model):
    """One recipient's part of a request: told of an erasure, correction or restriction.

    Art. 19 GDPR (and CCPA reg §7022(b) for deletion) has the studio tell every
    recipient of a subject's data of each rectification, erasure and restriction
    (PRC-06, DSR-09, DSR-10, DSR-11). `request` is the request carried out and
    `subject_id` its subject; `action` says which of the three it passes on, and
    `job` is the erasure job for an erasure. `recipient` is the declared recipient
    key ("stripe", "mailchimp", "paypal") and `connector` how it is reached:
    "stripe" and "mailchimp" by their APIs, "email" by a letter to the declared
    `erasure_contact` carrying a reference whose keyed hash is `token_hash`.
    `state` is pending -> done, or sent -> attested once a named staff member
    (`attested_by`, `attested_at`, `attestation`: e.g. "PayPal confirmed by e-mail
    on 3 March") records the recipient's confirmation. `attempts` and `last_error`
    (an error class and HTTP status, never a value) show retries. What a
    correction or restriction passes on is on its request (`Request.passed_on`),
    an erasure's handles on its job.
    """

    request = models.ForeignKey(
        "rights.Request", on_delete=models.PROTECT, related_name="propagations"
    )
    subject_id = models.UUIDField(db_index=True)
    action = models.CharField(
        max_length=16,
        choices=PropagationAction.choices,
        default=PropagationAction.ERASURE,
    )
    job = models.ForeignKey(
        ErasureJob,
        on_delete=models.PROTECT,
        related_name="propagations",
        null=True,
        blank=True,
    )
    recipient = models.CharField(max_length=64)
    connector = models.CharField(max_length=16)
    state = models.CharField(
        max_length=16,
        choices=PropagationState.choices,
        default=PropagationState.PENDING,
    )
    token_hash = models.CharField(max_length=64, blank=True, default="")
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=200, blank=True, default="")
    attested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    attested_at = models.DateTimeField(null=True, blank=True)
    attestation = models.TextField(blank=True, default="")
    finished_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class PersonalData:
        subject = "subject_id"
        fields = {
            "request": None,
            "subject_id": None,
            # Which right the person exercised is a privacy choice of theirs.
            "action": PREFERENCES,
            "job": None,
            "recipient": None,
            "connector": None,
            "state": None,
            # A keyed hash of a random reference: it identifies no one.
            "token_hash": None,
            "attempts": None,
            "last_error": None,
            # The staff member accountable for the attestation.
            "attested_by": None,
            "attested_at": None,
            "attestation": PREFERENCES,
            "finished_at": None,
            "created_at": None,
        }

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["request", "recipient"],
                name="rights_propagation_one_per_request_recipient",
            )
        ]
        permissions = [
            (
                "attest_propagation",
                "Can attest that a recipient erased, corrected or restricted a subject",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} at {self.recipient} ({self.state})"

    @property
    def finished(self) -> bool:
        return self.state in FINISHED_PROPAGATIONS
