"""Due dates by jurisdiction: the REQUIREMENTS test vectors (DSR-03, DSR-04, CA-02)."""

import datetime as dt

import pytest

from candid.policy.schema.controller import ResponseRules
from candid.rights.deadlines import (
    OPT_OUT_PERIOD,
    clock_start,
    extension_allowed,
    next_working_day,
    response_deadlines,
)

EU = ResponseRules(period="1 month", extension="2 months")
UK = ResponseRules(
    period="1 month",
    extension="2 months",
    weekend_rollover=True,
    clock_starts_at_identity=True,
)
CA = ResponseRules(
    period="45 days", extension="45 days", receipt_confirmation="10 business days"
)


def _due(rules, start, **kwargs):
    return response_deadlines(rules=rules, start=start, **kwargs)


@pytest.mark.parametrize(
    ("rules", "bank_holidays", "received", "due"),
    [
        (EU, False, dt.date(2026, 1, 15), dt.date(2026, 2, 15)),
        (UK, True, dt.date(2026, 1, 15), dt.date(2026, 2, 16)),
        (EU, False, dt.date(2026, 1, 31), dt.date(2026, 2, 28)),
        (UK, True, dt.date(2026, 1, 31), dt.date(2026, 3, 2)),
    ],
    ids=["eu-15-jan", "uk-15-jan-sunday", "eu-31-jan-month-end", "uk-31-jan-saturday"],
)
def test_gdpr_due_date_is_one_calendar_month_with_uk_rollover_dsr_03(
    rules, bank_holidays, received, due
):
    # when
    deadlines = _due(rules, received, uses_bank_holidays=bank_holidays)
    # then
    assert deadlines.due_on == due


def test_gdpr_extension_runs_to_start_plus_three_months_dsr_03():
    # when
    deadlines = _due(EU, dt.date(2026, 1, 15))
    # then
    assert deadlines.extended_due_on == dt.date(2026, 4, 15)


def test_extension_from_a_month_end_is_three_months_from_the_start():
    # when
    deadlines = _due(EU, dt.date(2026, 1, 31))
    # then: start + 3 months is 30 April, not 28 February + 2 months
    assert deadlines.extended_due_on == dt.date(2026, 4, 30)


def test_ccpa_due_date_is_45_days_extended_by_45_ca_02():
    # when
    deadlines = _due(CA, dt.date(2026, 1, 15), received_on=dt.date(2026, 1, 15))
    # then
    assert deadlines.due_on == dt.date(2026, 3, 1)
    assert deadlines.extended_due_on == dt.date(2026, 4, 15)


def test_ccpa_receipt_is_confirmed_within_ten_business_days_dsr_14():
    # when
    deadlines = _due(CA, dt.date(2026, 1, 15))
    # then: Thursday 15 January + 10 working days
    assert deadlines.confirm_receipt_by == dt.date(2026, 1, 29)


def test_gdpr_profiles_have_no_receipt_confirmation_deadline():
    # when
    deadlines = _due(EU, dt.date(2026, 1, 15))
    # then
    assert deadlines.confirm_receipt_by is None


def test_uk_due_date_on_a_bank_holiday_moves_to_the_next_working_day():
    # given: 6 April 2026 is Easter Monday, 3 April Good Friday
    received = dt.date(2026, 3, 6)
    # when
    deadlines = _due(UK, received, uses_bank_holidays=True)
    # then: 6 April -> Tuesday 7 April
    assert deadlines.due_on == dt.date(2026, 4, 7)


def test_eu_profile_without_rollover_keeps_a_weekend_due_date():
    # when
    deadlines = _due(EU, dt.date(2026, 1, 31))
    # then: 28 February 2026 is a Saturday
    assert deadlines.due_on.weekday() == 5


def test_next_working_day_skips_boxing_day_observed_in_england():
    # when
    day = next_working_day(dt.date(2026, 12, 25), bank_holidays=True)
    # then: 25, 26 (Sat), 27 (Sun), 28 (Boxing Day observed)
    assert day == dt.date(2026, 12, 29)


def test_uk_clock_starts_at_the_identity_information_dsr_04():
    # when
    start = clock_start(
        rules=UK,
        received_on=dt.date(2026, 1, 15),
        identity_received_on=dt.date(2026, 1, 20),
    )
    # then
    assert start == dt.date(2026, 1, 20)


def test_uk_clock_starts_at_the_latest_of_request_identity_and_fee_dsr_04():
    # when
    start = clock_start(
        rules=UK,
        received_on=dt.date(2026, 1, 15),
        identity_received_on=dt.date(2026, 1, 20),
        fee_received_on=dt.date(2026, 1, 22),
    )
    # then
    assert start == dt.date(2026, 1, 22)


def test_eu_clock_starts_at_receipt_whatever_the_identity_date():
    # when
    start = clock_start(
        rules=EU,
        received_on=dt.date(2026, 1, 15),
        identity_received_on=dt.date(2026, 1, 20),
    )
    # then
    assert start == dt.date(2026, 1, 15)


def test_days_paused_for_scope_clarification_do_not_count_dsr_04():
    # when: 10 days waiting for the requester to narrow the request
    deadlines = _due(UK, dt.date(2026, 1, 15), paused_days=10, uses_bank_holidays=True)
    # then: 15 February + 10 days = Wednesday 25 February
    assert deadlines.due_on == dt.date(2026, 2, 25)


def test_opt_out_period_is_fifteen_business_days_without_extension():
    # when
    deadlines = _due(CA, dt.date(2026, 1, 15), period=OPT_OUT_PERIOD, extendable=False)
    # then
    assert deadlines.due_on == dt.date(2026, 2, 5)
    assert deadlines.extended_due_on is None


@pytest.mark.parametrize(
    ("notice_sent_on", "reason", "allowed"),
    [
        (dt.date(2026, 2, 10), "Many years of galleries to search.", True),
        (dt.date(2026, 2, 15), "Many years of galleries to search.", True),
        (dt.date(2026, 2, 16), "Many years of galleries to search.", False),
        (None, "Many years of galleries to search.", False),
        (dt.date(2026, 2, 10), "   ", False),
    ],
    ids=["in-time", "on-due-date", "late", "no-notice", "no-reason"],
)
def test_extension_needs_a_notice_with_reasons_by_the_due_date_dsr_03(
    notice_sent_on, reason, allowed
):
    # when
    result = extension_allowed(
        due_on=dt.date(2026, 2, 15), notice_sent_on=notice_sent_on, reason=reason
    )
    # then
    assert result is allowed


def test_extension_in_another_unit_is_added_after_the_period():
    # given: a profile of 30 days, extendable by 2 months
    rules = ResponseRules(period="30 days", extension="2 months")
    # when
    deadlines = _due(rules, dt.date(2026, 1, 15))
    # then: 14 February + 2 months
    assert deadlines.extended_due_on == dt.date(2026, 4, 14)
