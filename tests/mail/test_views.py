"""The one-click unsubscribe endpoint, as a mail client and a person use it (MKT-03, MKT-04)."""

import re
import uuid

from django.test import Client

import pytest

from candid.consent.exceptions import PurposeDenied
from candid.consent.models import ConsentEvent
from candid.consent.purposes import require_purpose
from candid.mail.addresses import address_hash
from candid.mail.models import Suppression
from candid.mail.services import MarketingOutcome
from candid.mail.tokens import UnsubscribeTarget, unsubscribe_token_make
from tests.mail.conftest import header

pytestmark = pytest.mark.django_db

ONE_CLICK = "List-Unsubscribe=One-Click"


@pytest.fixture
def mail_client() -> Client:
    """A client that sends no cookie and enforces CSRF, like a mail provider's POST."""
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def unsubscribe_path(subject_id) -> str:
    token = unsubscribe_token_make(
        target=UnsubscribeTarget(
            subject_id=subject_id,
            list_key="marketing_email",
            address_hash=address_hash("ana@example.com"),
        )
    )
    return f"/mail/unsubscribe/{token}/"


def suppressed() -> list[tuple[str, str]]:
    return list(Suppression.objects.values_list("address_hash", "list_key"))


def ledger_rows(subject_id: uuid.UUID) -> list[tuple[str, str, str]]:
    return list(
        ConsentEvent.objects.filter(subject_id=subject_id)
        .order_by("id")
        .values_list("purpose", "action", "surface")
    )


def assert_withdrawn(subject_id: uuid.UUID) -> None:
    assert ledger_rows(subject_id)[-1] == (
        "marketing_email",
        "withdrawn",
        "unsubscribe_link",
    )
    with pytest.raises(PurposeDenied):
        require_purpose(subject_id, "marketing_email")


def assert_still_consented(subject_id: uuid.UUID) -> None:
    assert ledger_rows(subject_id) == [("marketing_email", "granted", "privacy_centre")]
    require_purpose(subject_id, "marketing_email")


def test_a_one_click_post_unsubscribes_without_cookie_login_or_csrf_token_mkt03(
    mail_client, unsubscribe_path, subject_id
):
    # when
    response = mail_client.post(
        unsubscribe_path, ONE_CLICK, content_type="application/x-www-form-urlencoded"
    )

    # then
    assert response.status_code == 200
    assert "Location" not in response.headers
    assert suppressed() == [(address_hash("ana@example.com"), "marketing_email")]
    assert_withdrawn(subject_id)


def test_a_one_click_post_as_multipart_form_data_unsubscribes_mkt03(
    mail_client, unsubscribe_path, subject_id
):
    # when
    response = mail_client.post(unsubscribe_path, {"List-Unsubscribe": "One-Click"})

    # then
    assert response.status_code == 200
    assert suppressed() == [(address_hash("ana@example.com"), "marketing_email")]
    assert_withdrawn(subject_id)


def test_a_second_one_click_post_changes_nothing_more_mkt03(
    mail_client, unsubscribe_path, subject_id
):
    # given
    mail_client.post(unsubscribe_path, {"List-Unsubscribe": "One-Click"})
    before = ledger_rows(subject_id)

    # when
    response = mail_client.post(unsubscribe_path, {"List-Unsubscribe": "One-Click"})

    # then
    assert response.status_code == 200
    assert len(suppressed()) == 1
    assert ledger_rows(subject_id) == before


def test_get_shows_a_confirmation_form_and_never_unsubscribes_mkt03(
    mail_client, unsubscribe_path, subject_id, give_consent
):
    # given
    give_consent(subject_id)

    # when
    response = mail_client.get(unsubscribe_path)

    # then
    assert response.status_code == 200
    html = response.content.decode()
    assert "stop receiving &ldquo;Marketing e-mails&rdquo; from Cinetrum Studio" in html
    assert f'<form method="post" action="{unsubscribe_path}">' in html
    assert '<input type="hidden" name="List-Unsubscribe" value="One-Click">' in html
    assert suppressed() == []
    assert_still_consented(subject_id)


def test_the_confirmation_button_unsubscribes_in_a_browser_without_csrf_token(
    mail_client, unsubscribe_path, subject_id
):
    # given: the form the confirmation page shows
    page = mail_client.get(unsubscribe_path).content.decode()
    field, value = re.search(
        r'<input type="hidden" name="([^"]+)" value="([^"]+)">', page
    ).groups()

    # when
    response = mail_client.post(unsubscribe_path, {field: value})

    # then
    assert response.status_code == 200
    assert "You are unsubscribed" in response.content.decode()
    assert len(suppressed()) == 1


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_forged_token_gets_a_clear_400_and_changes_nothing(
    mail_client, unsubscribe_path, subject_id, give_consent, method
):
    # given
    give_consent(subject_id)
    forged = unsubscribe_path.replace("/mail/unsubscribe/", "/mail/unsubscribe/x")

    # when
    response = getattr(mail_client, method)(forged, {"List-Unsubscribe": "One-Click"})

    # then
    assert response.status_code == 400
    assert "This unsubscribe link is not valid. Nothing was changed." in (
        response.content.decode()
    )
    assert suppressed() == []
    assert_still_consented(subject_id)


def test_a_post_without_the_one_click_body_gets_a_400_and_changes_nothing(
    mail_client, unsubscribe_path, subject_id, give_consent
):
    # given
    give_consent(subject_id)

    # when
    response = mail_client.post(unsubscribe_path, {"List-Unsubscribe": "Yes"})

    # then
    assert response.status_code == 400
    assert "The request must say List-Unsubscribe=One-Click. Nothing was changed." in (
        response.content.decode()
    )
    assert suppressed() == []
    assert_still_consented(subject_id)


def test_other_methods_are_not_allowed(mail_client, unsubscribe_path):
    # when
    response = mail_client.put(unsubscribe_path, ONE_CLICK)

    # then
    assert response.status_code == 405
    assert suppressed() == []


def test_the_link_in_a_received_email_stops_the_very_next_send_mkt04(
    smtp_inbox, mail_client, subject_id, give_consent, send_newsletter
):
    # given: a newsletter was received
    give_consent(subject_id)
    send_newsletter(subject_id)
    [message] = smtp_inbox.messages
    url = header(message, "List-Unsubscribe").strip("<>")

    # when: the mail provider POSTs to the header's URI
    response = mail_client.post(
        url.removeprefix("https://studio.test"),
        ONE_CLICK,
        content_type="application/x-www-form-urlencoded",
    )
    outcome = send_newsletter(subject_id)

    # then
    assert response.status_code == 200
    assert outcome == MarketingOutcome.SUPPRESSED
    assert len(smtp_inbox.envelopes) == 1


def test_an_unsubscribe_by_a_subject_unknown_here_still_suppresses_the_address(
    mail_client,
):
    # given: a link of a subject since erased
    token = unsubscribe_token_make(
        target=UnsubscribeTarget(
            subject_id=uuid.uuid4(),
            list_key="marketing_email",
            address_hash=address_hash("gone@example.com"),
        )
    )

    # when
    response = mail_client.post(
        f"/mail/unsubscribe/{token}/", {"List-Unsubscribe": "One-Click"}
    )

    # then
    assert response.status_code == 200
    assert suppressed() == [(address_hash("gone@example.com"), "marketing_email")]
