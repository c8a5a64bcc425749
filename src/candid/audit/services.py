"""Append events to the audit log, one or many, onto the end of its hash chain.

Appends are serialised: each locks the one chain-head row (`candid.audit.head`),
reads the last sequence number and hash, and moves the head on in the same
transaction. Two writers can therefore never take the same sequence number or both
follow the same event, and the chain never forks. The lock is held until the
caller's transaction ends, so record the event last, just before commit (STYLE §5).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from candid.audit import chain
from candid.audit.entries import (
    Actor,
    AuditEntry,
    ObjectReference,
    aware_or_none,
)
from candid.audit.events import EventType
from candid.audit.exceptions import AuditEntryInvalid
from candid.audit.head import advance_chain_head, lock_chain_head
from candid.audit.models import AuditChainHead, AuditEvent

_COLUMNS = (
    "sequence",
    "occurred_at",
    "actor_kind",
    "actor_id",
    "subject_id",
    "action",
    "purpose",
    "categories",
    "object_references",
    "details",
    "previous_hash",
    "hash",
)


def audit_record(
    *,
    action: EventType | str,
    actor: Actor,
    subject_id: uuid.UUID | str | None = None,
    purpose: str | None = None,
    categories: Iterable[str] = (),
    objects: Iterable[Any | ObjectReference] = (),
    details: Mapping[str, Any] | None = None,
    now: dt.datetime | None = None,
) -> AuditEvent:
    """Append one event to the audit log and return it.

    Records who touched whose personal data, for which purpose and which categories
    (SEC-07), holding only ids and keys so that erasure leaves the log whole. A
    malformed entry raises AuditEntryInvalid and writes nothing.
    """
    entry = AuditEntry(
        action=action,
        actor=actor,
        subject_id=subject_id,
        purpose=purpose,
        categories=categories,
        objects=objects,
        details=details,
        occurred_at=timezone.now() if now is None else now,
    )
    (row,) = _append([entry], now=entry.occurred_at)
    return AuditEvent.from_db(connection.alias, _COLUMNS, _model_values(entry, row))


def audit_record_many(
    entries: Iterable[AuditEntry], *, now: dt.datetime | None = None
) -> range:
    """Append a batch of events in one transaction; return their sequence numbers.

    The batch gets consecutive numbers in the order given, or nothing is written.
    Entries without `occurred_at` are stamped `now`.
    """
    batch = list(entries)
    for entry in batch:
        if not isinstance(entry, AuditEntry):
            raise AuditEntryInvalid("audit_record_many takes AuditEntry objects")
    if not batch:
        return range(0)
    rows = _append(batch, now=now)
    return range(rows[0][0], rows[-1][0] + 1)


def _append(entries: Sequence[AuditEntry], *, now: dt.datetime | None) -> list[tuple]:
    moment = aware_or_none(now, "now") or timezone.now()
    with transaction.atomic():
        return append_after(lock_chain_head(), entries, now=moment)


def append_after(
    head: AuditChainHead, entries: Sequence[AuditEntry], *, now: dt.datetime
) -> list[tuple]:
    """Append `entries` after the locked `head`, move it on, and return their rows."""
    rows = chain_rows(entries, after=head.sequence, previous=head.hash, now=now)
    insert_rows(rows)
    advance_chain_head(head, sequence=rows[-1][0], hash=rows[-1][-1])
    return rows


def chain_rows(
    entries: Iterable[AuditEntry], *, after: int, previous: str, now: dt.datetime
) -> list[tuple]:
    """Return the database rows of `entries`, numbered and hashed after an event.

    Each row is a tuple in `_COLUMNS` order, its values as the database stores them.
    """
    times = _TimeColumn(connection.ops.adapt_datetimefield_value)
    native_uuid = connection.features.has_native_uuid_field
    rows = []
    for sequence, entry in enumerate(entries, start=after + 1):
        time_text, time_value = times(entry.occurred_at or now)
        row = _row(entry, sequence, time_text, time_value, previous, native_uuid)
        rows.append(row)
        previous = row[-1]
    return rows


def _row(
    entry: AuditEntry,
    sequence: int,
    time_text: str,
    time_value: Any,
    previous: str,
    native_uuid: bool,
) -> tuple:
    """Return one event's row as stored: its fields, then the hashes that chain it."""
    kind, actor_id, code = entry.actor.kind, entry.actor.id, entry.action.code
    texts = (
        entry.purpose,
        entry.categories_json,
        entry.objects_json,
        entry.details_json,
    )
    subject_hex = chain.subject_text(entry.subject_id)
    digest = chain.digest(
        chain.preimage(
            sequence, time_text, kind, actor_id, subject_hex, code, *texts, previous
        )
    )
    subject = entry.subject_id if native_uuid else subject_hex or None
    return (
        sequence,
        time_value,
        kind,
        actor_id,
        subject,
        code,
        *texts,
        previous,
        digest,
    )


class _TimeColumn:
    """Turn a moment into its chain text and stored value, once per distinct moment.

    A batch usually shares one `now`, and the conversions cost more than the hash.
    """

    def __init__(self, adapt: Any) -> None:
        self._adapt = adapt
        self._moment: dt.datetime | None = None
        self._values: tuple[str, Any] = ("", None)

    def __call__(self, moment: dt.datetime) -> tuple[str, Any]:
        if moment is not self._moment:
            self._moment = moment
            self._values = (chain.time_text(moment), self._adapt(moment))
        return self._values


def insert_rows(rows: list[tuple]) -> None:
    """Insert chained rows as they are: the ORM's save() refuses audit events."""
    quote = connection.ops.quote_name
    table = quote(AuditEvent._meta.db_table)
    columns = ", ".join(quote(name) for name in _COLUMNS)
    placeholders = ", ".join(["%s"] * len(_COLUMNS))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({columns}) VALUES ({placeholders})",  # noqa: S608
            rows,
        )


def _model_values(entry: AuditEntry, row: tuple) -> tuple:
    return (
        row[0],
        entry.occurred_at,
        entry.actor.kind,
        entry.actor.id,
        entry.subject_id,
        entry.action.code,
        entry.purpose,
        list(entry.categories),
        [reference.as_json() for reference in entry.objects],
        dict(entry.details),
        row[-2],
        row[-1],
    )
