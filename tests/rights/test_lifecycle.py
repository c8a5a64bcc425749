"""Steps of an open request: extension, pause, refusal, fee, closing (DSR-03, DSR-06)."""

import datetime as dt
import decimal

import pytest

from candid.audit.models import AuditEvent
from candid.rights.exceptions import (
    ExtensionRefused,
    RefusalInvalid,
    TransitionRefused,
)
from candid.rights.models import Request, State
from candid.rights.services import (
    request_charge_fee,
    request_complete,
    request_extend,
    request_pause,
    request_refuse,
    request_resume,
    request_start,
    request_withdraw,
    verification_staff_confirm,
)
from tests.rights.conftest import NOW, SYSTEM

REASON = "Twelve years of session archives must be searched by hand."


@pytest.fixture
def verified(request_factory):
    return request_factory(verified_by="staff_checked")


def _row(request):
    return Request.objects.values().get(pk=request.pk)


def test_extension_with_timely_notice_moves_due_date_to_start_plus_three_months(
    verified, mailoutbox
):
    # when: the notice goes out by e-mail on 10 February
    request_extend(
        request=verified,
        reason=REASON,
        actor=SYSTEM,
        now=dt.datetime(2026, 2, 10, 9, 0, tzinfo=dt.UTC),
    )
    # then
    stored = Request.objects.get()
    assert stored.state == State.EXTENDED
    assert stored.due_on == dt.date(2026, 4, 15)
    assert stored.extended_on == dt.date(2026, 2, 10)
    assert stored.extension_reason == REASON
    assert len(mailoutbox) == 1
    assert REASON in mailoutbox[0].body
    assert "15 April 2026" in mailoutbox[0].body
    assert AuditEvent.objects.filter(action="rights.deadline_extended").count() == 1


def test_extension_after_the_due_date_is_refused_and_changes_nothing_dsr_03(
    verified, mailoutbox
):
    # given
    before = _row(verified)
    # when
    with pytest.raises(ExtensionRefused) as refused:
        request_extend(
            request=verified,
            reason=REASON,
            actor=SYSTEM,
            now=dt.datetime(2026, 2, 16, 9, 0, tzinfo=dt.UTC),
        )
    # then
    assert str(refused.value) == (
        "An extension needs a notice with reasons sent to the requester by the "
        "original due date (2026-02-15); the deadline is unchanged."
    )
    assert _row(Request.objects.get()) == before
    assert mailoutbox == []


def test_extension_recorded_from_a_posted_notice_sends_no_email(verified, mailoutbox):
    # when
    request_extend(
        request=verified,
        reason=REASON,
        actor=SYSTEM,
        notice_sent_at=dt.datetime(2026, 2, 1, 9, 0, tzinfo=dt.UTC),
        now=dt.datetime(2026, 2, 3, 9, 0, tzinfo=dt.UTC),
    )
    # then
    stored = Request.objects.get()
    assert stored.extension_notice_sent_at == dt.datetime(
        2026, 2, 1, 9, 0, tzinfo=dt.UTC
    )
    assert mailoutbox == []


def test_a_request_is_extended_only_once(verified):
    # given
    request_extend(request=verified, reason=REASON, actor=SYSTEM, now=NOW)
    # when
    with pytest.raises(TransitionRefused):
        request_extend(request=verified, reason=REASON, actor=SYSTEM, now=NOW)
    # then
    assert Request.objects.get().due_on == dt.date(2026, 4, 15)


def test_california_extension_is_45_more_days_ca_02(request_factory):
    # given
    request = request_factory(
        request_type="know", jurisdiction="US-CA", verified_by="staff_checked"
    )
    # when
    request_extend(request=request, reason=REASON, actor=SYSTEM, now=NOW)
    # then
    assert Request.objects.get().due_on == dt.date(2026, 4, 15)


def test_opt_out_cannot_be_extended(request_factory):
    # given
    request = request_factory(request_type="opt_out_sale_sharing", jurisdiction="US-CA")
    # when / then
    with pytest.raises(TransitionRefused):
        request_extend(request=request, reason=REASON, actor=SYSTEM, now=NOW)


def test_uk_clock_pauses_for_scope_clarification_dsr_04(studio_uk, request_factory):
    # given
    request = request_factory(jurisdiction="UK", verified_by="staff_checked")
    request_pause(request=request, actor=SYSTEM, now=NOW + dt.timedelta(days=2))
    # when: the requester answers ten days later
    request_resume(request=request, actor=SYSTEM, now=NOW + dt.timedelta(days=12))
    # then: 16 February (15th is a Sunday) + 10 days = 25 February (Wednesday)
    stored = Request.objects.get()
    assert stored.paused_days == 10
    assert stored.paused_at is None
    assert stored.due_on == dt.date(2026, 2, 25)


def test_eu_clock_never_pauses_dsr_04(verified):
    # when
    with pytest.raises(TransitionRefused) as refused:
        request_pause(request=verified, actor=SYSTEM, now=NOW)
    # then
    assert str(refused.value) == "The EU clock does not pause."
    assert Request.objects.get().paused_at is None


def test_resume_without_pause_is_refused(verified):
    # when / then
    with pytest.raises(TransitionRefused):
        request_resume(request=verified, actor=SYSTEM, now=NOW)


def test_pausing_twice_is_refused(studio_uk, request_factory):
    # given
    request = request_factory(jurisdiction="UK", verified_by="staff_checked")
    request_pause(request=request, actor=SYSTEM, now=NOW)
    # when / then
    with pytest.raises(TransitionRefused):
        request_pause(request=request, actor=SYSTEM, now=NOW)


def test_refusal_letter_gives_reasons_and_the_right_to_complain_dsr_06(
    verified, staff, mailoutbox
):
    # when
    request_refuse(
        request=verified,
        basis="manifestly_unfounded",
        reason="The same request was answered in full last week.",
        staff_id=staff.pk,
        now=NOW,
    )
    # then
    stored = Request.objects.get()
    assert stored.state == State.REFUSED
    assert stored.decided_by_id == staff.pk
    assert stored.responded_at == NOW
    body = mailoutbox[0].body
    assert "manifestly unfounded" in body
    assert "The same request was answered in full last week." in body
    assert (
        "You have the right to complain to the supervisory authority, The data "
        "protection authority of the EU country where you live or work "
        "(https://www.edpb.europa.eu/about-edpb/about-edpb/members_en), and to seek "
        "a judicial remedy before the courts."
    ) in body
    event = AuditEvent.objects.get(action="rights.request_refused")
    assert event.details["basis"] == "manifestly_unfounded"


@pytest.mark.parametrize(
    ("basis", "reason", "message"),
    [
        (
            "",
            REASON,
            "Name the ground: manifestly unfounded or excessive (Art. 12(5)).",
        ),
        (
            "annoying",
            REASON,
            "Name the ground: manifestly unfounded or excessive (Art. 12(5)).",
        ),
        ("excessive", "  ", "Write the reason; the requester is told it (DSR-06)."),
    ],
)
def test_refusal_without_basis_or_reason_is_refused_and_changes_nothing(
    verified, staff, mailoutbox, basis, reason, message
):
    # given
    before = _row(verified)
    # when
    with pytest.raises(RefusalInvalid) as refused:
        request_refuse(request=verified, basis=basis, reason=reason, staff_id=staff.pk)
    # then
    assert str(refused.value) == message
    assert _row(Request.objects.get()) == before
    assert mailoutbox == []


def test_fee_is_told_with_the_amount_and_the_right_to_withdraw_dsr_06(
    verified, staff, mailoutbox
):
    # when
    request_charge_fee(
        request=verified,
        basis="excessive",
        reason="A fourth full copy this month.",
        amount=decimal.Decimal("25.00"),
        staff_id=staff.pk,
    )
    # then
    stored = Request.objects.get()
    assert stored.fee_amount == decimal.Decimal("25.00")
    assert stored.state == State.IN_PROGRESS
    assert "25.00" in mailoutbox[0].body
    assert "You may withdraw the request instead" in mailoutbox[0].body


def test_california_requests_are_free_dsr_06(request_factory, staff, mailoutbox):
    # given
    request = request_factory(
        request_type="know", jurisdiction="US-CA", verified_by="staff_checked"
    )
    # when
    with pytest.raises(RefusalInvalid) as refused:
        request_charge_fee(
            request=request,
            basis="excessive",
            reason=REASON,
            amount=decimal.Decimal("10"),
            staff_id=staff.pk,
        )
    # then
    assert str(refused.value) == "California requests are free of charge."
    assert Request.objects.get().fee_amount is None
    assert mailoutbox == []


def test_policy_without_fees_refuses_a_fee(verified, staff, settings, tmp_path):
    # given: a declaration that allows refusal only
    source = (settings.CANDID_POLICY_FILE).read_text(encoding="utf-8")
    changed = tmp_path / "refuse-only.yaml"
    changed.write_text(
        source.replace(
            "unfounded_or_excessive: refuse_or_reasonable_fee",
            "unfounded_or_excessive: refuse",
        ),
        encoding="utf-8",
    )
    settings.CANDID_POLICY_FILE = changed
    # when
    with pytest.raises(RefusalInvalid) as refused:
        request_charge_fee(
            request=verified,
            basis="excessive",
            reason=REASON,
            amount=decimal.Decimal("10"),
            staff_id=staff.pk,
        )
    # then
    assert str(refused.value) == "The privacy policy does not allow this (refuse)."


def test_zero_fee_is_refused(verified, staff):
    # when / then
    with pytest.raises(RefusalInvalid):
        request_charge_fee(
            request=verified,
            basis="excessive",
            reason=REASON,
            amount=decimal.Decimal("0"),
            staff_id=staff.pk,
        )


def test_completion_records_the_response_date_dsr_14(verified):
    # when
    request_complete(request=verified, actor=SYSTEM, now=NOW)
    # then
    stored = Request.objects.get()
    assert stored.state == State.COMPLETED
    assert stored.responded_at == NOW
    assert AuditEvent.objects.filter(action="rights.request_state_changed").count() == 1


def test_withdrawn_request_cannot_be_completed(verified):
    # given
    request_withdraw(request=verified, actor=SYSTEM, now=NOW)
    # when
    with pytest.raises(TransitionRefused) as refused:
        request_complete(request=verified, actor=SYSTEM, now=NOW)
    # then
    assert (
        str(refused.value) == "A access request cannot go from withdrawn to completed."
    )
    assert Request.objects.get().state == State.WITHDRAWN


def test_unverified_request_cannot_start(request_factory):
    # given
    request = request_factory()
    # when / then
    with pytest.raises(TransitionRefused):
        request_start(request=request, actor=SYSTEM)
    assert Request.objects.get().state == State.RECEIVED


def test_staff_checked_identity_lets_work_start(request_factory, staff):
    # given: a phoned-in request
    request = request_factory(channel="phone")
    # when
    verification_staff_confirm(request=request, staff_id=staff.pk, now=NOW)
    # then
    stored = Request.objects.get()
    assert stored.state == State.IN_PROGRESS
    assert stored.verification_method == "staff_checked"
    assert stored.verified_at == NOW


def test_verified_request_that_was_waiting_starts(request_factory, staff):
    # given: a phoned-in request whose caller was checked, then put back to received
    request = request_factory(channel="phone")
    verification_staff_confirm(request=request, staff_id=staff.pk, now=NOW)
    Request.objects.filter(pk=request.pk).update(state=State.RECEIVED)
    request.refresh_from_db()
    # when
    request_start(request=request, actor=SYSTEM)
    # then
    assert Request.objects.get().state == State.IN_PROGRESS


def test_staff_cannot_verify_a_closed_request(verified, staff):
    # given
    request_complete(request=verified, actor=SYSTEM, now=NOW)
    # when / then
    with pytest.raises(TransitionRefused):
        verification_staff_confirm(request=verified, staff_id=staff.pk, now=NOW)
    assert Request.objects.get().verification_method == "staff_checked"


def test_no_letter_goes_to_a_requester_whose_address_was_erased(
    verified, staff, mailoutbox
):
    # given: the requester's key was destroyed, so the address reads as None
    from candid.vault.services import subject_key_destroy

    subject_key_destroy(subject_id=verified.subject_id)
    request = Request.objects.get()
    # when
    request_refuse(
        request=request, basis="excessive", reason=REASON, staff_id=staff.pk, now=NOW
    )
    # then
    assert Request.objects.get().state == State.REFUSED
    assert mailoutbox == []


def test_uk_clock_starts_when_staff_confirm_the_identity_dsr_04(
    studio_uk, request_factory, staff
):
    # given: a UK request received 15 January, identity confirmed 20 January
    request = request_factory(jurisdiction="UK", channel="post")
    # when
    verification_staff_confirm(
        request=request, staff_id=staff.pk, now=NOW + dt.timedelta(days=5)
    )
    # then: 20 February 2026 is a Friday
    stored = Request.objects.get()
    assert stored.clock_started_at == NOW + dt.timedelta(days=5)
    assert stored.due_on == dt.date(2026, 2, 20)
