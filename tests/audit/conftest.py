"""Recording events, and tampering with them as an attacker with database access would."""

import datetime as dt
import importlib
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection

import pytest

from candid.audit import chain, events
from candid.audit.entries import Actor
from candid.audit.models import AuditChainHead, AuditEvent
from candid.audit.services import audit_record, insert_rows

NOW = dt.datetime(2026, 11, 23, 10, 0, 0, 250_000, tzinfo=dt.UTC)
SUBJECT = uuid.UUID("7d2c3a04-96f1-4b6f-9d0e-1f0c0e5b2a11")
OTHER_SUBJECT = uuid.UUID("0b9e7d54-2a6c-4f7e-8c1d-3e5f6a7b8c9d")
TABLE = AuditEvent._meta.db_table

_triggers = importlib.import_module("candid.audit.migrations.0002_append_only_triggers")

Recorder = Callable[..., AuditEvent]


@pytest.fixture
def record(db: None) -> Recorder:
    """Record one event: a staff read of a subject's e-mail, unless told otherwise."""

    def make(**overrides: Any) -> AuditEvent:
        values: dict[str, Any] = {
            "action": events.DATA_READ,
            "actor": Actor.staff(7),
            "subject_id": SUBJECT,
            "purpose": "customer_support",
            "categories": ["user.contact.email"],
            "objects": [("accounts.User", 12)],
            "details": {"fields": ["email"]},
            "now": NOW,
            **overrides,
        }
        return audit_record(**values)

    return make


@pytest.fixture
def five_events(record: Recorder) -> list[AuditEvent]:
    return [record(now=NOW + dt.timedelta(minutes=n)) for n in range(5)]


@contextmanager
def triggers_disabled() -> Iterator[None]:
    """Lift the append-only triggers, as someone with the database's owner rights can."""
    create, drop = _triggers.STATEMENTS[connection.vendor]
    with connection.cursor() as cursor:
        for sql in drop:
            cursor.execute(sql)
        try:
            yield
        finally:
            for sql in create:
                cursor.execute(sql)


def tamper(sql: str, params: list[Any] | tuple[Any, ...] = ()) -> None:
    """Run raw SQL on the audit table with the triggers lifted."""
    with triggers_disabled(), connection.cursor() as cursor:
        cursor.execute(sql.format(table=connection.ops.quote_name(TABLE)), params)


def db_value(field_name: str, value: Any) -> Any:
    """Return `value` as the database stores it in that column."""
    field = AuditEvent._meta.get_field(field_name)
    return field.get_db_prep_value(value, connection, prepared=False)


def forged_row(sequence: int, previous: str, **fields: Any) -> tuple:
    """Return a row the way the recorder would write it, hash and all."""
    values = {
        "occurred_at": NOW,
        "actor_kind": "staff",
        "actor_id": "666",
        "subject_id": SUBJECT,
        "action": "data.read",
        "purpose": "",
        "categories": "[]",
        "object_references": "[]",
        "details": "{}",
        **fields,
    }
    text = chain.preimage(
        sequence,
        chain.time_text(values["occurred_at"]),
        values["actor_kind"],
        values["actor_id"],
        chain.subject_text(values["subject_id"]),
        values["action"],
        values["purpose"],
        values["categories"],
        values["object_references"],
        values["details"],
        previous,
    )
    return (
        sequence,
        db_value("occurred_at", values["occurred_at"]),
        values["actor_kind"],
        values["actor_id"],
        db_value("subject_id", values["subject_id"]),
        values["action"],
        values["purpose"],
        values["categories"],
        values["object_references"],
        values["details"],
        previous,
        chain.digest(text),
    )


def insert_forged(*rows: tuple) -> None:
    insert_rows(list(rows))


def head() -> AuditChainHead:
    return AuditChainHead.objects.get()
