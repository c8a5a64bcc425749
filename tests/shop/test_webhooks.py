"""Stripe webhooks: signed with the real scheme, verified by the library, handled once."""

from __future__ import annotations

import json
from decimal import Decimal

from django.db import connection
from django.test import Client

import pytest

from candid.compliance.cards import check_card_numbers
from candid.shop.models import Licence, Order, OrderStatus, Payment, ProcessedEvent
from tests.shop.conftest import audit_events, webhook_post

CARD_NUMBER = "4000056655665556"
CVC = "737"


@pytest.fixture
def browser() -> Client:
    return Client()


def test_a_signed_completed_event_confirms_the_payment(
    checkout, client_account, standin, browser, mailoutbox
):
    # given: Ana paid on the hosted page
    order, session_id = checkout(client_account)
    event = standin.complete(session_id)
    payload, header = standin.signed(event)
    # when
    response = webhook_post(browser, payload, header)
    # then
    assert response.status_code == 200
    assert response.content == b"handled"
    order = Order.objects.get()
    assert order.status == OrderStatus.PAID
    assert Licence.objects.filter(order=order).count() == 1
    assert ProcessedEvent.objects.get().event_id == event["id"]


def test_a_wrong_signature_is_refused_with_400_and_changes_nothing(
    checkout, client_account, standin, browser
):
    # given
    order, session_id = checkout(client_account)
    payload, header = standin.signed(
        standin.complete(session_id), secret="whsec_forged"
    )
    # when
    response = webhook_post(browser, payload, header)
    # then
    assert response.status_code == 400
    assert Order.objects.get().status == OrderStatus.PENDING
    assert ProcessedEvent.objects.count() == 0
    assert [e.details["reason"] for e in audit_events("shop.webhook_rejected")] == [
        "bad_signature"
    ]


@pytest.mark.parametrize(
    "mangle",
    [
        lambda payload, header: (payload.replace("complete", "complete "), header),
        lambda payload, header: (payload, ""),
        lambda payload, header: (payload, header.replace("v1=", "v0=")),
        lambda payload, header: (payload, "t=1,v1=" + header.split("v1=")[1]),
    ],
    ids=["body-changed", "no-header", "other-scheme", "stale-timestamp"],
)
def test_a_tampered_or_stale_delivery_is_refused(
    checkout, client_account, standin, browser, mangle
):
    order, session_id = checkout(client_account)
    payload, header = mangle(*standin.signed(standin.complete(session_id)))
    assert webhook_post(browser, payload, header).status_code == 400
    assert Order.objects.get().status == OrderStatus.PENDING


def test_without_a_signing_secret_every_delivery_is_refused(
    checkout, client_account, standin, browser, settings
):
    order, session_id = checkout(client_account)
    payload, header = standin.signed(standin.complete(session_id))
    settings.CANDID_STRIPE_WEBHOOK_SECRET = ""
    assert webhook_post(browser, payload, header).status_code == 400
    assert Order.objects.get().status == OrderStatus.PENDING


def test_a_replayed_event_is_acknowledged_and_changes_nothing(
    checkout, client_account, standin, browser, mailoutbox
):
    # given: the event was handled
    order, session_id = checkout(client_account)
    payload, header = standin.signed(standin.complete(session_id))
    assert webhook_post(browser, payload, header).status_code == 200
    licence = Licence.objects.get()
    sent = len(mailoutbox)
    # when: the provider delivers it again
    response = webhook_post(browser, payload, header)
    # then
    assert response.status_code == 200
    assert response.content == b"replayed"
    assert Licence.objects.get() == licence
    assert len(mailoutbox) == sent
    assert len(audit_events("shop.payment_confirmed")) == 1


def test_the_same_session_in_a_new_event_confirms_nothing_twice(
    checkout, client_account, standin, browser
):
    order, session_id = checkout(client_account)
    event = standin.complete(session_id)
    webhook_post(browser, *standin.signed(event))
    again = standin.event("checkout.session.completed", standin.sessions[session_id])
    assert webhook_post(browser, *standin.signed(again)).content == b"handled"
    assert Licence.objects.count() == 1
    assert ProcessedEvent.objects.count() == 2


def test_an_expired_session_event_expires_the_order(
    checkout, client_account, standin, browser
):
    order, session_id = checkout(client_account)
    webhook_post(browser, *standin.signed(standin.expire(session_id)))
    assert Order.objects.get().status == OrderStatus.EXPIRED


def test_other_event_types_are_acknowledged_and_ignored(db, standin, browser):
    event = standin.event(
        "customer.created", {"id": "cus_test_1", "object": "customer"}
    )
    response = webhook_post(browser, *standin.signed(event))
    assert (response.status_code, response.content) == (200, b"ignored")


def test_the_provider_unreachable_leaves_the_event_to_be_retried(
    checkout, client_account, standin, browser
):
    order, session_id = checkout(client_account)
    payload, header = standin.signed(standin.complete(session_id))
    standin.fail_next = 10
    assert webhook_post(browser, payload, header).status_code == 503
    assert ProcessedEvent.objects.count() == 0
    standin.fail_next = 0
    assert webhook_post(browser, payload, header).status_code == 200
    assert Order.objects.get().status == OrderStatus.PAID


def test_card_data_in_a_webhook_is_never_stored_beyond_brand_and_last4(
    checkout, client_account, standin, browser
):
    """SEC-02: whatever arrives, only brand and last 4 digits stay."""
    # given: a delivery (and the provider's read-back) carrying a full card
    order, session_id = checkout(client_account)
    card = {
        "brand": "visa",
        "last4": "5556",
        "number": CARD_NUMBER,
        "cvc": CVC,
        "exp_month": 11,
        "exp_year": 2031,
        "fingerprint": "fp_TESTFINGERPRINT",
    }
    event = standin.complete(session_id, card=card)
    event["data"]["object"]["payment_method_details"] = {"card": card}
    payload, header = standin.signed(event)
    assert CARD_NUMBER in payload
    # when
    assert webhook_post(browser, payload, header).status_code == 200
    # then
    payment = Payment.objects.get()
    assert (payment.card_brand, payment.card_last4) == ("visa", "5556")
    assert check_card_numbers().passed
    assert not _database_contains(CARD_NUMBER, "fp_TESTFINGERPRINT", json.dumps(card))


def _database_contains(*needles: str) -> bool:
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - our own table names
            for row in cursor.fetchall():
                text = " ".join(str(value) for value in row)
                if any(needle in text for needle in needles):
                    return True
    return False


def refunded_charge(standin, intent_id: str, amount_refunded: int) -> dict:
    return standin.event(
        "charge.refunded",
        {
            "id": "ch_test_1",
            "object": "charge",
            "payment_intent": intent_id,
            "amount": 1900,
            "amount_refunded": amount_refunded,
            "refunded": amount_refunded == 1900,
        },
    )


def test_a_refund_made_in_the_providers_dashboard_disables_the_licence(
    paid_order, standin, browser
):
    # given
    order = paid_order()
    event = refunded_charge(standin, order.payment.payment_intent_id, 1900)
    # when
    response = webhook_post(browser, *standin.signed(event))
    # then
    assert response.content == b"handled"
    order = Order.objects.get()
    assert order.status == OrderStatus.REFUNDED
    assert order.payment.amount_refunded == Decimal("19.00")
    assert order.licence.revoked_at is not None
    (refund,) = audit_events("shop.refund_issued")
    assert refund.details["reason"] == "provider_reported"


def test_a_partial_dashboard_refund_is_recorded_and_the_licence_stands(
    paid_order, standin, browser
):
    order = paid_order()
    event = refunded_charge(standin, order.payment.payment_intent_id, 500)
    webhook_post(browser, *standin.signed(event))
    order = Order.objects.get()
    assert order.payment.amount_refunded == Decimal("5.00")
    assert order.status == OrderStatus.PAID
    assert order.licence.revoked_at is None


def test_the_providers_report_of_a_refund_candid_made_changes_nothing(
    paid_order, standin, browser
):
    from candid.audit.entries import Actor
    from candid.shop.refunds import order_refund

    order = paid_order()
    order_refund(order_id=order.pk, actor=Actor.system("t"), reason="staff")
    event = refunded_charge(standin, order.payment.payment_intent_id, 1900)
    assert webhook_post(browser, *standin.signed(event)).status_code == 200
    assert len(audit_events("shop.refund_issued")) == 1
