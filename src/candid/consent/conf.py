"""Settings of the consent app, read when asked, never at import time.

| Setting                          | Meaning                                               |
|----------------------------------|-------------------------------------------------------|
| CANDID_CONSENT_GENERATION_FILE   | The shared counter file every ledger write bumps      |
|                                  | (default: DATA_DIR/consent-generations).              |
| CANDID_CONSENT_GATE_SECONDS      | The longest a process trusts a cached gate decision   |
|                                  | without a counter change (60: LAW-04's bound).        |
| CANDID_CONSENT_GATE_SIZE         | How many subjects' decisions a process keeps (10000). |
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

GENERATION_FILE_NAME = "consent-generations"


def generation_file() -> Path:
    """Return the path of the counter file shared by every process on this host."""
    configured = getattr(settings, "CANDID_CONSENT_GENERATION_FILE", None)
    if configured:
        return Path(configured)
    return Path(settings.DATA_DIR) / GENERATION_FILE_NAME


def gate_seconds() -> float:
    """Return how long a cached decision may stand without any counter change."""
    return float(getattr(settings, "CANDID_CONSENT_GATE_SECONDS", 60.0))


def gate_size() -> int:
    """Return how many subjects' decisions one process keeps at most."""
    return int(getattr(settings, "CANDID_CONSENT_GATE_SIZE", 10_000))
