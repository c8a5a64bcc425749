"""The chain head: the one row every append locks, so the chain never forks.

Appends take it with `SELECT ... FOR UPDATE` on PostgreSQL; SQLite has no row
locks, but its IMMEDIATE transactions (settings) admit one writer at a time. The
SQL is written out rather than built by the ORM on every append: building the
query cost more than the rest of a one-event append.
"""

from __future__ import annotations

from django.db import connection

from candid.audit.exceptions import AuditChainBroken
from candid.audit.models import AuditChainHead, AuditEvent

_FIELDS = tuple(field.attname for field in AuditChainHead._meta.concrete_fields)


def lock_chain_head() -> AuditChainHead:
    """Return the chain head, locked until the transaction ends; create it if new."""
    head = _select_head()
    if head is not None:
        return head
    # Two first writers may race here: one inserts, the other's insert waits for it
    # and is ignored, and both then queue on the same row lock. Only once the lock is
    # held may the chain be judged: by then a racing first writer's events and its
    # head are both visible, so they cannot be mistaken for a missing head.
    AuditChainHead.objects.bulk_create([AuditChainHead()], ignore_conflicts=True)
    head = _select_head()
    if head is None or (head.sequence == 0 and AuditEvent.objects.exists()):
        raise AuditChainBroken(
            "The audit chain head is missing while events exist; nothing was "
            "appended. Run `candid audit_verify`."
        )
    return head


def advance_chain_head(head: AuditChainHead, *, sequence: int, hash: str) -> None:
    """Move the locked head on to the event just appended."""
    head.sequence, head.hash = sequence, hash
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {quote(AuditChainHead._meta.db_table)} "  # noqa: S608
            f"SET {quote('sequence')} = %s, {quote('hash')} = %s "
            f"WHERE {quote('id')} = %s",
            [sequence, hash, head.pk],
        )


def _select_head() -> AuditChainHead | None:
    quote = connection.ops.quote_name
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(map(quote, _FIELDS))} "  # noqa: S608
            f"FROM {quote(AuditChainHead._meta.db_table)} "
            f"WHERE {quote('id')} = %s{lock}",
            [AuditChainHead.ROW_ID],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    return AuditChainHead.from_db(connection.alias, _FIELDS, row)
