"""The payment provider, Stripe, through its official library: hosted checkout, refunds.

Candid never sees a card: the buyer pays on Stripe's own Checkout page and Candid
keeps the provider's references only (SEC-02). Every call goes through a
`StripeClient` built from the settings (`candid.shop.conf`), so tests and the demo
point it at a local stand-in of the API. Library errors become PaymentProviderError
with a message fit for the buyer; the cause is logged by type only.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import stripe

from candid.shop import conf
from candid.shop.exceptions import PaymentProviderError, PaymentsNotConfigured

logger = logging.getLogger("candid.shop")

ZERO_DECIMAL_CURRENCIES = frozenset({"JPY", "KRW", "VND", "CLP", "ISK", "HUF"})
TIMEOUT_RETRIES = 2


@dataclass(frozen=True)
class HostedCheckout:
    """A Checkout Session just created: its id ("cs_...") and the page to send to."""

    id: str
    url: str


@dataclass(frozen=True)
class SessionState:
    """What the provider says of a Checkout Session, keeping only references.

    `card_brand` and `card_last4` are all Candid takes of the card (SEC-02).
    """

    id: str
    status: str
    payment_status: str
    payment_intent_id: str
    card_brand: str
    card_last4: str

    @property
    def is_paid(self) -> bool:
        return self.status == "complete" and self.payment_status == "paid"


def client() -> stripe.StripeClient:
    """Return a client for the configured account, or raise PaymentsNotConfigured."""
    if not conf.payments_configured():
        raise PaymentsNotConfigured
    return stripe.StripeClient(
        conf.secret_key(),
        base_addresses={"api": conf.api_base()},
        max_network_retries=TIMEOUT_RETRIES,
    )


def minor_units(amount: Decimal, currency: str) -> int:
    """Return an amount in the currency's smallest unit, as Stripe counts it."""
    if currency.upper() in ZERO_DECIMAL_CURRENCIES:
        return int(amount)
    return int((amount * 100).to_integral_value())


def major_units(amount: int, currency: str) -> Decimal:
    """Return an amount in Stripe's smallest unit as a decimal in the currency."""
    if currency.upper() in ZERO_DECIMAL_CURRENCIES:
        return Decimal(amount)
    return (Decimal(amount) / 100).quantize(Decimal("0.01"))


def checkout_session_create(
    *,
    reference: str,
    item_name: str,
    amount: Decimal,
    currency: str,
    customer_email: str,
    success_url: str,
    cancel_url: str,
) -> HostedCheckout:
    """Open a hosted Checkout Session for one item; `reference` is Candid's payment id."""
    params: dict[str, Any] = {
        "mode": "payment",
        "client_reference_id": reference,
        "metadata": {"candid_payment": reference},
        "line_items": [
            {
                "quantity": 1,
                "price_data": {
                    "currency": currency.lower(),
                    "unit_amount": minor_units(amount, currency),
                    "product_data": {"name": item_name},
                },
            }
        ],
        "success_url": success_url,
        "cancel_url": cancel_url,
    }
    if customer_email:
        params["customer_email"] = customer_email
    session = _call(
        lambda api: api.v1.checkout.sessions.create(
            params, options={"idempotency_key": f"candid-checkout-{reference}"}
        )
    )
    return HostedCheckout(id=session.id, url=session.url)


def checkout_session_retrieve(session_id: str) -> SessionState:
    """Return the state of a Checkout Session, with its payment's card brand and last 4."""
    session = _call(
        lambda api: api.v1.checkout.sessions.retrieve(
            session_id, {"expand": ["payment_intent.latest_charge"]}
        )
    ).to_dict()
    intent = session.get("payment_intent")
    card = _card_of(intent)
    return SessionState(
        id=session["id"],
        status=session.get("status") or "",
        payment_status=session.get("payment_status") or "",
        payment_intent_id=_id_of(intent),
        card_brand=str(card.get("brand") or "")[:20],
        card_last4=_last4(card.get("last4")),
    )


def _id_of(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return str(value.get("id") or "")


def _card_of(intent: Any) -> dict:
    if intent is None or isinstance(intent, str):
        return {}
    charge = intent.get("latest_charge")
    if charge is None or isinstance(charge, str):
        return {}
    details = charge.get("payment_method_details") or {}
    return details.get("card") or {}


def _last4(value: Any) -> str:
    text = str(value or "")
    return text if len(text) == 4 and text.isdigit() else ""


def refund_create(
    *, payment_intent_id: str, amount: Decimal, currency: str, idempotency_key: str
) -> str:
    """Refund `amount` of a payment through the provider (COM-03); return the refund id.

    The idempotency key makes a retried refund the same refund, never a second one.
    """
    refund = _call(
        lambda api: api.v1.refunds.create(
            {
                "payment_intent": payment_intent_id,
                "amount": minor_units(amount, currency),
            },
            options={"idempotency_key": idempotency_key},
        )
    )
    return refund.id


def _call(request):
    api = client()
    try:
        return request(api)
    except stripe.StripeError as error:
        logger.warning("shop.provider_error type=%s", type(error).__name__)
        raise PaymentProviderError from None
