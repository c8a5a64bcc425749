"""Which messages the declaration allows, and the promotion lint of service mail (MKT-05, C-02)."""

import pytest

from candid.mail.declared import (
    list_name,
    marketing_message_get,
    promotions_refuse,
    service_message_get,
)
from candid.mail.exceptions import PromotionalServiceMessage, UndeclaredMessage
from candid.policy import load_declaration


@pytest.fixture
def cinetrum(policies_dir):
    return load_declaration(policies_dir / "cinetrum-studio.yaml")


def test_a_declared_service_message_is_found(cinetrum):
    message = service_message_get(
        declaration=cinetrum, message_key="booking_confirmation"
    )

    assert message.key == "booking_confirmation"


def test_an_undeclared_service_message_is_refused_naming_the_declared_ones(cinetrum):
    with pytest.raises(UndeclaredMessage) as refused:
        service_message_get(declaration=cinetrum, message_key="spring_sale")

    assert str(refused.value) == (
        "'spring_sale' is not a service message of the active declaration (declared: "
        "booking_confirmation, opt_in_confirmation, order_confirmation, policy_change, "
        "rights_request, "
        "security_notice, withdrawal_waiver_confirmation)"
    )


def test_a_marketing_message_cannot_be_sent_as_a_service_message_c02(cinetrum):
    with pytest.raises(UndeclaredMessage) as refused:
        service_message_get(declaration=cinetrum, message_key="newsletter")

    assert str(refused.value) == (
        "'newsletter' is a marketing message: send it with mail_send_marketing, "
        "which checks consent and adds an unsubscribe"
    )


def test_a_marketing_message_comes_with_its_marketing_purpose(cinetrum):
    message, purpose = marketing_message_get(
        declaration=cinetrum, message_key="newsletter"
    )

    assert (message.key, purpose.key, purpose.is_marketing) == (
        "newsletter",
        "marketing_email",
        True,
    )


def test_a_service_message_cannot_be_sent_as_marketing(cinetrum):
    with pytest.raises(UndeclaredMessage) as refused:
        marketing_message_get(declaration=cinetrum, message_key="booking_confirmation")

    assert str(refused.value) == (
        "'booking_confirmation' is not a marketing message of the active declaration "
        "(declared: newsletter)"
    )


def test_a_marketing_message_declared_for_sms_is_not_sent_by_email(cinetrum):
    # given
    newsletter = cinetrum.communications.marketing[0].model_copy(
        update={"channel": "sms"}
    )
    communications = cinetrum.communications.model_copy(
        update={"marketing": [newsletter]}
    )
    declaration = cinetrum.model_copy(update={"communications": communications})

    # when
    with pytest.raises(UndeclaredMessage) as refused:
        marketing_message_get(declaration=declaration, message_key="newsletter")

    # then
    assert str(refused.value) == (
        "marketing message 'newsletter' is declared for sms, not e-mail"
    )


@pytest.mark.parametrize(
    ("text", "marker"),
    [
        ("Upgrade to the Pro presets today", "upgrade"),
        ("A special OFFER for you", "offer"),
        ("<p>Our <b>new\n   product</b> is here</p>", "new product"),
        ("Summer sale now on", "sale"),
        ("Use this discount code", "discount"),
    ],
)
def test_a_service_message_with_a_promotion_is_refused_mkt05(text, marker):
    with pytest.raises(PromotionalServiceMessage) as refused:
        promotions_refuse(message_key="booking_confirmation", parts=("Booked", text))

    assert str(refused.value) == (
        f"service message 'booking_confirmation' mentions '{marker}': promoting products "
        "or upgrades is marketing and needs consent and an unsubscribe; nothing was sent"
    )


def test_a_neutral_service_message_passes():
    promotions_refuse(
        message_key="booking_confirmation",
        parts=(
            "Your booking",
            "Your session on 3 May is booked. To cancel, reply.",
            "",
        ),
    )


def test_the_promotional_markers_can_be_configured(settings):
    # given
    settings.CANDID_MAIL_PROMOTIONAL_MARKERS = ["bargain"]

    # when
    with pytest.raises(PromotionalServiceMessage):
        promotions_refuse(message_key="booking_confirmation", parts=("A bargain!",))

    # then
    promotions_refuse(message_key="booking_confirmation", parts=("An offer",))


def test_a_list_is_named_after_its_purpose(cinetrum):
    assert list_name(declaration=cinetrum, list_key="marketing_email") == (
        "Marketing e-mails"
    )


def test_a_list_no_longer_declared_is_named_by_its_key(cinetrum):
    assert list_name(declaration=cinetrum, list_key="old_newsletter") == (
        "old_newsletter"
    )
