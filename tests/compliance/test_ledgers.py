import datetime as dt

from candid.compliance.ledgers import check_marketing_consent, check_processors_declared
from candid.compliance.results import CheckResult
from candid.notices.selectors import declaration_active

from .conftest import NOON

MARKETING = "No marketing e-mail without consent at sending time (MKT-01)"
PROCESSORS = "Every processor in use declared"
HOUR = dt.timedelta(hours=1)


def test_marketing_email_sent_after_a_standing_grant_passes_mkt_01(
    grant, marketing_sent
):
    # given
    grant(NOON - HOUR)
    marketing_sent(NOON)
    # when
    result = check_marketing_consent(declaration=declaration_active())
    # then
    assert result == CheckResult(name=MARKETING, passed=True)


def test_marketing_email_sent_without_any_consent_fails_mkt_01_naming_the_send(
    marketing_sent,
):
    # given
    send = marketing_sent(NOON)
    # when
    result = check_marketing_consent(declaration=declaration_active())
    # then
    assert result == CheckResult(
        name=MARKETING, passed=False, details=(f"audit.AuditEvent #{send.sequence}",)
    )


def test_marketing_email_sent_before_the_grant_fails_mkt_01(grant, marketing_sent):
    # given consent given only an hour after the e-mail left
    send = marketing_sent(NOON)
    grant(NOON + HOUR)
    # when
    result = check_marketing_consent(declaration=declaration_active())
    # then
    assert result.details == (f"audit.AuditEvent #{send.sequence}",)


def test_marketing_email_sent_after_a_withdrawal_fails_mkt_01(
    grant, withdraw, marketing_sent
):
    # given
    grant(NOON - 2 * HOUR)
    withdraw(NOON - HOUR)
    send = marketing_sent(NOON)
    # when
    result = check_marketing_consent(declaration=declaration_active())
    # then
    assert result.details == (f"audit.AuditEvent #{send.sequence}",)


def test_no_hand_offs_recorded_passes_and_says_so(db):
    # when
    result = check_processors_declared(declaration=declaration_active())
    # then
    assert result == CheckResult(
        name=PROCESSORS, passed=True, details=("No hand-offs recorded.",)
    )


def test_hand_off_to_a_declared_recipient_passes(handed_off):
    # given
    handed_off("stripe")
    # when
    result = check_processors_declared(declaration=declaration_active())
    # then
    assert result == CheckResult(
        name=PROCESSORS, passed=True, details=("1 hand-offs.",)
    )


def test_hand_off_to_an_undeclared_recipient_fails_naming_the_event(handed_off):
    # given
    handed_off("stripe")
    rogue = handed_off("print_shop_down_the_road")
    # when
    result = check_processors_declared(declaration=declaration_active())
    # then
    assert result == CheckResult(
        name=PROCESSORS,
        passed=False,
        details=(
            f"audit.AuditEvent #{rogue.sequence} names undeclared recipient "
            "'print_shop_down_the_road'",
        ),
    )
