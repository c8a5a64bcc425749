"""A rate limit on the public request form and the code it e-mails.

The form sends an e-mail to any address typed, so without a limit it could flood a
victim's inbox. Filing a request and sending a code are counted per e-mail address
and per network prefix (/24 for IPv4, /64 for IPv6, the block one subscriber
usually holds), as sign-in failures are counted in candid.accounts: by keyed
hashes, never by the plain address or IP address, kept only for the counting
window. A limited caller gets the same answer whether or not the address has an
account, and nothing is stored or sent.
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
def intake_allow(
    *, raw_email: str, raw_ip_address: str, now: dt.datetime | None = None
) -> None:
    """Count one request or code for this address and network, or raise IntakeLimited.

    Refused attempts are not counted, so the limit ends an hour after the last
    allowed one whatever a flooder keeps trying.
    """
    now = now or timezone.now()
    since = now - conf.intake_window()
    address = _hash(ADDRESS_SALT, raw_email.strip().lower())
    network = _hash(NETWORK_SALT, network_prefix(raw_ip_address))
    recent = IntakeAttempt.objects.filter(at__gt=since)
    if (
        recent.filter(address_hash=address).count() >= conf.codes_per_address()
        or recent.filter(network_hash=network).count() >= conf.requests_per_network()
    ):
        raise IntakeLimited(LIMITED)
    IntakeAttempt.objects.filter(at__lte=since).delete()
    IntakeAttempt.objects.create(address_hash=address, network_hash=network, at=now)


def _hash(salt: str, value: str) -> str:
    return salted_hmac(salt, value, algorithm="sha256").hexdigest()
