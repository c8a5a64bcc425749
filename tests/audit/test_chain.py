"""The hash chain: known-answer vectors, hashed alike in Python and in the database."""

import datetime as dt
import json
import uuid
from pathlib import Path

from django.db import connection

import pytest

from candid.audit import chain
from candid.audit.entries import Actor, AuditEntry
from candid.audit.models import AuditEvent
from candid.audit.services import audit_record

VECTORS = json.loads(Path(__file__).with_name("chain_vectors.json").read_text("utf-8"))


def vector_entry(vector: dict) -> AuditEntry:
    event = vector["event"]
    return AuditEntry(
        action=event["action"],
        actor=Actor(*event["actor"]),
        subject_id=event["subject_id"],
        purpose=event["purpose"],
        categories=event["categories"],
        objects=[tuple(pair) for pair in event["objects"]],
        details=event["details"],
        occurred_at=dt.datetime.fromisoformat(event["occurred_at"]),
    )


def python_preimage(vector: dict) -> str:
    made = vector_entry(vector)
    return chain.preimage(
        vector["sequence"],
        chain.time_text(made.occurred_at),
        made.actor.kind,
        made.actor.id,
        chain.subject_text(made.subject_id),
        made.action.code,
        made.purpose,
        made.categories_json,
        made.objects_json,
        made.details_json,
        vector["previous_hash"],
    )


def database_preimages() -> list[str]:
    expression, parameter = chain.preimage_sql(connection.vendor)
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {expression} FROM {table} ORDER BY sequence",  # noqa: S608
            [parameter],
        )
        return [bytes(text).decode() for (text,) in cursor.fetchall()]


@pytest.mark.parametrize("vector", VECTORS, ids=lambda v: v["description"])
def test_an_event_hashes_to_its_known_answer(vector):
    # when
    text = python_preimage(vector)

    # then
    assert text == vector["preimage"]
    assert chain.digest(text) == vector["hash"]


@pytest.mark.django_db
def test_the_recorder_chains_the_known_answers():
    # when
    for vector in VECTORS:
        event = vector["event"]
        audit_record(
            action=event["action"],
            actor=Actor(*event["actor"]),
            subject_id=event["subject_id"],
            purpose=event["purpose"],
            categories=event["categories"],
            objects=[tuple(pair) for pair in event["objects"]],
            details=event["details"],
            now=dt.datetime.fromisoformat(event["occurred_at"]),
        )

    # then
    stored = list(AuditEvent.objects.values_list("sequence", "previous_hash", "hash"))
    assert stored == [(v["sequence"], v["previous_hash"], v["hash"]) for v in VECTORS]


@pytest.mark.django_db
def test_the_database_rebuilds_the_preimage_the_recorder_hashed():
    # given
    for vector in VECTORS:
        event = vector["event"]
        audit_record(
            action=event["action"],
            actor=Actor(*event["actor"]),
            subject_id=event["subject_id"],
            purpose=event["purpose"],
            categories=event["categories"],
            objects=[tuple(pair) for pair in event["objects"]],
            details=event["details"],
            now=dt.datetime.fromisoformat(event["occurred_at"]),
        )

    # when
    texts = database_preimages()

    # then
    assert texts == [vector["preimage"] for vector in VECTORS]


@pytest.mark.parametrize(
    ("moment", "text"),
    [
        (
            dt.datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=dt.UTC),
            "2026-01-02 03:04:05.000006",
        ),
        (dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC), "2026-01-02 03:04:05"),
        (
            dt.datetime(2026, 1, 2, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=2))),
            "2026-01-01 22:30:00",
        ),
    ],
)
def test_a_time_is_written_as_naive_utc_with_microseconds_only_when_it_has_them(
    moment, text
):
    # then
    assert chain.time_text(moment) == text


def test_a_subject_is_written_as_32_hex_digits_or_nothing():
    # then
    assert chain.subject_text(uuid.UUID(int=255)) == "0" * 30 + "ff"
    assert chain.subject_text(None) == ""


def test_a_preimage_has_exactly_eleven_fields():
    # when
    with pytest.raises(ValueError, match=r"^an event's preimage has 11 fields, not 2$"):
        chain.preimage(1, "x")


def test_the_chain_runs_only_on_sqlite_and_postgresql():
    # when
    with pytest.raises(NotImplementedError) as refused:
        chain.preimage_sql("mysql")

    # then
    assert (
        str(refused.value) == "the audit chain runs on SQLite and PostgreSQL, not mysql"
    )
