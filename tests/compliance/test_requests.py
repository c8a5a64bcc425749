"""The self-audit's check that every rights request was answered in time (DSR-03)."""

import datetime as dt

import pytest

from candid.audit.entries import Actor
from candid.compliance.report import compliance_audit
from candid.compliance.requests import (
    RECIPIENTS_IN_TIME,
    REQUESTS_IN_TIME,
    check_recipients_told_in_time,
    check_requests_answered_in_time,
)
from candid.compliance.results import CheckResult
from candid.rights.models import Propagation, Request
from candid.rights.services import request_open

RECEIVED = dt.datetime(2026, 1, 15, 10, 0, tzinfo=dt.UTC)
DUE = dt.date(2026, 2, 15)  # EU: received + 1 calendar month (DSR-03)
SYSTEM = Actor.system("test")


@pytest.fixture
def received(db):
    """Open an access request received on 15 January 2026, as any channel would."""

    def make(jurisdiction: str = "EU") -> Request:
        return request_open(
            request_type="access",
            channel="email",
            jurisdiction=jurisdiction,
            contact_email="ana@example.com",
            actor=SYSTEM,
            received_at=RECEIVED,
            now=RECEIVED,
        )

    return make


def answered(request: Request, at: dt.datetime) -> None:
    Request.objects.filter(pk=request.pk).update(state="completed", responded_at=at)


def at_noon(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)


def test_no_requests_at_all_passes(db):
    # when
    result = check_requests_answered_in_time(now=at_noon(DUE))
    # then
    assert result == CheckResult(
        name=REQUESTS_IN_TIME, passed=True, details=("No rights requests received.",)
    )


def test_request_answered_on_its_due_date_passes_dsr_03(received):
    # given
    request = received()
    assert request.due_on == DUE
    answered(request, at_noon(DUE))
    # when
    result = check_requests_answered_in_time(now=at_noon(DUE) + dt.timedelta(days=40))
    # then
    assert result == CheckResult(
        name=REQUESTS_IN_TIME, passed=True, details=("1 requests in time.",)
    )


def test_request_answered_after_its_due_date_fails_naming_it_dsr_03(received):
    # given
    request = received()
    answered(request, at_noon(DUE + dt.timedelta(days=3)))
    # when
    result = check_requests_answered_in_time(now=at_noon(DUE) + dt.timedelta(days=40))
    # then
    assert result == CheckResult(
        name=REQUESTS_IN_TIME,
        passed=False,
        details=(
            f"rights.Request {request.id} (access) answered on 2026-02-18, "
            "3 day(s) after it was due on 2026-02-15",
        ),
    )


def test_open_request_still_within_its_month_passes(received):
    # given
    received()
    # when
    result = check_requests_answered_in_time(now=at_noon(DUE))
    # then
    assert result.passed is True


def test_open_request_past_its_due_date_fails_naming_it_dsr_03(received):
    # given
    request = received()
    # when
    result = check_requests_answered_in_time(now=at_noon(DUE + dt.timedelta(days=1)))
    # then
    assert result.details == (
        f"rights.Request {request.id} (access) still open, 1 day(s) past its due "
        "date 2026-02-15",
    )
    assert result.passed is False


def test_open_request_whose_clock_is_paused_is_not_overdue(received):
    # given the requester was asked to narrow the request (UK Art. 12A pause)
    request = received()
    Request.objects.filter(pk=request.pk).update(paused_at=RECEIVED)
    # when
    result = check_requests_answered_in_time(now=at_noon(DUE + dt.timedelta(days=5)))
    # then
    assert result.passed is True


def test_withdrawn_request_without_an_answer_time_is_not_overdue(received):
    # given
    request = received()
    Request.objects.filter(pk=request.pk).update(state="withdrawn")
    # when
    result = check_requests_answered_in_time(now=at_noon(DUE + dt.timedelta(days=5)))
    # then
    assert result.passed is True


def test_california_receipt_never_confirmed_fails_once_its_date_passed_ca_02(
    received,
):
    # given
    request = received("US-CA")
    answered(request, RECEIVED + dt.timedelta(days=20))
    confirm_by = request.confirm_receipt_by
    # when
    result = check_requests_answered_in_time(
        now=at_noon(confirm_by + dt.timedelta(days=1))
    )
    # then
    assert result.details == (
        f"rights.Request {request.id} (access) receipt not confirmed, due by "
        f"{confirm_by:%Y-%m-%d}",
    )


def test_california_receipt_not_yet_due_passes(received):
    # given
    request = received("US-CA")
    # when
    result = check_requests_answered_in_time(now=RECEIVED + dt.timedelta(days=1))
    # then
    assert request.confirm_receipt_by is not None
    assert result.passed is True


def test_california_receipt_confirmed_late_fails_ca_02(received):
    # given
    request = received("US-CA")
    late = at_noon(request.confirm_receipt_by + dt.timedelta(days=2))
    Request.objects.filter(pk=request.pk).update(receipt_confirmed_at=late)
    answered(request, late)
    # when
    result = check_requests_answered_in_time(now=late + dt.timedelta(days=60))
    # then
    assert result.details == (
        f"rights.Request {request.id} (access) receipt confirmed on "
        f"{late:%Y-%m-%d}, after {request.confirm_receipt_by:%Y-%m-%d}",
    )


def test_california_receipt_confirmed_in_time_passes(received):
    # given
    request = received("US-CA")
    Request.objects.filter(pk=request.pk).update(
        receipt_confirmed_at=RECEIVED + dt.timedelta(hours=1)
    )
    answered(request, RECEIVED + dt.timedelta(days=20))
    # when
    result = check_requests_answered_in_time(now=RECEIVED + dt.timedelta(days=60))
    # then
    assert result.passed is True


def test_the_self_audit_runs_the_rights_deadline_check(db):
    # when
    names = [result.name for result in compliance_audit()]
    # then
    assert REQUESTS_IN_TIME in names


def told(request: Request, recipient: str, **state) -> Propagation:
    """Plan telling `recipient` of the request's correction, in the given state."""
    return Propagation.objects.create(
        request=request,
        subject_id=request.subject_id,
        action="rectification",
        recipient=recipient,
        connector="email",
        **state,
    )


def test_no_recipients_to_tell_passes(db):
    # when
    result = check_recipients_told_in_time(now=at_noon(DUE))
    # then
    assert result == CheckResult(
        name=RECIPIENTS_IN_TIME,
        passed=True,
        details=("No erasure, correction or restriction had recipients to tell.",),
    )


def test_recipients_told_by_the_due_date_or_still_in_time_pass_prc_06(received):
    # given a correction answered at once, PayPal attested on the due date and
    # the print lab still waiting for staff
    request = received()
    answered(request, RECEIVED)
    told(request, "paypal", state="attested", finished_at=at_noon(DUE))
    told(request, "print_lab", state="sent")
    # when the self-audit runs on the due date
    result = check_recipients_told_in_time(now=at_noon(DUE))
    # then both are in time
    assert result == CheckResult(
        name=RECIPIENTS_IN_TIME, passed=True, details=("2 recipients told in time.",)
    )


def test_a_recipient_still_waiting_or_told_late_fails_naming_it_prc_06(received):
    # given a correction answered at once whose recipients were not told in time
    request = received()
    answered(request, RECEIVED)
    late = told(
        request,
        "paypal",
        state="attested",
        finished_at=at_noon(DUE + dt.timedelta(days=2)),
    )
    waiting = told(request, "print_lab", state="failed")
    # when the self-audit runs the day after the due date
    result = check_recipients_told_in_time(now=at_noon(DUE + dt.timedelta(days=1)))
    # then both fail, each named with what it passes on and when it was due
    assert result == CheckResult(
        name=RECIPIENTS_IN_TIME,
        passed=False,
        details=(
            f"rights.Propagation #{late.pk} (rectification at paypal, request "
            f"{request.id}) finished on 2026-02-17, after 2026-02-15",
            f"rights.Propagation #{waiting.pk} (rectification at print_lab, request "
            f"{request.id}) still failed, due by 2026-02-15",
        ),
    )
