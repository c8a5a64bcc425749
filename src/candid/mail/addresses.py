"""Recipient addresses: checked, normalised, and hashed for the suppression list."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.crypto import salted_hmac

from candid.mail import conf
from candid.mail.exceptions import InvalidRecipient

HASH_SALT = "candid.mail.suppression"


def address_normalise(raw_address: str) -> str:
    """Return the address trimmed and lower-cased, or raise InvalidRecipient.

    Mailbox providers treat the local part case-insensitively, so "Ana@Example.com"
    and "ana@example.com" are one person for the suppression list.
    """
    address = raw_address.strip().lower()
    try:
        validate_email(address)
    except ValidationError:
        raise InvalidRecipient(
            "the recipient must be one valid e-mail address, such as ana@example.com"
        ) from None
    return address


def address_hash(raw_address: str) -> str:
    """Return the keyed HMAC-SHA256 of the normalised address, in hex (MKT-08).

    Keyed so that the suppression list cannot be matched against a list of known
    addresses by anyone without CANDID_MAIL_KEY.
    """
    address = address_normalise(raw_address)
    return salted_hmac(
        HASH_SALT, address, secret=conf.mail_key(), algorithm="sha256"
    ).hexdigest()
