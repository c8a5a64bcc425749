"""Settings of the mail app, read when asked, never at import time."""

from __future__ import annotations

from django.conf import settings

from candid.policy.validate import PROMOTIONAL_MARKERS

DEFAULT_BASE_URL = "http://127.0.0.1:8000"
DEFAULT_FROM_SERVICE = "service@candid.invalid"
DEFAULT_FROM_MARKETING = "news@candid.invalid"


def base_url() -> str:
    """Return CANDID_BASE_URL without a trailing slash: where links in e-mails point."""
    return getattr(settings, "CANDID_BASE_URL", DEFAULT_BASE_URL).rstrip("/")


def from_service() -> str:
    """Return CANDID_MAIL_FROM_SERVICE, the From address of transactional mail."""
    return getattr(settings, "CANDID_MAIL_FROM_SERVICE", DEFAULT_FROM_SERVICE)


def from_marketing() -> str:
    """Return CANDID_MAIL_FROM_MARKETING, the From address of marketing mail (MKT-06)."""
    return getattr(settings, "CANDID_MAIL_FROM_MARKETING", DEFAULT_FROM_MARKETING)


def unsubscribe_mailto() -> str:
    """Return CANDID_MAIL_UNSUBSCRIBE_MAILTO, an address that processes unsubscribes.

    Empty by default: a `mailto:` in List-Unsubscribe is a promise, so set it only when
    something reads that mailbox and unsubscribes the sender of each message.
    """
    return getattr(settings, "CANDID_MAIL_UNSUBSCRIBE_MAILTO", "")


def mail_key() -> str:
    """Return the key of unsubscribe tokens and suppression hashes.

    CANDID_MAIL_KEY when set, else SECRET_KEY. Changing it breaks every unsubscribe
    link already sent (MKT-04: they never expire) and every suppression match (MKT-08),
    so production sets its own key and never rotates it.
    """
    return getattr(settings, "CANDID_MAIL_KEY", "") or settings.SECRET_KEY


def promotional_markers() -> tuple[str, ...]:
    """Return the words that make a message promotional (MKT-05).

    CANDID_MAIL_PROMOTIONAL_MARKERS when set, else the markers the declaration lint
    uses for service message descriptions, so both agree on what a promotion is.
    """
    markers = getattr(settings, "CANDID_MAIL_PROMOTIONAL_MARKERS", None)
    return tuple(markers) if markers is not None else PROMOTIONAL_MARKERS
