"""Start-up checks of the mail settings. The mail app owns candid.E060-E069, W060-W069.

| Id          | Meaning                                                                   |
|-------------|---------------------------------------------------------------------------|
| candid.E060 | Service and marketing mail share one From address (MKT-06).               |
| candid.W060 | Deploy: CANDID_BASE_URL is not HTTPS, so List-Unsubscribe is not either (MKT-02). |
"""

from __future__ import annotations

from email.utils import parseaddr
from typing import Any

from django.core.checks import CheckMessage, Error, Warning

from candid.mail import conf


class Messages:
    SAME_FROM = (
        "Service and marketing e-mail are sent from the same address ({address}): "
        "mailbox providers cannot tell them apart, and a spam complaint about "
        "marketing would block booking and order confirmations."
    )
    NOT_HTTPS = (
        "CANDID_BASE_URL ({url}) is not HTTPS: the List-Unsubscribe URI of every "
        "marketing e-mail must be HTTPS (RFC 8058)."
    )


class Hints:
    SAME_FROM = "Set CANDID_MAIL_FROM_SERVICE and CANDID_MAIL_FROM_MARKETING apart."
    NOT_HTTPS = "Set CANDID_BASE_URL to the site's https:// address."


def from_addresses_check(**kwargs: Any) -> list[CheckMessage]:
    """Refuse to start when service and marketing mail share a From address (MKT-06)."""
    service = parseaddr(conf.from_service())[1].lower()
    marketing = parseaddr(conf.from_marketing())[1].lower()
    if service != marketing:
        return []
    return [
        Error(
            Messages.SAME_FROM.format(address=service),
            hint=Hints.SAME_FROM,
            id="candid.E060",
        )
    ]


def base_url_check(**kwargs: Any) -> list[CheckMessage]:
    """Warn at deploy time when unsubscribe links would not be HTTPS (MKT-02)."""
    url = conf.base_url()
    if url.startswith("https://"):
        return []
    return [
        Warning(
            Messages.NOT_HTTPS.format(url=url), hint=Hints.NOT_HTTPS, id="candid.W060"
        )
    ]
