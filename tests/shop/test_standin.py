"""The local stand-in of Stripe answers the library as Stripe's API does."""

from __future__ import annotations

from decimal import Decimal

from django.core.management import CommandError, call_command
from django.test import override_settings

import pytest

from candid.shop import gateway
from candid.shop.exceptions import PaymentProviderError
from candid.shop.standin import form_decode


def _checkout(reference: str, email: str):
    """Open a 19.00 GBP Checkout Session for one preset at the stand-in."""
    return gateway.checkout_session_create(
        reference=reference,
        item_name="Presets",
        amount=Decimal("19.00"),
        currency="GBP",
        customer_email=email,
        success_url="https://studio.test/ok",
        cancel_url="https://studio.test/no",
    )


def test_form_decode_reads_stripes_nested_encoding():
    body = (
        "line_items[0][price_data][unit_amount]=1900&line_items[0][quantity]=1"
        "&metadata[candid_payment]=abc&expand[0]=payment_intent.latest_charge"
    )
    assert form_decode(body) == {
        "line_items": [{"price_data": {"unit_amount": "1900"}, "quantity": "1"}],
        "metadata": {"candid_payment": "abc"},
        "expand": ["payment_intent.latest_charge"],
    }


def test_a_wrong_api_key_is_refused_like_stripe_does(standin, settings):
    settings.CANDID_STRIPE_SECRET_KEY = "sk_test_wrong"
    with pytest.raises(PaymentProviderError):
        gateway.checkout_session_retrieve("cs_test_unknown")
    assert standin.requests == []


def test_an_unknown_session_is_a_provider_error(standin):
    with pytest.raises(PaymentProviderError):
        gateway.checkout_session_retrieve("cs_test_unknown")


def test_a_refund_beyond_the_payment_is_refused(standin):
    checkout = _checkout("r1", "")
    standin.complete(checkout.id)
    intent = gateway.checkout_session_retrieve(checkout.id).payment_intent_id
    with pytest.raises(PaymentProviderError):
        gateway.refund_create(
            payment_intent_id=intent,
            amount=Decimal("20.00"),
            currency="GBP",
            idempotency_key="k",
        )
    assert standin.refunded_amount(intent) == 0


def test_the_stand_in_command_runs_only_in_demo_mode():
    with override_settings(DEMO=False, DEBUG=False):
        with pytest.raises(CommandError, match="only runs with CANDID_DEMO=1"):
            call_command(
                "stripe_standin",
                api_key="k",
                webhook_secret="s",
                webhook_url="http://127.0.0.1:1/",
            )


def test_an_erasure_deletes_the_buyers_customer_at_the_stand_in(standin):
    """DSR-10, PRC-06: the demo's stand-in answers the erasure connector as Stripe
    does, so an erasure in the demo completes its Stripe part instead of waiting
    for staff to attest it."""
    from candid.rights.connectors import stripe_erase

    checkout = _checkout("r2", "buyer@example.com")
    standin.complete(checkout.id)
    other = _checkout("r3", "someone.else@example.com")
    standin.complete(other.id)

    assert stripe_erase(email="buyer@example.com") == 1
    assert [c["email"] for c in standin.customers.values()] == [
        "someone.else@example.com"
    ]
    assert stripe_erase(email="buyer@example.com") == 0


def test_a_correction_updates_the_buyers_customer_at_the_stand_in(standin):
    """DSR-09, PRC-06: the demo's stand-in answers the correction connector as
    Stripe does: the buyer's customer gets the corrected name and address."""
    from candid.rights.connectors import stripe_rectify

    checkout = _checkout("r4", "buyer@example.com")
    standin.complete(checkout.id)

    updated = stripe_rectify(
        email="buyer@example.com",
        changes={"full_name": "Bea Buyer", "email": "bea@example.com"},
    )

    assert updated == 1
    (customer,) = standin.customers.values()
    assert (customer["email"], customer.get("name")) == ("bea@example.com", "Bea Buyer")
    assert stripe_rectify(email="buyer@example.com", changes={"full_name": "X"}) == 0
