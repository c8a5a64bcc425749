"""Recording audit events onto the end of the hash chain (SEC-07)."""

import datetime as dt
import threading

from django.db import connection, connections
from django.forms.models import model_to_dict
from django.utils import timezone

import pytest

from candid.audit import chain, events
from candid.audit.entries import Actor, AuditEntry
from candid.audit.exceptions import AuditChainBroken, AuditEntryInvalid
from candid.audit.models import AuditChainHead, AuditEvent
from candid.audit.services import audit_record, audit_record_many
from candid.audit.verification import audit_verify
from tests.audit.conftest import NOW, SUBJECT, head

pytestmark = pytest.mark.django_db


def entries(count: int, **fields) -> list[AuditEntry]:
    return [
        AuditEntry(action=events.DATA_USED, actor=Actor.system("mail"), **fields)
        for _ in range(count)
    ]


def test_a_recorded_event_holds_who_whose_what_and_why_as_ids_and_keys(record):
    # when
    event = record()

    # then
    stored = AuditEvent.objects.get()
    assert model_to_dict(stored) == {
        "sequence": 1,
        "occurred_at": NOW,
        "actor_kind": "staff",
        "actor_id": "7",
        "subject_id": SUBJECT,
        "action": "data.read",
        "purpose": "customer_support",
        "categories": ["user.contact.email"],
        "object_references": [{"model": "accounts.User", "pk": "12"}],
        "details": {"fields": ["email"]},
        "previous_hash": chain.GENESIS_HASH,
        "hash": stored.hash,
    }
    assert model_to_dict(event) == model_to_dict(stored)
    assert event._state.adding is False


def test_events_are_numbered_from_one_without_gaps_each_following_the_last(record):
    # when
    recorded = [record() for _ in range(3)]

    # then
    assert [e.sequence for e in recorded] == [1, 2, 3]
    assert [e.previous_hash for e in recorded] == [
        chain.GENESIS_HASH,
        recorded[0].hash,
        recorded[1].hash,
    ]
    assert (head().sequence, head().hash) == (3, recorded[2].hash)


def test_an_event_recorded_without_a_time_is_stamped_now(record):
    # given
    before = timezone.now()

    # when
    event = record(now=None)

    # then
    assert before <= AuditEvent.objects.get().occurred_at == event.occurred_at
    assert event.occurred_at <= timezone.now()


def test_a_batch_is_appended_with_consecutive_numbers_after_the_last_event(record):
    # given
    record()

    # when
    numbers = audit_record_many(entries(3), now=NOW)

    # then
    assert numbers == range(2, 5)
    assert list(AuditEvent.objects.values_list("sequence", "action")) == [
        (1, "data.read"),
        (2, "data.used"),
        (3, "data.used"),
        (4, "data.used"),
    ]
    assert audit_verify().intact is True


def test_a_batch_keeps_each_entrys_own_time_and_stamps_the_others(db):
    # given
    earlier = NOW - dt.timedelta(hours=1)
    batch = [*entries(1, occurred_at=earlier), *entries(1)]

    # when
    audit_record_many(batch, now=NOW)

    # then
    assert list(AuditEvent.objects.values_list("occurred_at", flat=True)) == [
        earlier,
        NOW,
    ]


def test_an_empty_batch_writes_nothing(db):
    # when
    numbers = audit_record_many([], now=NOW)

    # then
    assert numbers == range(0)
    assert AuditEvent.objects.count() == 0
    assert AuditChainHead.objects.count() == 0


def test_a_batch_holding_anything_but_entries_is_refused_whole(record):
    # given
    record()
    batch = [*entries(2), {"action": "data.used"}]

    # when
    with pytest.raises(AuditEntryInvalid) as refused:
        audit_record_many(batch)

    # then
    assert str(refused.value) == "audit_record_many takes AuditEntry objects"
    assert AuditEvent.objects.count() == 1
    assert head().sequence == 1


def test_an_entry_holding_an_email_address_is_refused_and_nothing_is_written(record):
    # when
    with pytest.raises(AuditEntryInvalid):
        record(details={"email": "ada@example.com"})

    # then
    assert AuditEvent.objects.count() == 0
    assert AuditChainHead.objects.count() == 0


def test_a_naive_batch_time_is_refused(db):
    # when
    with pytest.raises(AuditEntryInvalid) as refused:
        audit_record_many(entries(1), now=dt.datetime(2026, 1, 1))  # noqa: DTZ001

    # then
    assert str(refused.value) == "now must be a timezone-aware datetime"
    assert AuditEvent.objects.count() == 0


def test_appending_stops_when_the_chain_head_is_gone_but_events_remain(five_events):
    # given
    AuditChainHead.objects.all().delete()

    # when
    with pytest.raises(AuditChainBroken) as refused:
        audit_record(action=events.DATA_USED, actor=Actor.system())

    # then
    assert str(refused.value) == (
        "The audit chain head is missing while events exist; nothing was appended. "
        "Run `candid audit_verify`."
    )
    assert AuditEvent.objects.count() == 5


WRITERS = 6
ROUNDS = 25


def _write(barrier: threading.Barrier, writer: int, failures: list) -> None:
    try:
        barrier.wait()
        for round_number in range(ROUNDS):
            if round_number % 5 == 0:
                audit_record_many(entries(4, details={"writer": writer}))
            else:
                audit_record(
                    action=events.DATA_READ,
                    actor=Actor.staff(writer),
                    subject_id=SUBJECT,
                )
    except Exception as error:  # noqa: BLE001 (reported by the test thread)
        failures.append(error)
    finally:
        connections.close_all()


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="concurrent writers are a PostgreSQL concern: SQLite admits one writer",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_on_postgresql_never_fork_the_chain():
    # given
    barrier = threading.Barrier(WRITERS)
    failures: list[Exception] = []
    threads = [
        threading.Thread(target=_write, args=(barrier, writer, failures))
        for writer in range(1, WRITERS + 1)
    ]

    # when
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # then
    total = WRITERS * (ROUNDS // 5 * 4 + ROUNDS - ROUNDS // 5)
    assert failures == []
    assert list(AuditEvent.objects.values_list("sequence", flat=True)) == list(
        range(1, total + 1)
    )
    result = audit_verify(batch_size=7)
    assert (result.intact, result.events_checked) == (True, total)
