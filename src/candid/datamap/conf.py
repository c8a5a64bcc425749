"""Settings of the data map, read when asked, never at import time."""

from __future__ import annotations

from typing import Any

from django.conf import settings


def not_stored() -> Any:
    """Return CANDID_DATAMAP_NOT_STORED: categories Candid never stores, with why.

    A declared category that a purpose uses but that no Candid model stores must be
    listed here with the reason, e.g. {"user.device.cookie_id": "Set and read in the
    browser by the analytics provider's own script."}; otherwise candid.W001 says the
    data map may be missing it. The shape is checked by candid.E011.
    """
    return getattr(settings, "CANDID_DATAMAP_NOT_STORED", {})
