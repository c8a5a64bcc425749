"""Settings of the rights app, read when asked, never at import time.

| Setting                                  | Meaning                                      |
|------------------------------------------|----------------------------------------------|
| CANDID_RIGHTS_CODES_PER_ADDRESS          | Requests filed or codes sent to one e-mail   |
|                                          | address in the window (3).                   |
| CANDID_RIGHTS_REQUESTS_PER_NETWORK       | The same from one network prefix (10).       |
| CANDID_RIGHTS_INTAKE_WINDOW              | Seconds they are counted over (3600).        |
| CANDID_RIGHTS_AGENT_PROOF_MAX_BYTES      | Largest agent proof document (5 MiB).        |
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings


def codes_per_address() -> int:
    """Return how many codes one address may be sent in the window."""
    return int(getattr(settings, "CANDID_RIGHTS_CODES_PER_ADDRESS", 3))


def requests_per_network() -> int:
    """Return how many requests or codes one network prefix may ask in the window.

    Higher than per address: an office or a mobile carrier puts many people
    behind one address.
    """
    return int(getattr(settings, "CANDID_RIGHTS_REQUESTS_PER_NETWORK", 10))


def intake_window() -> dt.timedelta:
    """Return the period over which requests and codes are counted."""
    return dt.timedelta(
        seconds=int(getattr(settings, "CANDID_RIGHTS_INTAKE_WINDOW", 3600))
    )


def agent_proof_max_bytes() -> int:
    """Return the size limit of an uploaded agent proof document."""
    return int(getattr(settings, "CANDID_RIGHTS_AGENT_PROOF_MAX_BYTES", 5 * 2**20))
