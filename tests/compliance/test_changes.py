"""The self-audit's check that every client was told of each significant change (NOT-03)."""

import datetime as dt

from django.utils import timezone

import pytest

from candid.compliance.changes import CHANGES_TOLD, check_change_notices_sent
from candid.compliance.results import CheckResult
from candid.notices.changes import change_notices_send
from candid.notices.services import policy_publish

MARKETING_DATA = "    data_categories: [user.name, user.contact.email]\n    data_subjects: [customer, prospect]"


def _in_days(days: int) -> str:
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


@pytest.fixture
def significant_version(cinetrum_source, account_factory):
    """Ana is a client when version 2027.01, widening marketing e-mail, is published."""
    policy_publish(source=cinetrum_source, now=dt.datetime(2026, 10, 1, tzinfo=dt.UTC))
    ana = account_factory("ana@example.com")
    source = (
        cinetrum_source.replace('version: "2026.11"', 'version: "2027.01"')
        # Far enough ahead for the declared advance notice, whatever today is.
        .replace("effective_date: 2026-11-01", f"effective_date: {_in_days(60)}")
        .replace(
            MARKETING_DATA,
            MARKETING_DATA.replace("email]", "email, user.behavior.purchase_history]"),
        )
    )
    # published without running its background send
    version = policy_publish(source=source)
    return version, ana


def test_no_significant_change_passes(db):
    # when
    result = check_change_notices_sent()
    # then
    assert result == CheckResult(
        name=CHANGES_TOLD,
        passed=True,
        details=("No significant policy changes published.",),
    )


def test_a_client_not_told_of_a_significant_change_fails_naming_them_not_03(
    significant_version,
):
    # given
    _, ana = significant_version
    # when
    result = check_change_notices_sent()
    # then
    assert result == CheckResult(
        name=CHANGES_TOLD,
        passed=False,
        details=(
            f"notices.PolicyVersion 2027.01: 1 client(s) not told ({ana.subject_id}); "
            "run `candid change_notices --policy-version 2027.01`",
        ),
    )


def test_every_client_told_passes(significant_version):
    # given
    version, _ = significant_version
    change_notices_send(version=version)
    # when
    result = check_change_notices_sent()
    # then
    assert result == CheckResult(
        name=CHANGES_TOLD, passed=True, details=("1 significant versions.",)
    )
