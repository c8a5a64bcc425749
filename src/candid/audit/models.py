from typing import Any, NoReturn

from django.db import models

from candid.audit.chain import GENESIS_HASH
from candid.audit.entries import ActorKind
from candid.audit.exceptions import AuditLogAppendOnly
from candid.audit.fields import CanonicalJSONField, SequenceField

APPEND_ONLY = (
    "Audit events are never changed or deleted: append with "
    "candid.audit.services.audit_record(); drop old ones only with "
    "candid.audit.pruning.audit_prune()."
)


class AuditEventQuerySet(models.QuerySet):
    """Refuse bulk updates and deletes; the database triggers refuse raw SQL too."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise AuditLogAppendOnly(APPEND_ONLY)

    def delete(self) -> NoReturn:
        raise AuditLogAppendOnly(APPEND_ONLY)


class AuditEvent(models.Model):
    """One access to or change of personal data, chained to the event before it.

    `sequence` numbers the chain 1, 2, 3... without gaps. `occurred_at` is when it
    happened. `actor_kind` and `actor_id` say who acted (staff 7, client 12, system
    "retention", anonymous visitor "v-3f2a"), `subject_id` whose data it was. `action`
    is an event type of `candid.audit.events` (`data.read`, `vault.key_destroyed`),
    `purpose` the declared purpose key (`customer_support`), `categories` the data
    categories involved (["user.contact.email"]), `object_references` the rows
    touched ([{"model": "shop.Order", "pk": "42"}]), and `details` a few ids, keys,
    counts or booleans ({"fields": ["email"]}). No field holds a personal value, so
    erasing a subject leaves the log whole. `hash` is SHA-256 over the other fields
    and `previous_hash` (see `candid.audit.chain`).
    """

    sequence = SequenceField(primary_key=True)
    occurred_at = models.DateTimeField()
    actor_kind = models.CharField(max_length=16, choices=ActorKind.choices)
    actor_id = models.CharField(max_length=100, blank=True)
    subject_id = models.UUIDField(null=True, blank=True, db_index=True)
    action = models.CharField(max_length=64)
    purpose = models.CharField(max_length=100, blank=True)
    categories = CanonicalJSONField(default=list)
    object_references = CanonicalJSONField(default=list)
    details = CanonicalJSONField(default=dict)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = AuditEventQuerySet.as_manager()

    class PersonalData:
        # The subject's id is Candid's random pseudonym for them, as on Subject
        # itself; the actor id is a user pk or a task name. The log names categories
        # and keys but holds none of their values.
        subject = "subject_id"
        fields = {
            "sequence": None,
            "occurred_at": None,
            "actor_kind": None,
            "actor_id": None,
            "subject_id": None,
            "action": None,
            "purpose": None,
            "categories": None,
            "object_references": None,
            "details": None,
            "previous_hash": None,
            "hash": None,
        }

    class Retention:
        # Dropped only as a verified prefix behind a checkpoint (audit_prune, through
        # candid.retention.auditlog), never row by row.
        record = "audit_event"
        triggers = {"collected": "occurred_at"}

    class Meta:
        ordering = ["sequence"]
        get_latest_by = "sequence"
        # Viewing only: the admin offers no add, change or delete.
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditLogAppendOnly(APPEND_ONLY)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditLogAppendOnly(APPEND_ONLY)


class AuditChainHead(models.Model):
    """The end of the chain, and where it starts after old events were pruned.

    One row, locked by every append so the chain never forks. `sequence` and `hash`
    are those of the last event (0 and GENESIS_HASH before the first).
    `pruned_through` and `pruned_hash` are those of the last dropped event (0 and
    GENESIS_HASH if none was), and `checkpoint_sequence` is the `audit.chain_pruned`
    event that recorded the drop, which the verifier holds them against.
    """

    ROW_ID = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=ROW_ID)
    sequence = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS_HASH)
    pruned_through = models.BigIntegerField(default=0)
    pruned_hash = models.CharField(max_length=64, default=GENESIS_HASH)
    checkpoint_sequence = models.BigIntegerField(default=0)

    class PersonalData:
        subject = None
        fields = {
            "id": None,
            "sequence": None,
            "hash": None,
            "pruned_through": None,
            "pruned_hash": None,
            "checkpoint_sequence": None,
        }

    class Meta:
        default_permissions = ()
        constraints = [
            models.CheckConstraint(
                condition=models.Q(id=1), name="audit_one_chain_head"
            )
        ]

    def __str__(self) -> str:
        return f"Audit chain head at #{self.sequence}"
