"""Service and marketing e-mail through a real SMTP server (MKT-01, MKT-02, MKT-05, MKT-06, MKT-08, C-02)."""

import uuid

import pytest

from candid.audit.models import AuditEvent
from candid.consent.models import ConsentEvent
from candid.consent.services import consent_withdraw
from candid.mail.addresses import address_hash
from candid.mail.exceptions import (
    InvalidRecipient,
    PromotionalServiceMessage,
    UndeclaredMessage,
)
from candid.mail.models import Suppression
from candid.mail.services import (
    MarketingOutcome,
    mail_send_campaign,
    mail_send_marketing,
    mail_send_service,
    mail_unsubscribe,
    suppression_add,
)
from candid.mail.tokens import UnsubscribeTarget, unsubscribe_token_make
from tests.mail.conftest import header

pytestmark = pytest.mark.django_db


def send_booking_confirmation(**overrides) -> None:
    arguments = {
        "message_key": "booking_confirmation",
        "to": "Ana@Example.com",
        "subject": "Your booking\non 3 May",
        "text_template": "test/booking.txt",
        "html_template": "test/booking.html",
        "context": {"date": "3 May"},
        **overrides,
    }
    mail_send_service(**arguments)


def audit_rows() -> list[tuple]:
    return list(
        AuditEvent.objects.filter(actor_id="mail")
        .order_by("sequence")
        .values_list(
            "action",
            "actor_kind",
            "actor_id",
            "subject_id",
            "purpose",
            "categories",
            "details",
        )
    )


def token_for(subject_id: uuid.UUID, address: str = "ana@example.com") -> str:
    return unsubscribe_token_make(
        target=UnsubscribeTarget(
            subject_id=subject_id,
            list_key="marketing_email",
            address_hash=address_hash(address),
        )
    )


# Service messages


def test_a_service_message_reaches_the_recipient_from_the_service_address(smtp_inbox):
    # when
    send_booking_confirmation()

    # then
    [envelope] = smtp_inbox.envelopes
    assert envelope.mail_from == "service@studio.test"
    assert envelope.rcpt_tos == ["ana@example.com"]
    [message] = smtp_inbox.messages
    assert message["From"] == "Cinetrum Studio <service@studio.test>"
    assert message["To"] == "ana@example.com"
    assert message["Subject"] == "Your booking on 3 May"
    assert message.get_body(("plain",)).get_content() == (
        "Your session on 3 May is booked. To cancel, reply.\n"
    )
    assert message.get_body(("html",)).get_content() == (
        "<html><body><p>Your session on 3 May is booked.</p></body></html>"
    )


def test_a_service_message_has_no_unsubscribe_headers(smtp_inbox):
    # when
    send_booking_confirmation()

    # then
    [message] = smtp_inbox.messages
    assert header(message, "List-Unsubscribe") is None
    assert header(message, "List-Unsubscribe-Post") is None


def test_a_service_message_with_a_promotion_is_refused_and_nothing_is_sent_mkt05_c02(
    smtp_inbox,
):
    # when
    with pytest.raises(PromotionalServiceMessage) as refused:
        send_booking_confirmation(
            text_template="test/booking_offer.txt", html_template=None
        )

    # then
    assert str(refused.value) == (
        "service message 'booking_confirmation' mentions 'offer': promoting products or "
        "upgrades is marketing and needs consent and an unsubscribe; nothing was sent"
    )
    assert smtp_inbox.envelopes == []


def test_a_promotion_in_the_subject_line_is_refused_too(smtp_inbox):
    # when
    with pytest.raises(PromotionalServiceMessage):
        send_booking_confirmation(subject="Booked! Upgrade your presets")

    # then
    assert smtp_inbox.envelopes == []


def test_a_marketing_message_cannot_be_sent_as_a_service_message_c02(smtp_inbox):
    # when
    with pytest.raises(UndeclaredMessage):
        send_booking_confirmation(message_key="newsletter")

    # then
    assert smtp_inbox.envelopes == []


def test_an_undeclared_service_message_is_refused(smtp_inbox):
    # when
    with pytest.raises(UndeclaredMessage):
        send_booking_confirmation(message_key="spring_sale")

    # then
    assert smtp_inbox.envelopes == []


def test_a_service_message_to_an_invalid_address_is_refused(smtp_inbox):
    # when
    with pytest.raises(InvalidRecipient):
        send_booking_confirmation(to="ana@example.com\nBcc: eve@example.com")

    # then
    assert smtp_inbox.envelopes == []


# Marketing messages: who gets them


def test_no_marketing_email_goes_to_a_subject_without_consent_mkt01(
    smtp_inbox, subject_id, send_newsletter
):
    # when
    outcome = send_newsletter(subject_id)

    # then
    assert outcome == MarketingOutcome.NO_CONSENT
    assert smtp_inbox.envelopes == []


def test_a_refused_marketing_send_is_recorded_in_the_audit_log_with_its_reason(
    smtp_inbox, subject_id, send_newsletter
):
    # when
    send_newsletter(subject_id)

    # then
    assert audit_rows() == [
        (
            "data.use_denied",
            "system",
            "mail",
            subject_id,
            "marketing_email",
            ["user.contact.email"],
            {"message": "newsletter", "reason": "no_consent"},
        )
    ]


def test_a_marketing_send_is_recorded_in_the_audit_log_without_the_address(
    smtp_inbox, subject_id, give_consent, send_newsletter
):
    # given
    give_consent(subject_id)

    # when
    send_newsletter(subject_id)

    # then
    assert audit_rows() == [
        (
            "data.used",
            "system",
            "mail",
            subject_id,
            "marketing_email",
            ["user.contact.email"],
            {"message": "newsletter"},
        )
    ]


def test_marketing_email_goes_to_a_subject_who_opted_in(
    smtp_inbox, subject_id, give_consent, send_newsletter
):
    # given
    give_consent(subject_id)

    # when
    outcome = send_newsletter(subject_id, to="Ana@Example.com")

    # then
    assert outcome == MarketingOutcome.SENT
    [envelope] = smtp_inbox.envelopes
    assert envelope.rcpt_tos == ["ana@example.com"]


def test_a_withdrawal_is_honoured_by_the_very_next_send_mkt04(
    smtp_inbox, subject_id, give_consent, send_newsletter
):
    # given
    give_consent(subject_id)
    assert send_newsletter(subject_id) == MarketingOutcome.SENT

    # when
    consent_withdraw(
        subject_id=subject_id, purpose="marketing_email", surface="privacy_centre"
    )
    outcome = send_newsletter(subject_id)

    # then
    assert outcome == MarketingOutcome.NO_CONSENT
    assert len(smtp_inbox.envelopes) == 1


def test_an_unsubscribe_is_honoured_by_the_very_next_send_mkt04(
    smtp_inbox, subject_id, give_consent, send_newsletter
):
    # given
    give_consent(subject_id)
    assert send_newsletter(subject_id) == MarketingOutcome.SENT

    # when
    mail_unsubscribe(
        target=UnsubscribeTarget(
            subject_id=subject_id,
            list_key="marketing_email",
            address_hash=address_hash("ana@example.com"),
        )
    )
    outcome = send_newsletter(subject_id)

    # then
    assert outcome == MarketingOutcome.SUPPRESSED
    assert len(smtp_inbox.envelopes) == 1


def test_a_suppressed_address_is_not_mailed_under_a_new_subject_after_erasure_mkt08(
    smtp_inbox, make_subject, give_consent, send_newsletter
):
    # given: the address left the list, its subject was erased, and an old import
    # brings it back as a new subject with a recorded opt-in
    suppression_add(email="ANA@example.com ", list_key="marketing_email")
    newcomer = make_subject()
    give_consent(newcomer)

    # when
    outcome = send_newsletter(newcomer)

    # then
    assert outcome == MarketingOutcome.SUPPRESSED
    assert smtp_inbox.envelopes == []


def test_the_suppression_list_holds_no_plain_address_mkt08():
    # when
    suppression_add(email="Ana@Example.com", list_key="marketing_email")

    # then
    row = Suppression.objects.get()
    assert (row.address_hash, row.list_key) == (
        address_hash("ana@example.com"),
        "marketing_email",
    )
    assert "ana" not in str(row.__dict__).lower()


def test_suppressing_an_address_twice_keeps_one_row_with_the_first_date():
    # given
    suppression_add(email="ana@example.com", list_key="marketing_email")
    first = Suppression.objects.get().created_at

    # when
    suppression_add(email="ana@example.com", list_key="marketing_email")

    # then
    assert Suppression.objects.get().created_at == first


# Marketing messages: what they carry


def test_a_marketing_email_carries_the_rfc8058_one_click_headers_mkt02(
    smtp_inbox, subject_id, give_consent, send_newsletter
):
    # given
    give_consent(subject_id)

    # when
    send_newsletter(subject_id)

    # then
    [message] = smtp_inbox.messages
    assert header(message, "List-Unsubscribe") == (
        f"<https://studio.test/mail/unsubscribe/{token_for(subject_id)}/>"
    )
    assert header(message, "List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"


def test_a_configured_mailto_is_added_after_the_https_uri(
    smtp_inbox, subject_id, give_consent, send_newsletter, settings
):
    # given
    settings.CANDID_MAIL_UNSUBSCRIBE_MAILTO = "unsubscribe@studio.test"
    give_consent(subject_id)

    # when
    send_newsletter(subject_id)

    # then
    [message] = smtp_inbox.messages
    token = token_for(subject_id)
    assert header(message, "List-Unsubscribe") == (
        f"<https://studio.test/mail/unsubscribe/{token}/>, "
        f"<mailto:unsubscribe@studio.test?subject=unsubscribe%20{token}>"
    )


def test_a_marketing_email_comes_from_the_marketing_address_mkt06(
    smtp_inbox, subject_id, give_consent, send_newsletter
):
    # given
    give_consent(subject_id)

    # when
    send_newsletter(subject_id)

    # then
    [envelope] = smtp_inbox.envelopes
    assert envelope.mail_from == "news@studio.test"
    [message] = smtp_inbox.messages
    assert message["From"] == "Cinetrum Studio <news@studio.test>"


def test_a_marketing_email_shows_the_unsubscribe_link_and_the_sender_in_plain_text_mkt02(
    smtp_inbox, subject_id, give_consent, send_newsletter
):
    # given
    give_consent(subject_id)

    # when
    send_newsletter(subject_id)

    # then
    [message] = smtp_inbox.messages
    assert message.get_body(("plain",)).get_content() == (
        "Hello Ana, new sessions this spring.\n"
        "\n"
        "-- \n"
        'You receive this because you chose to get "Marketing e-mails".\n'
        "Unsubscribe at once, with one click: "
        f"https://studio.test/mail/unsubscribe/{token_for(subject_id)}/\n"
        "This e-mail is an advertisement.\n"
        "Cinetrum Studio\n"
        "https://cinetrum.com\n"
    )


def test_a_marketing_email_shows_the_unsubscribe_link_in_html_mkt02(
    smtp_inbox, subject_id, give_consent, send_newsletter
):
    # given
    give_consent(subject_id)

    # when
    send_newsletter(subject_id)

    # then
    [message] = smtp_inbox.messages
    html = message.get_body(("html",)).get_content()
    link = f"https://studio.test/mail/unsubscribe/{token_for(subject_id)}/"
    assert f'<a href="{link}">Unsubscribe</a>' in html
    assert (
        html.index("new sessions this spring")
        < html.index(link)
        < html.index("</body>")
    )
    assert "Cinetrum Studio" in html


def test_an_html_fragment_gets_the_footer_at_its_end(
    smtp_inbox, subject_id, give_consent
):
    # given
    give_consent(subject_id)

    # when
    mail_send_marketing(
        message_key="newsletter",
        subject_id=subject_id,
        to="ana@example.com",
        subject="Spring",
        text_template="test/newsletter.txt",
        html_template="test/newsletter_fragment.html",
    )

    # then
    [message] = smtp_inbox.messages
    html = message.get_body(("html",)).get_content()
    assert html.startswith("<p>New sessions this spring.</p><footer ")
    assert html.rstrip().endswith("</footer>")


def test_the_postal_address_of_the_declaration_is_shown_mkt02(
    smtp_inbox, subject_id, give_consent, send_newsletter, settings, tmp_path
):
    # given
    source = settings.CANDID_POLICY_FILE.read_text(encoding="utf-8").replace(
        "  email: support@cinetrum.com\n",
        "  email: support@cinetrum.com\n  postal_address: 1 Quay Street, Dublin\n",
        1,
    )
    settings.CANDID_POLICY_FILE = tmp_path / "policy.yaml"
    settings.CANDID_POLICY_FILE.write_text(source, encoding="utf-8")
    give_consent(subject_id)

    # when
    send_newsletter(subject_id)

    # then
    [message] = smtp_inbox.messages
    assert (
        "Cinetrum Studio, 1 Quay Street, Dublin\n"
        in message.get_body(("plain",)).get_content()
    )
    assert (
        "Cinetrum Studio, 1 Quay Street, Dublin<br>"
        in message.get_body(("html",)).get_content()
    )


# Campaigns


def test_a_campaign_sends_to_the_allowed_and_reports_everyone_it_skipped(
    smtp_inbox, make_subject, give_consent
):
    # given
    allowed, refused, suppressed, invalid = (make_subject() for _ in range(4))
    give_consent(allowed)
    give_consent(suppressed)
    suppression_add(email="sam@example.com", list_key="marketing_email")

    # when
    report = mail_send_campaign(
        message_key="newsletter",
        recipients=[
            (allowed, "ana@example.com"),
            (refused, "bob@example.com"),
            (suppressed, "sam@example.com"),
            (invalid, "not an address"),
        ],
        subject="Spring sessions",
        text_template="test/newsletter.txt",
        context={"name": "friend"},
    )

    # then
    assert report.outcomes == {
        allowed: MarketingOutcome.SENT,
        refused: MarketingOutcome.NO_CONSENT,
        suppressed: MarketingOutcome.SUPPRESSED,
        invalid: MarketingOutcome.INVALID_ADDRESS,
    }
    assert report.subjects(MarketingOutcome.SENT) == [allowed]
    assert [e.rcpt_tos for e in smtp_inbox.envelopes] == [["ana@example.com"]]


def test_a_marketing_send_to_a_malformed_subject_id_is_refused(
    smtp_inbox, send_newsletter
):
    # when
    with pytest.raises(InvalidRecipient) as refused:
        send_newsletter("subject-42")

    # then
    assert str(refused.value) == "'subject-42' is not a subject id"
    assert smtp_inbox.envelopes == []


def test_an_unsubscribe_from_a_list_no_longer_declared_still_suppresses_the_address(
    subject_id,
):
    # given: a link from a message of a list the policy in force no longer has
    target = UnsubscribeTarget(
        subject_id=subject_id,
        list_key="old_newsletter",
        address_hash=address_hash("ana@example.com"),
    )

    # when
    mail_unsubscribe(target=target)

    # then
    row = Suppression.objects.get()
    assert (row.address_hash, row.list_key) == (target.address_hash, "old_newsletter")
    assert str(row) == (
        f"Suppression of {target.address_hash[:12]}... from old_newsletter"
    )
    assert ConsentEvent.objects.filter(subject_id=subject_id).count() == 0
