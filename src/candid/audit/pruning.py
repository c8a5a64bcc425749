"""Drop the oldest audit events, leaving a checkpoint the chain verifies from.

Retention may end the life of old events, but never silently. `audit_prune` drops
a prefix of the chain only after verifying it, and first appends an
`audit.chain_pruned` event that carries the number and hash of the last event
dropped. The chain head keeps the same pair and the checkpoint's number; the
verifier then starts from that hash and holds it against the checkpoint, itself
part of the chain. A prefix dropped any other way is reported as missing or
unanchored. The database refuses other deletes: on PostgreSQL a trigger admits only
rows at or below the head's `pruned_through`; on SQLite, whose test database is
emptied with plain DELETEs, a trigger admits only the oldest remaining row, so no
hole can be cut into the chain.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from candid.audit.entries import Actor, AuditEntry
from candid.audit.events import AUDIT_CHAIN_PRUNED
from candid.audit.exceptions import AuditChainBroken, AuditEntryInvalid
from candid.audit.head import lock_chain_head
from candid.audit.models import AuditChainHead, AuditEvent
from candid.audit.services import append_after
from candid.audit.verification import DEFAULT_BATCH_SIZE, verify_through


@dataclass(frozen=True)
class PruneResult:
    """How many events were dropped, and the checkpoint event that records it."""

    dropped: int
    checkpoint_sequence: int | None


def audit_prune(
    *,
    through_sequence: int,
    actor: Actor,
    now: dt.datetime | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> PruneResult:
    """Drop the events up to `through_sequence`, recorded by a checkpoint event.

    Keeps the log verifiable after retention ends old events (RET-02, SEC-07).
    Idempotent: events already dropped are not dropped again. Refuses, changing
    nothing, to drop events not yet recorded or a stretch that does not verify.
    Runs in one transaction holding the chain lock, so callers sweep in bounded
    steps.
    """
    if isinstance(through_sequence, bool) or not isinstance(through_sequence, int):
        raise AuditEntryInvalid("through_sequence must be an event's sequence number")
    entry_time = timezone.now() if now is None else now
    with transaction.atomic():
        head = lock_chain_head()
        if through_sequence <= head.pruned_through:
            return PruneResult(dropped=0, checkpoint_sequence=None)
        if through_sequence > head.sequence:
            raise AuditEntryInvalid(
                f"cannot drop events up to #{through_sequence}: the chain ends at "
                f"#{head.sequence}"
            )
        return _prune(head, through_sequence, actor, entry_time, batch_size)


def _prune(
    head: AuditChainHead,
    through: int,
    actor: Actor,
    now: dt.datetime,
    batch_size: int,
) -> PruneResult:
    segment = verify_through(head, through=through, batch_size=batch_size)
    if not segment.intact:
        raise AuditChainBroken(f"Nothing was dropped. {segment.message}")
    dropped = through - head.pruned_through
    checkpoint = AuditEntry(
        action=AUDIT_CHAIN_PRUNED,
        actor=actor,
        details={
            "through_sequence": through,
            "through_hash": segment.last_hash,
            "events_dropped": dropped,
        },
        occurred_at=now,
    )
    (row,) = append_after(head, [checkpoint], now=now)
    # The PostgreSQL trigger admits the delete once the head says it is pruned.
    AuditChainHead.objects.filter(pk=head.pk).update(
        pruned_through=through,
        pruned_hash=segment.last_hash,
        checkpoint_sequence=row[0],
    )
    _delete_through(through)
    return PruneResult(dropped=dropped, checkpoint_sequence=row[0])


def _delete_through(through: int) -> None:
    # The ORM refuses to delete audit events; this is the one place that may.
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE sequence <= %s", [through])  # noqa: S608
