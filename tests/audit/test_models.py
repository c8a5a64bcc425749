"""Audit events are append-only: the ORM and the database refuse changes (SEC-07)."""

from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.forms.models import model_to_dict

import pytest

from candid.audit import events
from candid.audit.entries import Actor
from candid.audit.exceptions import AuditLogAppendOnly
from candid.audit.fields import SequenceField
from candid.audit.models import APPEND_ONLY, AuditChainHead, AuditEvent
from candid.audit.services import audit_record
from candid.datamap.checks import model_messages
from candid.datamap.registry import DataMap
from candid.policy import load_declaration
from tests.audit.conftest import SUBJECT, TABLE

pytestmark = pytest.mark.django_db


def snapshot() -> list[dict]:
    return [model_to_dict(event) for event in AuditEvent.objects.all()]


def test_saving_an_event_through_the_orm_is_refused(five_events):
    # given
    event = AuditEvent.objects.get(sequence=3)
    before = snapshot()
    event.purpose = "marketing_email"

    # when
    with pytest.raises(AuditLogAppendOnly) as refused:
        event.save()

    # then
    assert str(refused.value) == APPEND_ONLY
    assert snapshot() == before


def test_creating_an_event_through_the_orm_is_refused(db):
    # when
    with pytest.raises(AuditLogAppendOnly):
        AuditEvent.objects.create(sequence=1, action="data.read")

    # then
    assert AuditEvent.objects.count() == 0


def test_deleting_an_event_through_the_orm_is_refused(five_events):
    # given
    before = snapshot()

    # when
    with pytest.raises(AuditLogAppendOnly):
        AuditEvent.objects.get(sequence=3).delete()

    # then
    assert snapshot() == before


@pytest.mark.parametrize(
    "change",
    [
        lambda events: events.update(purpose="marketing_email"),
        lambda events: events.delete(),
    ],
    ids=["update", "delete"],
)
def test_bulk_updates_and_deletes_are_refused(five_events, change):
    # given
    before = snapshot()

    # when
    with pytest.raises(AuditLogAppendOnly):
        change(AuditEvent.objects.filter(sequence__lte=2))

    # then
    assert snapshot() == before


@pytest.mark.parametrize("sequence", [1, 3, 5])
def test_the_database_refuses_a_raw_update_of_any_event(five_events, sequence):
    # given
    before = snapshot()

    # when
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {TABLE} SET purpose = %s WHERE sequence = %s",  # noqa: S608
                ["marketing_email", sequence],
            )

    # then
    assert "audit events are append-only" in str(refused.value)
    assert snapshot() == before


@pytest.mark.parametrize("sequence", [3, 5])
def test_the_database_refuses_a_raw_delete_that_would_cut_a_hole(five_events, sequence):
    # given
    before = snapshot()

    # when
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {TABLE} WHERE sequence = %s",  # noqa: S608
                [sequence],
            )

    # then
    assert "audit events are append-only" in str(refused.value)
    assert snapshot() == before


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite admits deleting the oldest event, or tests could not empty it",
)
def test_postgresql_refuses_to_delete_even_the_oldest_event_outside_a_prune(
    five_events,
):
    # given
    before = snapshot()

    # when
    with pytest.raises(IntegrityError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} WHERE sequence = 1")  # noqa: S608

    # then
    assert snapshot() == before


@pytest.mark.django_db(transaction=True)
def test_the_triggers_still_let_the_test_database_be_emptied_between_tests():
    """Django empties the database after a transactional test, in any table order."""
    # given
    for _ in range(3):
        audit_record(action=events.DATA_USED, actor=Actor.system("mail"))

    # when
    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)

    # then
    assert (AuditEvent.objects.count(), AuditChainHead.objects.count()) == (0, 0)


def test_the_audit_models_pass_the_data_map_checks():
    # given
    declaration = load_declaration(settings.CANDID_POLICY_FILE)

    # then
    assert model_messages(AuditEvent, declaration) == []
    assert model_messages(AuditChainHead, declaration) == []


def test_the_data_map_finds_a_subjects_events_by_their_subject_id(five_events):
    # given
    data_map = DataMap.from_models([AuditEvent, AuditChainHead])

    # when
    (location,) = data_map.locations_for_subject(SUBJECT)

    # then
    assert location.model is AuditEvent
    assert location.queryset().count() == 5
    assert data_map.categories_of(AuditEvent) == frozenset()


def test_the_json_fields_serialise_as_their_canonical_text(record):
    # given
    record(details={"fields": ["email", "name"], "count": 2})

    # when
    (dumped,) = serializers.serialize("python", AuditEvent.objects.all())

    # then
    assert dumped["fields"]["details"] == '{"count":2,"fields":["email","name"]}'
    assert dumped["fields"]["categories"] == '["user.contact.email"]'


def test_the_sequence_is_the_rowid_on_sqlite_and_a_bigint_on_postgresql():
    # when
    column = SequenceField(primary_key=True).db_type(connection)

    # then
    assert column == {"sqlite": "integer", "postgresql": "bigint"}[connection.vendor]


def test_events_and_the_head_say_what_they_are(five_events):
    # then
    assert str(AuditEvent.objects.get(sequence=2)) == "#2 data.read"
    assert str(AuditChainHead.objects.get()) == "Audit chain head at #5"


def test_the_json_fields_keep_python_values_when_cleaned(record):
    # given
    event = record(details={"count": 2})

    # when
    event.full_clean()

    # then
    assert (event.categories, event.details) == (["user.contact.email"], {"count": 2})
