"""Checkout, payment confirmation, waiver and refunds, against the Stripe stand-in."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import connection

import pytest

from candid.audit.entries import Actor
from candid.shop import refunds, services
from candid.shop.exceptions import (
    CheckoutInvalid,
    NotRefundable,
    OrderNotFound,
    PaymentProviderError,
    PaymentsNotConfigured,
    SaleFinal,
    WaiverInvalid,
)
from candid.shop.models import (
    DownloadLink,
    Licence,
    Order,
    OrderStatus,
    Payment,
    PaymentStatus,
)
from tests.shop.conftest import SITE, audit_events


def start(client, product, **overrides):
    arguments = {
        "client": client,
        "product_id": product.pk,
        "buyer_name": "Ana Lima",
        "address": "1 Rua Augusta\n1100-048 Lisbon",
        "country": "PT",
        "immediate_supply": False,
        "withdrawal_loss_acknowledged": False,
        "site_url": SITE,
        **overrides,
    }
    return services.order_checkout_start(**arguments)


def test_checkout_sends_the_buyer_to_the_hosted_page_and_keeps_an_encrypted_snapshot(
    standin, product, client_account
):
    # when
    order, url = start(client_account, product)
    # then: the provider was asked for a session with the price and Candid's reference
    method, path, params = standin.requests[0]
    assert (method, path) == ("POST", "/v1/checkout/sessions")
    payment = Payment.objects.get()
    assert params["client_reference_id"] == str(payment.pk)
    assert params["line_items"][0]["price_data"]["unit_amount"] == "1900"
    assert params["success_url"] == (
        f"{SITE}/shop/orders/{order.pk}/paid/?session_id={{CHECKOUT_SESSION_ID}}"
    )
    assert url == f"{standin.api_base}/pay/{payment.checkout_session_id}"
    # and the order holds the snapshot, encrypted at rest (SEC-04, DSR-09)
    stored = Order.objects.get()
    assert (stored.buyer_name, stored.country) == ("Ana Lima", "PT")
    assert stored.status == OrderStatus.PENDING
    assert stored.withdrawal_right_applies is True
    assert stored.licence_terms[0].startswith("You may not resell")
    with connection.cursor() as cursor:
        cursor.execute("SELECT buyer_name, address, country FROM shop_order")
        row = cursor.fetchone()
    assert all("Ana" not in value and "Lisbon" not in value for value in row)
    (handoff,) = audit_events("data.disclosed")
    assert handoff.details == {
        "event": "checkout_started",
        "recipient": "stripe",
        "for_booking": False,
    }


def test_without_a_stripe_key_checkout_is_refused_and_nothing_is_stored(
    settings, product, client_account
):
    settings.CANDID_STRIPE_SECRET_KEY = ""
    with pytest.raises(PaymentsNotConfigured):
        start(client_account, product)
    assert Order.objects.count() == 0
    assert Payment.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"buyer_name": "  "}, CheckoutInvalid),
        ({"address": ""}, CheckoutInvalid),
        ({"country": "XX"}, CheckoutInvalid),
        ({"immediate_supply": True}, WaiverInvalid),
        ({"withdrawal_loss_acknowledged": True}, WaiverInvalid),
    ],
)
def test_bad_checkout_input_is_refused_before_anything_reaches_the_provider(
    standin, product, client_account, overrides, error
):
    """COM-01: the two waiver boxes go together; one alone is not a waiver."""
    with pytest.raises(error):
        start(client_account, product, **overrides)
    assert Order.objects.count() == 0
    assert standin.requests == []


def test_a_retired_product_cannot_be_bought(standin, product, client_account):
    product.is_active = False
    product.save()
    with pytest.raises(services.ProductNotFound):
        start(client_account, product)
    assert standin.requests == []


def test_the_provider_down_at_checkout_leaves_no_order(
    standin, product, client_account
):
    standin.fail_next = 10
    with pytest.raises(PaymentProviderError):
        start(client_account, product)
    assert Order.objects.count() == 0
    assert Payment.objects.count() == 0


def test_payment_confirmed_issues_licence_and_links_and_mails_them(
    paid_order, mailoutbox
):
    # when
    order = paid_order(waive=True)
    # then
    assert order.status == OrderStatus.PAID
    payment = order.payment
    assert payment.status == PaymentStatus.PAID
    assert payment.payment_intent_id.startswith("pi_test_")
    assert (payment.card_brand, payment.card_last4) == ("visa", "4242")
    licence = Licence.objects.get(order=order)
    assert len(licence.key) == 4 + 26 + 4
    assert licence.key_hash == services.key_hash(licence.key)
    assert DownloadLink.objects.filter(licence=licence).count() == 3
    confirmation, waiver = mailoutbox
    assert confirmation.subject == f"Your order {order.number}"
    assert licence.key in confirmation.body
    assert "/shop/download/" in confirmation.body
    assert "You may not resell, redistribute or share presets" in confirmation.body
    # COM-01: the waiver is confirmed on a durable medium, with the licence terms
    assert waiver.subject == f"Your download request for order {order.number}"
    assert "You asked for the download to be available immediately" in waiver.body
    assert "lose your 14-day right of withdrawal" in waiver.body
    assert "You may not resell" in waiver.body
    assert order.waiver_confirmed_at is not None


def test_confirming_twice_issues_one_licence_and_one_mail(
    paid_order, mailoutbox, django_capture_on_commit_callbacks
):
    order = paid_order(waive=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.payment_confirm(
            checkout_session_id=order.payment.checkout_session_id, source="return"
        )
    assert Licence.objects.count() == 1
    assert len(mailoutbox) == 1
    assert len(audit_events("shop.payment_confirmed")) == 1


def test_an_unpaid_session_confirms_nothing(checkout, client_account, standin):
    order, session_id = checkout(client_account)
    services.payment_confirm(checkout_session_id=session_id, source="return")
    assert Order.objects.get().status == OrderStatus.PENDING
    assert Licence.objects.count() == 0


def test_an_abandoned_checkout_expires(checkout, client_account, standin):
    order, session_id = checkout(client_account)
    services.payment_expire(checkout_session_id=session_id)
    assert Order.objects.get().status == OrderStatus.EXPIRED
    assert Payment.objects.get().status == PaymentStatus.EXPIRED


def test_an_abandoned_checkout_keeps_no_name_or_address(
    checkout, client_account, standin
):
    """RET-01: an order never paid is no invoice, so nothing keeps its snapshot."""
    # given a checkout the buyer abandoned
    order, session_id = checkout(client_account)
    assert Order.objects.get().buyer_name
    # when the provider says the session expired (twice: webhooks are retried)
    services.payment_expire(checkout_session_id=session_id)
    services.payment_expire(checkout_session_id=session_id)
    # then the name, address and country are gone, and the deletion is recorded once
    expired = Order.objects.get()
    assert (expired.buyer_name, expired.address, expired.country) == (None,) * 3
    deleted = audit_events("data.deleted")
    assert len(deleted) == 1
    assert deleted[0].details == {"reason": "checkout_expired"}


def test_refund_before_download_goes_through_stripe_and_disables_licence_and_links(
    paid_order, standin, client_account
):
    """COM-03: refunded through the provider's refund API with the stored ids."""
    # given
    order = paid_order()
    intent = order.payment.payment_intent_id
    # when
    refunds.order_refund(
        order_id=order.pk,
        client=client_account,
        actor=Actor.client(client_account.pk),
        reason="withdrawal",
    )
    # then
    assert standin.refunded_amount(intent) == 1900
    order = Order.objects.get()
    assert order.status == OrderStatus.REFUNDED
    assert order.payment.status == PaymentStatus.REFUNDED
    assert order.payment.refund_id.startswith("re_test_")
    assert order.licence.revoked_at is not None
    assert DownloadLink.objects.filter(revoked_at__isnull=True).count() == 0
    assert len(audit_events("shop.refund_issued")) == 1
    assert len(audit_events("shop.licence_revoked")) == 1


def test_refunding_twice_refunds_once(paid_order, standin, client_account):
    order = paid_order()
    for _ in range(2):
        refunds.order_refund(order_id=order.pk, actor=Actor.system("t"), reason="staff")
    assert standin.refunded_amount(order.payment.payment_intent_id) == 1900
    assert len([r for r in standin.requests if r[1] == "/v1/refunds"]) == 1


def test_after_a_download_the_purchase_is_final_and_refund_is_refused(
    paid_order, standin, client_account
):
    """Seed S1 "no refunds once downloaded", after the waiver (COM-01)."""
    order = paid_order(waive=True)
    Order.objects.filter(pk=order.pk).update(first_downloaded_at=order.paid_at)
    with pytest.raises(SaleFinal):
        refunds.order_refund(
            order_id=order.pk,
            client=client_account,
            actor=Actor.client(client_account.pk),
            reason="withdrawal",
        )
    assert Order.objects.get().status == OrderStatus.PAID
    assert Licence.objects.get().revoked_at is None
    assert standin.refunded_amount(order.payment.payment_intent_id) == 0


def test_another_client_cannot_refund_an_order(paid_order, other_client, standin):
    order = paid_order()
    with pytest.raises(OrderNotFound):
        refunds.order_refund(
            order_id=order.pk,
            client=other_client,
            actor=Actor.client(other_client.pk),
            reason="withdrawal",
        )
    assert Order.objects.get().status == OrderStatus.PAID


def test_an_unpaid_order_has_nothing_to_refund(checkout, client_account, standin):
    order, _ = checkout(client_account)
    with pytest.raises(NotRefundable):
        refunds.order_refund(order_id=order.pk, actor=Actor.system("t"), reason="staff")


def test_a_refund_the_provider_refuses_changes_nothing_and_is_recorded(
    paid_order, standin
):
    order = paid_order()
    standin.fail_next = 10
    with pytest.raises(PaymentProviderError):
        refunds.order_refund(order_id=order.pk, actor=Actor.system("t"), reason="staff")
    order = Order.objects.get()
    assert order.status == OrderStatus.PAID
    assert order.licence.revoked_at is None
    assert order.payment.refund_failed_at is not None
    assert len(audit_events("shop.refund_failed")) == 1


def test_waiver_after_purchase_is_recorded_and_confirmed_by_mail(
    paid_order, client_account, mailoutbox, django_capture_on_commit_callbacks
):
    order = paid_order(waive=False)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.order_waiver_give(
            client=client_account,
            order_id=order.pk,
            immediate_supply=True,
            withdrawal_loss_acknowledged=True,
        )
    order = Order.objects.get()
    assert order.waiver_given
    assert order.waiver_confirmed_at is not None
    assert [m.subject for m in mailoutbox] == [
        f"Your download request for order {order.number}"
    ]
    assert len(audit_events("shop.withdrawal_waived")) == 1


def test_half_a_waiver_is_refused(paid_order, client_account):
    order = paid_order(waive=False)
    with pytest.raises(WaiverInvalid):
        services.order_waiver_give(
            client=client_account,
            order_id=order.pk,
            immediate_supply=True,
            withdrawal_loss_acknowledged=False,
        )
    assert not Order.objects.get().waiver_given


def test_buyers_outside_the_eu_and_uk_have_no_withdrawal_right_recorded(
    checkout, client_account
):
    order, _ = checkout(client_account, country="US", waive=False)
    assert order.withdrawal_right_applies is False


def test_licence_keys_are_random_and_unguessable():
    keys = {services.licence_key_new() for _ in range(200)}
    assert len(keys) == 200
    assert all(key.startswith("CND-") and len(key) == 34 for key in keys)


def test_minor_units_follow_the_currency():
    from candid.shop.gateway import minor_units

    assert minor_units(Decimal("19.00"), "GBP") == 1900
    assert minor_units(Decimal("1500"), "JPY") == 1500
    assert minor_units(Decimal("0.10"), "EUR") == 10


def test_now_is_timezone_aware_in_orders(paid_order):
    order = paid_order()
    assert order.paid_at.tzinfo is not None
    assert order.paid_at - order.created_at < dt.timedelta(minutes=1)


def test_the_hand_off_to_stripe_is_seen_by_the_declared_recipients_check(
    standin, product, client_account
):
    """PRC-01: Stripe is a declared recipient, and each checkout names it."""
    from candid.compliance.ledgers import check_processors_declared
    from candid.notices.selectors import declaration_active

    start(client_account, product)
    result = check_processors_declared(declaration=declaration_active())
    assert (result.passed, result.details) == (True, ("1 hand-offs.",))
