"""The audit events of the shop: one recorder per event, ids and keys only.

Each event names the buyer's subject, who acted, the categories and the rows,
never a value (no name, address, licence key, token or card detail), so an erased
buyer leaves nothing personal in the log (SEC-07).
"""

from __future__ import annotations

from typing import Any

from candid.audit import events as types
from candid.audit.entries import Actor
from candid.audit.services import audit_record
from candid.shop.declared import PROVIDER, PURPOSE

PURCHASE = "user.behavior.purchase_history"
PAYMENT = "user.payment"


def _record(
    action: types.EventType,
    *,
    subject_id: Any,
    actor: Actor,
    objects: list,
    categories: tuple[str, ...] = (PURCHASE,),
    details: dict[str, Any] | None = None,
) -> None:
    audit_record(
        action=action,
        actor=actor,
        subject_id=subject_id,
        purpose=PURPOSE,
        categories=sorted(set(categories)),
        objects=objects,
        details=details or {},
    )


def checkout_started(*, payment, client_id: Any) -> None:
    """Record that a buyer was sent to the provider's checkout (a disclosure to it)."""
    _record(
        types.DATA_DISCLOSED,
        subject_id=payment.subject_id,
        actor=Actor.client(client_id),
        objects=[payment],
        categories=(PURCHASE, "user.contact.email"),
        details={
            "event": "checkout_started",
            "recipient": PROVIDER,
            "for_booking": payment.booking_id is not None,
        },
    )


def order_snapshot_deleted(*, payment) -> None:
    """Record that an abandoned checkout's name and address snapshot was deleted."""
    _record(
        types.DATA_DELETED,
        subject_id=payment.subject_id,
        actor=Actor.system("shop"),
        objects=[payment.order],
        categories=("user.name", "user.contact.address"),
        details={"reason": "checkout_expired"},
    )


def payment_confirmed(*, payment, source: str) -> None:
    """Record that the provider confirmed a payment, and how Candid learnt of it."""
    _record(
        types.SHOP_PAYMENT_CONFIRMED,
        subject_id=payment.subject_id,
        actor=Actor.system(PROVIDER),
        objects=[payment],
        categories=(PURCHASE, PAYMENT),
        details={"source": source, "card_recorded": bool(payment.card_last4)},
    )


def licence_issued(*, licence, links: int) -> None:
    """Record that an order's licence and its first download links were issued."""
    _record(
        types.SHOP_LICENCE_ISSUED,
        subject_id=licence.subject_id,
        actor=Actor.system("shop"),
        objects=[licence, licence.order],
        details={"links": links},
    )


def download_link_issued(*, link, client_id: Any) -> None:
    """Record that a buyer asked for a new download link."""
    _record(
        types.SHOP_DOWNLOAD_LINK_ISSUED,
        subject_id=link.subject_id,
        actor=Actor.client(client_id),
        objects=[link],
    )


def file_downloaded(*, download, order, first: bool) -> None:
    """Record a download; `first` says it made the sale final."""
    _record(
        types.SHOP_FILE_DOWNLOADED,
        subject_id=download.subject_id,
        actor=Actor.client(order.client_id),
        objects=[download.link, order],
        categories=(PURCHASE, "user.device.ip_address"),
        details={"sale_final": first},
    )


def refund_issued(*, payment, actor: Actor, reason: str) -> None:
    """Record a refund through the provider (COM-03) and why it was made."""
    _record(
        types.SHOP_REFUND_ISSUED,
        subject_id=payment.subject_id,
        actor=actor,
        objects=[payment],
        categories=(PURCHASE, PAYMENT),
        details={"reason": reason, "recipient": PROVIDER},
    )


def refund_failed(*, payment, reason: str) -> None:
    """Record that the provider refused or missed a refund; staff must follow up."""
    _record(
        types.SHOP_REFUND_FAILED,
        subject_id=payment.subject_id,
        actor=Actor.system(PROVIDER),
        objects=[payment],
        categories=(PURCHASE, PAYMENT),
        details={"reason": reason},
    )


def licence_revoked(*, licence, links: int, reason: str) -> None:
    """Record that a licence and its download links were disabled."""
    _record(
        types.SHOP_LICENCE_REVOKED,
        subject_id=licence.subject_id,
        actor=Actor.system("shop"),
        objects=[licence],
        details={"links": links, "reason": reason},
    )


def withdrawal_waived(*, order, at_checkout: bool) -> None:
    """Record the buyer's two waiver ticks (COM-01), at checkout or before download."""
    _record(
        types.SHOP_WITHDRAWAL_WAIVED,
        subject_id=order.subject_id,
        actor=Actor.client(order.client_id),
        objects=[order],
        details={"at_checkout": at_checkout},
    )


def claim_submitted(*, claim) -> None:
    """Record that a buyer reported a technical issue."""
    _record(
        types.SHOP_CLAIM_SUBMITTED,
        subject_id=claim.subject_id,
        actor=Actor.client(claim.order.client_id),
        objects=[claim, claim.order],
        categories=(PURCHASE, "user.content.private"),
    )


def claim_assessed(*, claim, staff_id: Any) -> None:
    """Record staff's assessment of a claim."""
    _record(
        types.SHOP_CLAIM_ASSESSED,
        subject_id=claim.subject_id,
        actor=Actor.staff(staff_id),
        objects=[claim],
        details={"outcome": str(claim.status)},
    )


def order_viewed(*, order, staff_id: Any, fields: list[str]) -> None:
    """Record that staff were shown an order's personal data."""
    _record(
        types.DATA_READ,
        subject_id=order.subject_id,
        actor=Actor.staff(staff_id),
        objects=[order],
        categories=(PURCHASE, "user.name", "user.contact.address"),
        details={"event": "order_viewed", "fields": sorted(fields)},
    )


def webhook_rejected(*, reason: str) -> None:
    """Record a webhook that failed verification (no subject: nothing was read)."""
    audit_record(
        action=types.SHOP_WEBHOOK_REJECTED,
        actor=Actor.anonymous(),
        details={"reason": reason},
    )


def claim_viewed(*, claim, staff_id: Any) -> None:
    """Record that staff were shown a claim's description."""
    _record(
        types.DATA_READ,
        subject_id=claim.subject_id,
        actor=Actor.staff(staff_id),
        objects=[claim],
        categories=("user.content.private",),
        details={"event": "claim_viewed", "fields": ["description"]},
    )


def payment_viewed(*, payment, staff_id: Any) -> None:
    """Record that staff were shown a payment's references."""
    _record(
        types.DATA_READ,
        subject_id=payment.subject_id,
        actor=Actor.staff(staff_id),
        objects=[payment],
        categories=(PAYMENT,),
        details={"event": "payment_viewed"},
    )
