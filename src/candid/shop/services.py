"""Writes of orders: checkout, payment confirmation, waiver, expiry (refunds: `refunds`).

A purchase runs on the contract basis (`order_fulfilment`) and needs no optional
consent (LAW-05). The buyer pays on the provider's hosted page; Candid keeps the
provider's references only (SEC-02). Payment confirmation is idempotent, whether
it comes from a verified webhook or the buyer's return from checkout: the first
issues the licence and links and sends the e-mails, later ones change nothing.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import logging
import secrets
import uuid

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from candid.accounts.models import User
from candid.audit.entries import Actor
from candid.bookings.exceptions import BookingError, BookingNotFound
from candid.bookings.models import Booking
from candid.bookings.services import booking_payment_record
from candid.consent.purposes import require_purpose
from candid.notices.selectors import declaration_active
from candid.shop import conf, events, gateway, mail
from candid.shop.declared import (
    COUNTRIES,
    PURPOSE,
    digital_products,
    withdrawal_right_applies,
)
from candid.shop.downloads import download_link_create
from candid.shop.exceptions import (
    CheckoutInvalid,
    NotRefundable,
    OrderNotFound,
    PaymentsNotConfigured,
    ProductNotFound,
    WaiverInvalid,
)
from candid.shop.models import (
    Licence,
    Order,
    OrderStatus,
    Payment,
    PaymentStatus,
    Product,
)
from candid.shop.refunds import payment_refund

logger = logging.getLogger("candid.shop")

NAME_MAX_LENGTH = 200
ADDRESS_MAX_LENGTH = 500


def key_hash(unverified_key: str) -> str:
    """Return the stored form of a licence key or link token: its SHA-256, hex."""
    return hashlib.sha256(unverified_key.encode()).hexdigest()


def licence_key_new() -> str:
    """Return a new licence key: 128 random bits, "CND-" and five groups of base32."""
    text = base64.b32encode(secrets.token_bytes(16)).decode().rstrip("=")
    return "CND-" + "-".join(text[i : i + 6] for i in range(0, len(text), 6))


@sensitive_variables("buyer_name", "address")
def order_checkout_start(
    *,
    client: User,
    product_id: uuid.UUID,
    buyer_name: str,
    address: str,
    country: str,
    immediate_supply: bool,
    withdrawal_loss_acknowledged: bool,
    site_url: str,
    now: dt.datetime | None = None,
) -> tuple[Order, str]:
    """Place an order and open the provider's hosted checkout; return it and its URL.

    Refused, with nothing stored or sent to the provider, when the studio sells no
    digital products, payments are not configured, the product is not for sale, the
    name, address or country is missing, or only one of the two waiver boxes is
    ticked (COM-01: both, or neither to keep the right of withdrawal).
    """
    now = now or timezone.now()
    rule = digital_products()
    if not conf.payments_configured():
        raise PaymentsNotConfigured
    product = _product_for_sale(product_id)
    name, postal, country = _checked_buyer(buyer_name, address, country)
    waived = _checked_waiver(immediate_supply, withdrawal_loss_acknowledged)
    require_purpose(client.subject_id, PURPOSE)
    with transaction.atomic():
        order = Order.objects.create(
            client=client,
            subject_id=client.subject_id,
            product=product,
            product_name=product.name,
            buyer_name=name,
            address=postal,
            country=country,
            price=product.price,
            currency=product.currency,
            licence_terms=list(rule.licence_terms),
            policy_version=declaration_active().policy.version,
            withdrawal_right_applies=withdrawal_right_applies(country),
            immediate_supply_requested_at=now if waived else None,
            withdrawal_loss_acknowledged_at=now if waived else None,
            created_at=now,
        )
        payment = Payment.objects.create(
            subject_id=client.subject_id,
            order=order,
            amount=product.price,
            currency=product.currency,
            created_at=now,
        )
        url = hosted_checkout_open(
            payment=payment,
            client=client,
            item_name=product.name,
            success_url=site_url + reverse("shop:order-return", args=[order.pk]),
            cancel_url=site_url + reverse("shop:product", args=[product.slug]),
        )
        if waived:
            events.withdrawal_waived(order=order, at_checkout=True)
    return order, url


def hosted_checkout_open(
    *, payment: Payment, client: User, item_name: str, success_url: str, cancel_url: str
) -> str:
    """Open the provider's hosted checkout for a payment; record the hand-off."""
    checkout = gateway.checkout_session_create(
        reference=str(payment.pk),
        item_name=item_name,
        amount=payment.amount,
        currency=payment.currency,
        customer_email=client.email or "",
        success_url=success_url + "?session_id={CHECKOUT_SESSION_ID}",
        cancel_url=cancel_url,
    )
    payment.checkout_session_id = checkout.id
    payment.save(update_fields=["checkout_session_id"])
    events.checkout_started(payment=payment, client_id=client.pk)
    return checkout.url


def _product_for_sale(product_id: uuid.UUID) -> Product:
    product = Product.objects.filter(pk=product_id, is_active=True).first()
    if product is None or not product.files.exists():
        raise ProductNotFound
    return product


@sensitive_variables("buyer_name", "address")
def _checked_buyer(buyer_name: str, address: str, country: str) -> tuple:
    name = " ".join(buyer_name.split())
    postal = address.strip()
    if not name or len(name) > NAME_MAX_LENGTH:
        raise CheckoutInvalid(f"Give your name, up to {NAME_MAX_LENGTH} characters.")
    if not postal or len(postal) > ADDRESS_MAX_LENGTH:
        raise CheckoutInvalid(
            f"Give your billing address, up to {ADDRESS_MAX_LENGTH} characters."
        )
    if country not in COUNTRIES:
        raise CheckoutInvalid("Choose your country from the list.")
    return name, postal, country


def _checked_waiver(immediate_supply: bool, withdrawal_loss_acknowledged: bool) -> bool:
    if immediate_supply != withdrawal_loss_acknowledged:
        raise WaiverInvalid
    return immediate_supply


def payment_confirm(
    *, checkout_session_id: str, source: str, now: dt.datetime | None = None
) -> Payment | None:
    """Confirm a payment with the provider and fulfil what it paid for; idempotent.

    The session is read back from the provider's API, the one source of truth,
    whatever the caller was told. Only its references are kept: the PaymentIntent
    id, the card brand and last 4 digits (SEC-02). An unknown session (another
    system's) is None; a session not (yet) paid changes nothing.
    """
    now = now or timezone.now()
    payment = Payment.objects.filter(checkout_session_id=checkout_session_id).first()
    if payment is None or payment.status != PaymentStatus.PENDING:
        return payment
    state = gateway.checkout_session_retrieve(checkout_session_id)
    if not state.is_paid:
        return payment
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        if payment.status != PaymentStatus.PENDING:
            return payment
        payment.status = PaymentStatus.PAID
        payment.paid_at = now
        payment.payment_intent_id = state.payment_intent_id
        payment.card_brand = state.card_brand
        payment.card_last4 = state.card_last4
        payment.save(
            update_fields=[
                "status",
                "paid_at",
                "payment_intent_id",
                "card_brand",
                "card_last4",
            ]
        )
        events.payment_confirmed(payment=payment, source=source)
        if payment.order_id:
            _order_fulfil(order=payment.order, now=now)
    if payment.booking_id:
        _booking_paid(payment=payment, now=now)
    return payment


def _order_fulfil(*, order: Order, now: dt.datetime) -> None:
    """Mark the order paid, issue its licence and links, and e-mail them on commit."""
    order.status = OrderStatus.PAID
    order.paid_at = now
    order.save(update_fields=["status", "paid_at"])
    key = licence_key_new()
    licence = Licence.objects.create(
        order=order,
        subject_id=order.subject_id,
        key=key,
        key_hash=key_hash(key),
        issued_at=now,
    )
    links = [
        (
            file.download_name,
            *download_link_create(licence=licence, product_file=file, now=now),
        )
        for file in order.product.files.all()
    ]
    events.licence_issued(licence=licence, links=len(links))
    paths = [(name, reverse("shop:download", args=[token])) for name, _, token in links]
    transaction.on_commit(lambda: _order_mails(order.pk, key, paths, now))


def _order_mails(order_id: uuid.UUID, key: str, paths: list, now: dt.datetime) -> None:
    order = Order.objects.select_related("client", "licence").get(pk=order_id)
    mail.order_confirmation_send(order=order, licence_key=key, links=paths)
    if order.waiver_given:
        _waiver_confirm(order, now)


def _waiver_confirm(order: Order, now: dt.datetime) -> None:
    if mail.waiver_confirmation_send(order=order):
        Order.objects.filter(pk=order.pk).update(waiver_confirmed_at=now)


def _booking_paid(*, payment: Payment, now: dt.datetime) -> None:
    """Record a booking's payment; one the booking cannot take goes back at once.

    A booking cancelled while its buyer was on the hosted page, or already paid by
    other means, gets the payment refunded in full through the provider.
    """
    booking = Booking.objects.filter(pk=payment.booking_id).first()
    try:
        if booking is None or booking.is_cancelled:
            raise BookingNotFound
        booking_payment_record(
            booking_id=payment.booking_id,
            amount=payment.amount,
            actor=Actor.system("stripe"),
        )
    except BookingError:
        logger.warning("shop.booking_payment_unrecordable payment=%s", payment.pk)
        with transaction.atomic():
            payment_refund(
                payment_id=payment.pk,
                amount=payment.amount,
                actor=Actor.system("shop"),
                reason="booking_unpayable",
                now=now,
            )


def payment_expire(*, checkout_session_id: str) -> Payment | None:
    """Mark an abandoned checkout's payment and order expired; idempotent.

    An order never paid is no invoice, so no legal obligation keeps its snapshot:
    the buyer's name, address and country go at once (data minimisation, RET-01),
    and the deletion is recorded.
    """
    with transaction.atomic():
        payment = (
            Payment.objects.select_for_update()
            .filter(checkout_session_id=checkout_session_id)
            .first()
        )
        if payment is None or payment.status != PaymentStatus.PENDING:
            return payment
        payment.status = PaymentStatus.EXPIRED
        payment.save(update_fields=["status"])
        if payment.order_id and Order.objects.filter(
            pk=payment.order_id, status=OrderStatus.PENDING
        ).update(
            status=OrderStatus.EXPIRED, buyer_name=None, address=None, country=None
        ):
            events.order_snapshot_deleted(payment=payment)
    return payment


def order_waiver_give(
    *,
    client: User,
    order_id: uuid.UUID,
    immediate_supply: bool,
    withdrawal_loss_acknowledged: bool,
    now: dt.datetime | None = None,
) -> Order:
    """Record the buyer's two waiver ticks before download, and confirm by e-mail.

    Both boxes must be ticked (COM-01); given twice, nothing changes the second time.
    """
    now = now or timezone.now()
    if not (immediate_supply and withdrawal_loss_acknowledged):
        raise WaiverInvalid(
            "Tick both boxes to start the download now; otherwise it starts when "
            "your 14-day right of withdrawal ends."
        )
    with transaction.atomic():
        order = _own_order_locked(client=client, order_id=order_id)
        if order.status != OrderStatus.PAID:
            raise NotRefundable(
                "This order is not paid, so there is nothing to download."
            )
        if order.waiver_given:
            return order
        order.immediate_supply_requested_at = now
        order.withdrawal_loss_acknowledged_at = now
        order.save(
            update_fields=[
                "immediate_supply_requested_at",
                "withdrawal_loss_acknowledged_at",
            ]
        )
        events.withdrawal_waived(order=order, at_checkout=False)
        transaction.on_commit(lambda: _waiver_confirm(order, now))
    return order


def _own_order_locked(*, client: User, order_id: uuid.UUID) -> Order:
    order = Order.objects.select_for_update().filter(pk=order_id, client=client).first()
    if order is None:
        raise OrderNotFound
    return order
