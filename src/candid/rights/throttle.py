"""A rate limit on the public request form and the code it e-mails.

The form sends an e-mail to any address typed, so without a limit it could flood a
victim's inbox. Filing a request and sending a code are counted per e-mail address
and per network prefix (/24 for IPv4, /64 for IPv6, the block one subscriber
usually holds), as sign-in failures are counted in candid.accounts: by keyed
hashes, never by the plain address or IP address, kept only for the counting
window. A limited caller gets the same answer whether or not the address has an
account, and nothing is stored or sent. Wrong passwords on the signed-in form
count too, so a stolen session cannot be used to guess the client's password.
"""

from __future__ import annotations

import datetime as dt
import ipaddress

from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.views.decorators.debug import sensitive_variables

from candid.rights import conf
from candid.rights.exceptions import IntakeLimited
from candid.rights.models import IntakeAttempt

ADDRESS_SALT = "candid.rights.intake-address"
NETWORK_SALT = "candid.rights.intake-network"
LIMITED = (
    "Too many requests or codes for this address or from this network in the last "
    "hour. Nothing was sent. Please try again later, or write to us."
)


def network_prefix(raw_ip_address: str) -> str:
    """Return the network an IP address belongs to, e.g. "203.0.113.0/24".

    An unreadable address counts as one shared "unknown" network.
    """
    try:
        address = ipaddress.ip_address(raw_ip_address.strip())
    except ValueError:
        return "unknown"
    prefix = 24 if address.version == 4 else 64
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


@sensitive_variables("raw_email")
def intake_check(
    *, raw_email: str, raw_ip_address: str, now: dt.datetime | None = None
) -> None:
    """Raise IntakeLimited if this address or network reached its limit; count nothing."""
    now = now or timezone.now()
    address, network = _hashes(raw_email, raw_ip_address)
    recent = IntakeAttempt.objects.filter(at__gt=now - conf.intake_window())
    if (
        recent.filter(address_hash=address).count() >= conf.codes_per_address()
        or recent.filter(network_hash=network).count() >= conf.requests_per_network()
    ):
        raise IntakeLimited(LIMITED)


@sensitive_variables("raw_email")
def intake_allow(
    *, raw_email: str, raw_ip_address: str, now: dt.datetime | None = None
) -> None:
    """Count one request, code or wrong password for this address and network.

    Raise IntakeLimited, counting nothing, once the limit is reached: refused
    attempts are not counted, so the limit ends an hour after the last allowed
    one whatever a flooder keeps trying.
    """
    now = now or timezone.now()
    intake_check(raw_email=raw_email, raw_ip_address=raw_ip_address, now=now)
    address, network = _hashes(raw_email, raw_ip_address)
    IntakeAttempt.objects.filter(at__lte=now - conf.intake_window()).delete()
    IntakeAttempt.objects.create(address_hash=address, network_hash=network, at=now)


@sensitive_variables("raw_email")
def _hashes(raw_email: str, raw_ip_address: str) -> tuple[str, str]:
    return (
        _hash(ADDRESS_SALT, raw_email.strip().lower()),
        _hash(NETWORK_SALT, network_prefix(raw_ip_address)),
    )


def _hash(salt: str, value: str) -> str:
    return salted_hmac(salt, value, algorithm="sha256").hexdigest()
