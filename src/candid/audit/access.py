"""The one test every staff gate applies before showing personal data (SEC-05).

It lives in the kernel so that kernel pages (records of processing, the compliance
report) and studio apps (accounts, bookings, galleries) share it.
"""

from __future__ import annotations

from typing import Any


def staff_holds(staff: Any, permission: str) -> bool:
    """Say whether `staff` is active staff holding `permission` through a role.

    Deny by default: anonymous visitors, clients, inactive or roleless staff are refused.
    """
    if not staff.is_authenticated:
        return False
    if not staff.is_active:
        return False
    if not staff.is_staff:
        return False
    return staff.has_perm(permission)
