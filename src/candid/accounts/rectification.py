"""The account's part in a rights request: rectify the profile (Art. 16, DSR-09).

Registered with the rights kernel (`candid.rights.hooks.rectifier_register`) from
`AccountsConfig.ready()`, so the kernel never imports this app. Changes go through
the same services as the client's own profile page: a new e-mail must be free and
the old address is told; the default address changes for future orders only.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping

from django.views.decorators.debug import sensitive_variables

from candid.accounts.models import User
from candid.accounts.services.profile import (
    ADDRESS_FIELDS,
    address_add,
    address_update,
    profile_update,
)

PROFILE = ("full_name", "email", "phone")


@sensitive_variables("changes")
def account_rectify(subject_id: uuid.UUID, changes: Mapping[str, str]) -> list[str]:
    """Apply a rectification to the subject's account; return the fields changed."""
    user = User.objects.filter(subject_id=subject_id).first()
    if user is None:
        return []
    changed: list[str] = []
    if any(name in changes for name in PROFILE):
        changed += profile_update(
            user=user,
            full_name=changes.get("full_name", user.full_name or ""),
            email=changes.get("email", user.email or ""),
            phone=changes.get("phone", user.phone or ""),
        )
    parts = {name: changes[name] for name in ADDRESS_FIELDS if name in changes}
    if parts:
        changed += _address_rectify(user, parts)
    return changed


def _address_rectify(user: User, parts: Mapping[str, str]) -> list[str]:
    address = user.addresses.order_by("-is_default", "created_at").first()
    if address is None:
        address_add(user=user, values=dict(parts))
        return sorted(parts)
    current = {name: getattr(address, name) or "" for name in ADDRESS_FIELDS}
    changed = sorted(n for n, v in parts.items() if current[n] != v)
    if changed:
        address_update(user=user, address_id=address.pk, values={**current, **parts})
    return changed
