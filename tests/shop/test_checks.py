"""Start-up checks of the shop: payments configured, and safely."""

from __future__ import annotations

import pytest

from candid.shop.checks import payments_check


def ids(messages) -> list[str]:
    return [message.id for message in messages]


@pytest.mark.parametrize(
    ("key", "secret", "base", "expected"),
    [
        ("sk_test_1", "whsec_1", "", []),
        ("sk_test_1", "whsec_1", "http://127.0.0.1:9999", []),
        ("", "", "", ["candid.W450"]),
        ("sk_test_1", "", "", ["candid.E450"]),
        ("", "whsec_1", "", ["candid.E450"]),
        ("sk_test_1", "whsec_1", "http://payments.example", ["candid.E451"]),
    ],
)
def test_payments_check(settings, db, key, secret, base, expected):
    settings.CANDID_STRIPE_SECRET_KEY = key
    settings.CANDID_STRIPE_WEBHOOK_SECRET = secret
    settings.CANDID_STRIPE_API_BASE = base
    assert ids(payments_check()) == expected
