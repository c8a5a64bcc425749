"""Requests from every channel land in one queue with their deadline (DSR-01, DSR-14)."""

import datetime as dt
import uuid

import pytest

from candid.audit.models import AuditEvent
from candid.datamap.models import Subject
from candid.rights.exceptions import RequestInvalid
from candid.rights.models import Request, State, VerificationMethod
from candid.rights.selectors import requests_open
from tests.rights.conftest import NOW


def test_staff_entered_request_dated_three_days_ago_is_due_from_that_date_dsr_01(
    request_factory,
):
    # given: a letter that arrived three days before staff logged it
    received = NOW - dt.timedelta(days=3)
    # when
    request = request_factory(channel="post", received_at=received)
    # then: 12 January + 1 month
    assert Request.objects.get().due_on == dt.date(2026, 2, 12)
    assert request.received_at == received


def test_requester_without_account_gets_a_new_subject_and_encrypted_address(
    request_factory,
):
    # when
    request = request_factory()
    # then
    stored = Request.objects.get()
    assert Subject.objects.filter(pk=request.subject_id).count() == 1
    assert stored.contact_email == "ana@example.com"
    raw = Request.objects.values_list("contact_email", flat=True).get()
    assert "ana@example.com" not in raw


def test_every_channel_lands_in_the_one_queue_dsr_01(request_factory):
    # given
    channels = ["web_form", "account", "email", "post", "phone", "in_person", "staff"]
    # when
    for channel in channels:
        request_factory(channel=channel)
    # then
    assert sorted(requests_open().values_list("channel", flat=True)) == sorted(channels)


def test_request_opening_is_audited_without_personal_values(request_factory):
    # when
    request = request_factory()
    # then
    event = AuditEvent.objects.get(action="rights.request_received")
    assert event.subject_id == request.subject_id
    assert event.details == {
        "type": "access",
        "state": "received",
        "channel": "email",
        "on_behalf": False,
    }


def test_opt_out_of_sale_needs_no_verification_and_starts_at_once_dsr_05(
    request_factory,
):
    # when
    request = request_factory(request_type="opt_out_sale_sharing", jurisdiction="US-CA")
    # then
    assert request.state == State.IN_PROGRESS
    assert request.verification_method == VerificationMethod.NOT_REQUIRED
    assert request.due_on == dt.date(2026, 2, 5)


def test_signed_in_request_keeps_the_clients_subject_and_password_check(
    request_factory,
):
    # given
    subject = Subject.objects.create()
    # when
    request = request_factory(
        channel="account", subject_id=subject.id, verified_by="password"
    )
    # then
    assert request.subject_id == subject.id
    assert request.state == State.IN_PROGRESS
    assert request.verification_method == VerificationMethod.PASSWORD
    assert Subject.objects.count() == 1


def test_request_for_someone_else_records_the_agents_proof(request_factory):
    # when
    request_factory(agent_proof="Signed letter of authority from Ana Lima")
    # then
    stored = Request.objects.get()
    assert stored.on_behalf is True
    assert stored.agent_proof == "Signed letter of authority from Ana Lima"


def test_california_request_has_45_days_and_a_receipt_confirmation_date_ca_02(
    request_factory,
):
    # when
    request = request_factory(request_type="know", jurisdiction="US-CA")
    # then
    assert request.due_on == dt.date(2026, 3, 1)
    assert request.confirm_receipt_by == dt.date(2026, 1, 29)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"request_type": "teleport"}, "'teleport' is not a kind of request."),
        (
            {"request_type": "limit_sensitive"},
            "The privacy policy does not offer 'limit_sensitive'.",
        ),
        ({"channel": "pigeon"}, "'pigeon' is not a channel requests arrive by."),
        (
            {"jurisdiction": "UK"},
            "'UK' is not a jurisdiction the privacy policy declares.",
        ),
        ({"contact_email": "not an address"}, "Enter a valid e-mail address."),
        (
            {"received_at": NOW + dt.timedelta(minutes=1)},
            "A request cannot be received in the future.",
        ),
        (
            {"received_at": dt.datetime(2026, 1, 15, 9, 0)},  # noqa: DTZ001
            "The receipt time needs a time zone.",
        ),
        (
            {"verified_by": "email_code"},
            "'email_code' is not a check done before intake.",
        ),
        ({"scope": "categories"}, "Only a request to know has a scope."),
        (
            {"request_type": "know", "jurisdiction": "US-CA", "scope": "everything"},
            "'everything' is not something a request to know asks.",
        ),
    ],
)
def test_bad_request_is_refused_with_a_clear_error_and_stores_nothing(
    request_factory, overrides, message
):
    # when
    with pytest.raises(RequestInvalid) as refused:
        request_factory(**overrides)
    # then
    assert str(refused.value) == message
    assert Request.objects.count() == 0
    assert Subject.objects.count() == 0
    assert AuditEvent.objects.filter(action__startswith="rights.").count() == 0


def test_request_string_names_the_type_and_id_never_the_address(request_factory):
    # when
    request = request_factory(subject_id=uuid.uuid4())
    # then
    assert str(request) == f"Access to my data request {request.id}"
