"""The shop's payment settings, read when asked, never at import time.

`CANDID_STRIPE_SECRET_KEY` (without it nothing can be bought),
`CANDID_STRIPE_WEBHOOK_SECRET` (the signing secret of the webhook endpoint) and
`CANDID_STRIPE_API_BASE` (Stripe's API by default; a local stand-in in tests and
the demo).
"""

from __future__ import annotations

from django.conf import settings

import stripe


def secret_key() -> str:
    return getattr(settings, "CANDID_STRIPE_SECRET_KEY", "") or ""


def webhook_secret() -> str:
    return getattr(settings, "CANDID_STRIPE_WEBHOOK_SECRET", "") or ""


def api_base() -> str:
    base = getattr(settings, "CANDID_STRIPE_API_BASE", "") or stripe.DEFAULT_API_BASE
    return base.rstrip("/")


def payments_configured() -> bool:
    """Say whether the shop can take payments: a secret key and a webhook secret."""
    return bool(secret_key() and webhook_secret())
