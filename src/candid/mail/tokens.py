"""Unsubscribe tokens: opaque, signed, never expiring (MKT-03, MKT-04).

A token names the subject, the list (the marketing purpose) and the keyed hash of the
address the message went to, signed with HMAC-SHA256 under CANDID_MAIL_KEY and a salt
of its own. It carries no plain personal data and no date: an unsubscribe link keeps
working for as long as the key is unchanged.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from django.core import signing

from candid.mail import conf
from candid.mail.exceptions import InvalidUnsubscribeToken

SALT = "candid.mail.unsubscribe"
_HASH = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class UnsubscribeTarget:
    """Who leaves which list: what a verified token says."""

    subject_id: uuid.UUID
    list_key: str
    address_hash: str


def _signer() -> signing.Signer:
    return signing.Signer(key=conf.mail_key(), salt=SALT, algorithm="sha256")


def unsubscribe_token_make(*, target: UnsubscribeTarget) -> str:
    """Return the signed token for one recipient's unsubscribe link."""
    payload = {
        "s": str(target.subject_id),
        "l": target.list_key,
        "h": target.address_hash,
    }
    return _signer().sign_object(payload)


def unsubscribe_token_read(*, unverified_token: str) -> UnsubscribeTarget:
    """Return what a token says, or raise InvalidUnsubscribeToken.

    Every failure, a bad signature or a payload of the wrong shape, raises the same
    error, so a forger learns nothing from the answer.
    """
    try:
        payload = _signer().unsign_object(unverified_token)
        return UnsubscribeTarget(
            subject_id=uuid.UUID(payload["s"]),
            list_key=_checked_list(payload["l"]),
            address_hash=_checked_hash(payload["h"]),
        )
    except (signing.BadSignature, ValueError, TypeError, KeyError):
        raise InvalidUnsubscribeToken("this unsubscribe link is not valid") from None


def _checked_list(value: object) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError("list")
    return value


def _checked_hash(value: object) -> str:
    if not isinstance(value, str) or not _HASH.fullmatch(value):
        raise ValueError("hash")
    return value
