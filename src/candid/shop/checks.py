"""Start-up checks of the shop. The shop owns candid.E450-E469 and W450-W459.

| Id          | Meaning                                                              |
|-------------|----------------------------------------------------------------------|
| candid.W450 | No Stripe secret key: the shop shows its products but sells nothing.  |
| candid.E450 | A Stripe key without a webhook signing secret (or the reverse):       |
|             | payments could be taken but never confirmed.                          |
| candid.E451 | The Stripe API base is plain HTTP off this machine.                   |

A declaration whose downloads are final without the EU/UK waiver never loads: the
policy validator refuses it (COM-01).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.core.checks import CheckMessage, Error, Warning

from candid.shop import conf
from candid.shop.declared import digital_products
from candid.shop.exceptions import ShopNotOffered

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}


class Messages:
    NOT_CONFIGURED = (
        "CANDID_STRIPE_SECRET_KEY is not set: the shop lists its products but every "
        "checkout is refused with 'payments are not set up'."
    )
    HALF_CONFIGURED = (
        "Only one of CANDID_STRIPE_SECRET_KEY and CANDID_STRIPE_WEBHOOK_SECRET is "
        "set: without both, payments cannot be taken and confirmed, so checkout is "
        "refused."
    )
    PLAIN_HTTP = (
        "CANDID_STRIPE_API_BASE ({base}) is plain HTTP to another machine: the API "
        "key and payment references would cross the network in clear."
    )


class Hints:
    NOT_CONFIGURED = (
        "Set CANDID_STRIPE_SECRET_KEY and CANDID_STRIPE_WEBHOOK_SECRET (Stripe "
        "dashboard, Developers) to sell; nothing else is needed for a catalogue."
    )
    HALF_CONFIGURED = "Set both, or neither."
    PLAIN_HTTP = "Use https://, or a stand-in on 127.0.0.1 for tests and the demo."


def _shop_declared() -> bool:
    try:
        digital_products()
    except ShopNotOffered:
        return False
    return True


def payments_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Say whether the shop can take payments, and safely."""
    found: list[CheckMessage] = []
    key, secret = conf.secret_key(), conf.webhook_secret()
    if bool(key) != bool(secret):
        found.append(
            Error(
                Messages.HALF_CONFIGURED, hint=Hints.HALF_CONFIGURED, id="candid.E450"
            )
        )
    elif not key and _shop_declared():
        found.append(
            Warning(
                Messages.NOT_CONFIGURED, hint=Hints.NOT_CONFIGURED, id="candid.W450"
            )
        )
    base = urlsplit(conf.api_base())
    if base.scheme != "https" and base.hostname not in LOOPBACK_HOSTS:
        found.append(
            Error(
                Messages.PLAIN_HTTP.format(base=conf.api_base()),
                hint=Hints.PLAIN_HTTP,
                id="candid.E451",
            )
        )
    return found
