"""The self-audit's check that every breach reached the authority in time (BR-02, BR-03)."""

import datetime as dt

import pytest

from candid.compliance.breaches import (
    BREACHES_IN_TIME,
    check_breaches_notified_in_time,
)
from candid.compliance.results import CheckResult
from candid.registry.models import Breach

AWARE = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)


@pytest.fixture
def breach(staff_factory):
    """Record a breach the studio became aware of on 20 November at 09:00."""
    staff = staff_factory()

    def make(**facts) -> Breach:
        return Breach.objects.create(
            recorded_at=AWARE,
            recorded_by=staff,
            discovered_at=AWARE,
            aware_at=AWARE,
            nature="A laptop was stolen.",
            kinds=["confidentiality"],
            **facts,
        )

    return make


def test_no_breaches_at_all_passes(db):
    # when
    result = check_breaches_notified_in_time(now=AWARE)
    # then
    assert result == CheckResult(
        name=BREACHES_IN_TIME, passed=True, details=("No breaches recorded.",)
    )


def test_a_breach_still_inside_its_72_hours_passes(breach):
    # given
    breach()
    # when
    result = check_breaches_notified_in_time(now=AWARE + 71 * HOUR)
    # then
    assert result == CheckResult(
        name=BREACHES_IN_TIME, passed=True, details=("1 breaches in order.",)
    )


def test_a_breach_past_72_hours_with_the_authority_untold_fails_br_02(breach):
    # given
    found = breach(risk="risk")
    # when
    result = check_breaches_notified_in_time(now=AWARE + 73 * HOUR)
    # then
    assert result.details == (
        f"registry.Breach #{found.pk} authority not notified, 72 hours ended "
        "2026-11-23 09:00",
    )


def test_a_breach_assessed_as_no_risk_needs_no_notification_br_01(breach):
    # given
    breach(risk="none", risk_reason="Encrypted laptop, key safe.")
    # when
    result = check_breaches_notified_in_time(now=AWARE + 100 * HOUR)
    # then
    assert result.passed is True


def test_a_late_notification_without_reasons_fails_br_02(breach):
    # given
    found = breach(risk="risk", authority_notified_at=AWARE + 80 * HOUR)
    # when
    result = check_breaches_notified_in_time(now=AWARE + 100 * HOUR)
    # then
    assert result.details == (
        f"registry.Breach #{found.pk} notified late without reasons for the delay",
    )


def test_a_late_notification_with_reasons_passes_br_02(breach):
    # given
    breach(
        risk="risk",
        authority_notified_at=AWARE + 80 * HOUR,
        delay_reasons="The processor told us on day three.",
    )
    # when
    result = check_breaches_notified_in_time(now=AWARE + 100 * HOUR)
    # then
    assert result.passed is True


def test_a_high_risk_breach_closed_without_telling_people_fails_br_03(breach):
    # given
    found = breach(
        risk="high",
        authority_notified_at=AWARE + HOUR,
        closed_at=AWARE + 50 * HOUR,
        exemption="disproportionate",
    )
    # when
    result = check_breaches_notified_in_time(now=AWARE + 100 * HOUR)
    # then
    assert result.details == (
        f"registry.Breach #{found.pk} closed without telling the people affected",
    )


def test_a_high_risk_breach_of_unintelligible_data_needs_no_notice_to_people_br_03(
    breach,
):
    # given
    breach(
        risk="high",
        authority_notified_at=AWARE + HOUR,
        closed_at=AWARE + 50 * HOUR,
        exemption="unintelligible",
    )
    # when
    result = check_breaches_notified_in_time(now=AWARE + 100 * HOUR)
    # then
    assert result.passed is True
