"""Start-up checks of the mail settings (MKT-02, MKT-06)."""

from django.core.checks import Error, Warning, run_checks

from candid.mail.checks import Hints, base_url_check, from_addresses_check


def test_one_from_address_for_service_and_marketing_stops_start_up_mkt06(settings):
    # given
    settings.CANDID_MAIL_FROM_SERVICE = "Studio <Hello@studio.test>"
    settings.CANDID_MAIL_FROM_MARKETING = "hello@studio.test"

    # when
    messages = run_checks(tags=["mail"])

    # then
    assert messages == [
        Error(
            "Service and marketing e-mail are sent from the same address "
            "(hello@studio.test): mailbox providers cannot tell them apart, and a spam "
            "complaint about marketing would block booking and order confirmations.",
            hint=Hints.SAME_FROM,
            id="candid.E060",
        )
    ]


def test_separate_from_addresses_pass():
    assert from_addresses_check() == []


def test_an_http_base_url_is_a_deploy_warning_mkt02(settings):
    # given
    settings.CANDID_BASE_URL = "http://studio.test/"

    # when
    messages = run_checks(tags=["mail"], include_deployment_checks=True)

    # then
    assert messages == [
        Warning(
            "CANDID_BASE_URL (http://studio.test) is not HTTPS: the List-Unsubscribe URI "
            "of every marketing e-mail must be HTTPS (RFC 8058).",
            hint=Hints.NOT_HTTPS,
            id="candid.W060",
        )
    ]


def test_an_http_base_url_is_not_reported_outside_deploy_checks(settings):
    # given
    settings.CANDID_BASE_URL = "http://studio.test"

    # when
    messages = run_checks(tags=["mail"])

    # then
    assert messages == []


def test_an_https_base_url_passes():
    assert base_url_check() == []
