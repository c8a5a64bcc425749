"""Reads of the suppression list."""

from __future__ import annotations

from candid.mail.models import Suppression


def suppression_exists(*, address_hash: str, list_key: str) -> bool:
    """Say whether the hashed address has left the list (MKT-08)."""
    return Suppression.objects.filter(
        address_hash=address_hash, list_key=list_key
    ).exists()
