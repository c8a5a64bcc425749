"""Refunds through the payment provider, and what a refund takes away.

Refunds go through the provider's refund API with the stored payment ids, never
card data (COM-03). A refunded order's licence and every download link stop at
once. Before the first download the buyer (withdrawal) or staff may refund; after
it the purchase is final, except for a technical-issue claim staff upheld.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import transaction
from django.utils import timezone

from candid.accounts.models import User
from candid.audit.entries import Actor
from candid.shop import events, gateway
from candid.shop.declared import digital_products
from candid.shop.exceptions import (
    NotRefundable,
    OrderNotFound,
    PaymentProviderError,
    SaleFinal,
)
from candid.shop.models import (
    DownloadLink,
    Licence,
    Order,
    OrderStatus,
    Payment,
    PaymentStatus,
)
from candid.shop.rules import purchase_final


def order_refund(
    *,
    order_id: uuid.UUID,
    actor: Actor,
    reason: str,
    client: User | None = None,
    now: dt.datetime | None = None,
) -> Order:
    """Refund an order in full through the provider and disable its licence and links.

    `client` limits it to the buyer's own order. Before the first download anyone
    entitled may refund ("withdrawal" by the buyer, "staff"); after it the purchase
    is final (SaleFinal) unless staff upheld a technical-issue claim
    ("technical_issue"). An order refunded already is returned as it is. If the
    provider refuses, nothing changes here and the failure is recorded.
    """
    now = now or timezone.now()
    rule = digital_products()
    try:
        return _order_refund(
            order_id=order_id,
            actor=actor,
            reason=reason,
            client=client,
            rule=rule,
            now=now,
        )
    except PaymentProviderError:
        payment = Payment.objects.filter(order_id=order_id).first()
        if payment is not None:
            refund_failure_record(payment_id=payment.pk, reason=reason, now=now)
        raise


def _order_refund(*, order_id, actor, reason, client, rule, now) -> Order:
    with transaction.atomic():
        queryset = Order.objects.select_for_update().filter(pk=order_id)
        if client is not None:
            queryset = queryset.filter(client=client)
        order = queryset.first()
        if order is None:
            raise OrderNotFound
        if order.status == OrderStatus.REFUNDED:
            return order
        if order.status != OrderStatus.PAID:
            raise NotRefundable
        if reason != "technical_issue" and purchase_final(order, rule, now):
            raise SaleFinal
        payment_refund(
            payment_id=order.payment.pk,
            amount=order.payment.amount,
            actor=actor,
            reason=reason,
            now=now,
        )
        order.status = OrderStatus.REFUNDED
        order.refunded_at = now
        order.save(update_fields=["status", "refunded_at"])
        licence_revoke(licence=order.licence, reason="refunded", now=now)
    return order


def payment_refund(
    *, payment_id: uuid.UUID, amount, actor: Actor, reason: str, now: dt.datetime
) -> Payment:
    """Refund `amount` of a payment through the provider (COM-03) and record it.

    The idempotency key names the payment and the total refunded after this
    refund, so a retry after a lost answer is the same refund, never a second one.
    Raises PaymentProviderError if the provider refuses; the caller records it
    with `refund_failure_record` once its transaction has rolled back.
    """
    payment = Payment.objects.select_for_update().get(pk=payment_id)
    total = payment.amount_refunded + amount
    key = f"candid-refund-{payment.pk}-{gateway.minor_units(total, payment.currency)}"
    refund_id = gateway.refund_create(
        payment_intent_id=payment.payment_intent_id,
        amount=amount,
        currency=payment.currency,
        idempotency_key=key,
    )
    payment.amount_refunded = total
    payment.refund_id = refund_id
    payment.refunded_at = now
    payment.refund_failed_at = None
    if total >= payment.amount:
        payment.status = PaymentStatus.REFUNDED
    payment.save(
        update_fields=[
            "amount_refunded",
            "refund_id",
            "refunded_at",
            "refund_failed_at",
            "status",
        ]
    )
    events.refund_issued(payment=payment, actor=actor, reason=reason)
    return payment


def refund_failure_record(
    *, payment_id: uuid.UUID, reason: str, now: dt.datetime
) -> None:
    """Mark a payment whose refund the provider refused, for staff to follow up.

    Called after the refusing transaction rolled back, so the mark survives it.
    """
    with transaction.atomic():
        Payment.objects.filter(pk=payment_id).update(refund_failed_at=now)
        events.refund_failed(payment=Payment.objects.get(pk=payment_id), reason=reason)


def licence_revoke(*, licence: Licence, reason: str, now: dt.datetime) -> Licence:
    """Disable a licence and every download link of its order at once; idempotent."""
    if licence.revoked_at is not None:
        return licence
    licence.revoked_at = now
    licence.save(update_fields=["revoked_at"])
    links = DownloadLink.objects.filter(
        licence=licence, revoked_at__isnull=True
    ).update(revoked_at=now)
    events.licence_revoked(licence=licence, links=links, reason=reason)
    return licence


def payment_refund_observe(
    *, payment_intent_id: str, amount_refunded: int, now: dt.datetime | None = None
) -> Payment | None:
    """Record a refund the provider reports (e.g. made in its dashboard); idempotent.

    `amount_refunded` is the charge's total refunded so far, in the smallest unit.
    A refund Candid already recorded changes nothing; a full refund of an order
    disables its licence and links, as a refund made here would.
    """
    now = now or timezone.now()
    if not payment_intent_id:
        return None
    with transaction.atomic():
        payment = (
            Payment.objects.select_for_update()
            .filter(payment_intent_id=payment_intent_id)
            .exclude(status=PaymentStatus.PENDING)
            .first()
        )
        if payment is None:
            return None
        total = min(
            gateway.major_units(amount_refunded, payment.currency), payment.amount
        )
        if total <= payment.amount_refunded:
            return payment
        payment.amount_refunded = total
        payment.refunded_at = now
        if total >= payment.amount:
            payment.status = PaymentStatus.REFUNDED
        payment.save(update_fields=["amount_refunded", "refunded_at", "status"])
        events.refund_issued(
            payment=payment, actor=Actor.system("stripe"), reason="provider_reported"
        )
        if payment.order_id and payment.status == PaymentStatus.REFUNDED:
            order = Order.objects.select_for_update().get(pk=payment.order_id)
            order.status = OrderStatus.REFUNDED
            order.refunded_at = now
            order.save(update_fields=["status", "refunded_at"])
            licence_revoke(licence=order.licence, reason="refunded", now=now)
    return payment
