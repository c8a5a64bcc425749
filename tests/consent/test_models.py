"""The ledgers only grow: no row is changed or deleted through the ORM (LAW-03)."""

from __future__ import annotations

import pytest

from candid.consent.exceptions import AppendOnlyError
from candid.consent.models import (
    ConsentEvent,
    NoticeAcknowledgement,
    Objection,
    Restriction,
)
from candid.consent.services import notice_acknowledge

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(subject_id, grant) -> ConsentEvent:
    return grant(subject_id)


def test_a_ledger_row_cannot_be_saved_again_law03(event):
    # when
    event.action = "withdrawn"
    with pytest.raises(AppendOnlyError) as refused:
        event.save()

    # then
    assert str(refused.value) == (
        f"change of consent.ConsentEvent {event.pk}: the ledger is append-only; "
        "record a new event."
    )
    assert ConsentEvent.objects.get().action == "granted"


def test_a_ledger_row_cannot_be_deleted_law03(event):
    with pytest.raises(AppendOnlyError, match="delete of consent.ConsentEvent"):
        event.delete()
    assert ConsentEvent.objects.count() == 1


@pytest.mark.parametrize(
    "change",
    [
        lambda rows: rows.update(action="withdrawn"),
        lambda rows: rows.delete(),
        lambda rows: rows.bulk_update(list(rows), ["action"]),
        lambda rows: rows._raw_delete(rows.db),
    ],
    ids=["update", "delete", "bulk_update", "raw_delete"],
)
def test_a_ledger_queryset_cannot_change_or_delete_rows_law03(event, change):
    with pytest.raises(AppendOnlyError):
        change(ConsentEvent.objects.all())
    assert ConsentEvent.objects.get().action == "granted"


def test_an_acknowledgement_cannot_be_deleted(subject_id):
    row = notice_acknowledge(subject_id=subject_id, surface="sign_up", text="Read.")

    with pytest.raises(AppendOnlyError):
        NoticeAcknowledgement.objects.filter(pk=row.pk).delete()
    assert NoticeAcknowledgement.objects.count() == 1


def test_rows_describe_themselves_without_personal_values(subject_id, event):
    assert str(event) == f"marketing_email granted by {subject_id}"
    visitor = ConsentEvent(
        visitor_id="q3Jx0v8Kd1", purpose="analytics", action="withdrawn"
    )
    assert str(visitor) == "analytics withdrawn by visitor q3Jx0v..."
    ack = NoticeAcknowledgement(subject_id=subject_id, policy_version="2026.11")
    assert str(ack) == f"notice_acknowledged 2026.11 by {subject_id}"
    assert str(NoticeAcknowledgement(visitor_id="q3Jx0v8Kd1", policy_version="1")) == (
        "notice_acknowledged 1 by visitor q3Jx0v..."
    )
    assert str(Objection(subject_id=subject_id, purpose="fraud_prevention")) == (
        f"Objection to fraud_prevention by {subject_id} (upheld)"
    )
    assert str(Restriction(subject_id=subject_id, all_categories=True)) == (
        f"Restriction of all categories for {subject_id}"
    )
    assert str(Restriction(subject_id=subject_id, categories=["user.name"])) == (
        f"Restriction of user.name for {subject_id}"
    )
