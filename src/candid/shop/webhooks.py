"""The provider's webhooks: verified by signature, handled once, bodies never stored.

A delivery is accepted only if its `Stripe-Signature` header (t=..., v1=HMAC-SHA256
of "t.body" under the endpoint's signing secret) verifies within the library's
tolerance; otherwise it is refused and changes nothing. Each event id is handled
once: a replay is acknowledged and ignored. Only the event's id and type are kept.
"""

from __future__ import annotations

from django.db import transaction

import stripe

from candid.shop import conf, events
from candid.shop.exceptions import ShopError
from candid.shop.models import ProcessedEvent
from candid.shop.refunds import payment_refund_observe
from candid.shop.services import payment_confirm, payment_expire

PAID = ("checkout.session.completed", "checkout.session.async_payment_succeeded")
EXPIRED = ("checkout.session.expired",)
REFUNDED = ("charge.refunded",)


class WebhookInvalid(ShopError):
    message = "The webhook could not be verified."


def webhook_event_verify(*, payload: bytes, signature: str | None) -> stripe.Event:
    """Return the event a delivery carries if its signature verifies; else WebhookInvalid."""
    secret = conf.webhook_secret()
    if not secret:
        events.webhook_rejected(reason="not_configured")
        raise WebhookInvalid
    try:
        return stripe.Webhook.construct_event(payload, signature, secret)
    except stripe.SignatureVerificationError:
        events.webhook_rejected(reason="bad_signature")
        raise WebhookInvalid from None
    except ValueError:
        events.webhook_rejected(reason="malformed")
        raise WebhookInvalid from None


def webhook_event_handle(event: stripe.Event) -> str:
    """Handle a verified event once; return "handled", "replayed" or "ignored".

    The event is marked handled in the same transaction as its effects, so a
    failure (the provider unreachable for the read-back) leaves it to be retried.
    """
    with transaction.atomic():
        _, created = ProcessedEvent.objects.get_or_create(
            event_id=event.id, defaults={"type": event.type[:100]}
        )
        if not created:
            return "replayed"
        body = event.to_dict().get("data") or {}
        obj = body.get("object") or {}
        session_id = str(obj.get("id", ""))
        if event.type in PAID:
            payment_confirm(checkout_session_id=session_id, source="webhook")
            return "handled"
        if event.type in EXPIRED:
            payment_expire(checkout_session_id=session_id)
            return "handled"
        if event.type in REFUNDED:
            payment_refund_observe(
                payment_intent_id=str(obj.get("payment_intent") or ""),
                amount_refunded=int(obj.get("amount_refunded") or 0),
            )
            return "handled"
    return "ignored"
