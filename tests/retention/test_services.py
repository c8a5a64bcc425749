"""Legal holds: placed and released by staff holding the role, with a reason (RET-03)."""

from __future__ import annotations

import datetime as dt
import uuid

from django.contrib.auth.models import AnonymousUser

import pytest

from candid.audit.models import AuditEvent
from candid.retention.exceptions import AccessDenied, HoldInvalid, HoldNotFound
from candid.retention.models import LegalHold
from candid.retention.services import legal_hold_place, legal_hold_release
from tests.retention.conftest import NOW
from tests.retention.testapp.models import WebLogEntry


@pytest.fixture
def entry(web_log) -> WebLogEntry:
    (row,) = web_log(NOW)
    return row


def _place(staff, entry, **overrides):
    arguments = {
        "staff": staff,
        "kind": "dispute",
        "reason": "Dispute about a booking",
        "record_model": "retention_testapp.WebLogEntry",
        "record_pk": str(entry.pk),
        "now": NOW,
    }
    return legal_hold_place(**{**arguments, **overrides})


@pytest.fixture(params=["anonymous", "client", "staff_without_role", "staff_with_role"])
def caller(request, account_factory, staff_factory):
    if request.param == "anonymous":
        return request.param, AnonymousUser()
    if request.param == "client":
        return request.param, account_factory("client@example.com")
    if request.param == "staff_without_role":
        return request.param, staff_factory(email="nobody@studio.example")
    return request.param, staff_factory("add_legalhold", "release_legalhold")


def test_only_staff_with_the_role_may_place_a_hold(caller, entry):
    # given
    kind, user = caller
    # when / then
    if kind != "staff_with_role":
        with pytest.raises(AccessDenied):
            _place(user, entry)
        assert not LegalHold.objects.exists()
        assert not AuditEvent.objects.filter(action="retention.hold_placed").exists()
        return
    hold = _place(user, entry)
    assert LegalHold.objects.get() == hold


def test_placing_a_hold_is_audited_with_the_record_and_kind_only(hold_staff, entry):
    # when
    hold = _place(hold_staff, entry)
    # then
    event = AuditEvent.objects.get(action="retention.hold_placed")
    assert event.details == {"kind": "dispute"}
    assert event.object_references == [
        {"model": "retention.LegalHold", "pk": str(hold.pk)},
        {"model": "retention_testapp.WebLogEntry", "pk": str(entry.pk)},
    ]
    assert (event.actor_kind, event.actor_id) == ("staff", str(hold_staff.pk))


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"kind": "whim"},
            "A hold's kind is one of tax_record, dispute, claim, authority.",
        ),
        ({"reason": "  "}, "Say why the records are held."),
        (
            {"starts_at": NOW, "ends_at": NOW - dt.timedelta(days=1)},
            "A hold must end after it starts.",
        ),
        (
            {"record_model": "", "record_pk": ""},
            "Name the record (model and key) or the subject to hold.",
        ),
        ({"record_model": "shop.Nothing"}, "There is no model 'shop.Nothing'."),
        (
            {"record_pk": "999999"},
            "There is no retention_testapp.WebLogEntry with key '999999'.",
        ),
        (
            {"record_pk": "not-a-key"},
            "There is no retention_testapp.WebLogEntry with key 'not-a-key'.",
        ),
        (
            {"subject_id": uuid.uuid4()},
            "Hold either one record or one subject, not both.",
        ),
        (
            {"subject_id": "nobody", "record_model": "", "record_pk": ""},
            "The subject id is not a valid id.",
        ),
    ],
)
def test_a_bad_hold_is_refused_and_nothing_is_written(
    hold_staff, entry, overrides, message
):
    # when
    with pytest.raises(HoldInvalid) as raised:
        _place(hold_staff, entry, **overrides)
    # then
    assert str(raised.value) == message
    assert not LegalHold.objects.exists()
    assert not AuditEvent.objects.filter(action="retention.hold_placed").exists()


def test_a_hold_on_a_subject_names_no_record(hold_staff):
    # given
    subject_id = uuid.uuid4()
    # when
    hold = legal_hold_place(
        staff=hold_staff, kind="claim", reason="Claim", subject_id=str(subject_id)
    )
    # then
    assert (hold.subject_id, hold.record_model, hold.record_pk) == (subject_id, "", "")


def test_releasing_a_hold_is_recorded_and_cannot_happen_twice(hold_staff, entry):
    # given
    hold = _place(hold_staff, entry)
    # when
    legal_hold_release(staff=hold_staff, hold_id=hold.pk, now=NOW)
    # then
    hold.refresh_from_db()
    assert (hold.released_at, hold.released_by) == (NOW, hold_staff)
    assert AuditEvent.objects.filter(action="retention.hold_released").count() == 1
    with pytest.raises(HoldNotFound):
        legal_hold_release(staff=hold_staff, hold_id=hold.pk)
    assert AuditEvent.objects.filter(action="retention.hold_released").count() == 1


def test_only_staff_with_the_release_role_may_release(staff_factory, entry):
    # given
    placer = staff_factory("add_legalhold", email="placer@studio.example")
    hold = _place(placer, entry)
    # when
    with pytest.raises(AccessDenied):
        legal_hold_release(staff=placer, hold_id=hold.pk)
    # then
    hold.refresh_from_db()
    assert hold.released_at is None


def test_a_hold_is_active_between_its_start_and_its_end_or_release(hold_staff, entry):
    # given
    hold = _place(hold_staff, entry, starts_at=NOW, ends_at=NOW + dt.timedelta(days=10))
    # then
    assert not hold.is_active_at(NOW - dt.timedelta(seconds=1))
    assert hold.is_active_at(NOW)
    assert not hold.is_active_at(NOW + dt.timedelta(days=10))
    hold.released_at = NOW + dt.timedelta(days=1)
    assert not hold.is_active_at(NOW + dt.timedelta(days=2))
