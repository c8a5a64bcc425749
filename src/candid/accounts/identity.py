"""E-mail addresses and networks, reduced to keyed hashes for lookups and counting.

The account's e-mail is stored encrypted under the client's own key (SEC-04), which
no query can search. Sign-in finds the account through a blind index instead: the
keyed HMAC-SHA256 of the normalised address. Without CANDID_ACCOUNTS_INDEX_KEY, which
is not in the database, an index value cannot be matched against a list of known
addresses. Failed sign-ins are counted by the same kind of hash, never by the plain
address or IP address.
"""

from __future__ import annotations

import ipaddress

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.utils.crypto import salted_hmac
from django.views.decorators.debug import sensitive_variables

from candid.accounts import conf

EMAIL_SALT = "candid.accounts.email-index"
NETWORK_SALT = "candid.accounts.network"
HASH_LENGTH = 64


class KeyedHashField(models.CharField):
    """A hex keyed HMAC-SHA256 of a personal value: the value itself is never stored.

    `encrypted = True` tells the data map (candid.E005) that the category it holds is
    not stored in clear: the hash is one-way and keyed with a secret kept outside the
    database, so a copy of the table reveals no address.
    """

    encrypted = True
    description = "Keyed one-way hash of a personal value"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", HASH_LENGTH)
        super().__init__(*args, **kwargs)


@sensitive_variables("raw_email")
def email_normalise(raw_email: str) -> str:
    """Return the address trimmed and lower-cased, or raise ValidationError.

    "Ana@Example.com " and "ana@example.com" are one account, as mailbox providers
    treat them, and as the mail app's suppression list does.
    """
    email = raw_email.strip().lower()
    validate_email(email)
    return email


@sensitive_variables("raw_email")
def email_index(raw_email: str) -> str:
    """Return the blind index of an address: the hex keyed HMAC of its normal form."""
    return _keyed_hash(EMAIL_SALT, email_normalise(raw_email))


def email_index_or_none(raw_email: str) -> str | None:
    """Return the blind index of an address, or None if it is not an address."""
    try:
        return email_index(raw_email)
    except ValidationError:
        return None


def network_hash(raw_ip_address: str) -> str:
    """Return the keyed hash of the network an IP address belongs to.

    IPv4 counts per /24 and IPv6 per /64, the block one subscriber usually holds,
    so rotating addresses inside it does not escape the count. An unreadable address
    counts as one shared "unknown" network.
    """
    try:
        address = ipaddress.ip_address(raw_ip_address.strip())
    except ValueError:
        return _keyed_hash(NETWORK_SALT, "unknown")
    prefix = 24 if address.version == 4 else 64
    network = ipaddress.ip_network(f"{address}/{prefix}", strict=False)
    return _keyed_hash(NETWORK_SALT, str(network))


def _keyed_hash(salt: str, value: str) -> str:
    return salted_hmac(
        salt, value, secret=conf.index_key(), algorithm="sha256"
    ).hexdigest()
