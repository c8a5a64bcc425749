"""Close a child's account as soon as the studio learns of it (KID-02, seed 002).

"We will delete any account created by a child under 18, as soon as we are made
aware of it." The account is closed at once, every session ends, the profile and
addresses are deleted and every consent withdrawn; what a legal duty requires
(orders and invoices, which keep their own copy of the data they need) is kept.
The subject's key is not destroyed: those kept records are sealed under it.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import transaction
from django.utils import timezone

from candid.accounts import events
from candid.accounts.models import User
from candid.accounts.services.choices import consents_withdraw_all
from candid.accounts.services.sessions import client_sessions_revoke_all

PROFILE_FIELDS = ("email", "email_index", "full_name", "phone")


def account_flag_as_child(
    *, user_id: uuid.UUID, staff: User, now: dt.datetime | None = None
) -> User:
    """Close the account of someone under the minimum age and delete its profile.

    One transaction: the account is deactivated with no usable password, its
    sessions are deleted from the store, its profile fields and addresses deleted,
    its consents withdrawn, and the audit log records what went, by name only.
    Idempotent: flagging again changes and records nothing more.
    """
    now = now or timezone.now()
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user_id)
        if user.child_flagged_at is not None:
            return user
        client_sessions_revoke_all(user=user)
        deleted = _profile_delete(user)
        withdrawn = consents_withdraw_all(user=user, now=now)
        user.child_flagged_at = now
        user.is_active = False
        user.set_unusable_password()
        user.save(
            update_fields=[*PROFILE_FIELDS, "child_flagged_at", "is_active", "password"]
        )
        events.child_flagged(
            user=user, staff=staff, deleted=deleted, withdrawn=withdrawn
        )
    return user


def _profile_delete(user: User) -> list[str]:
    """Clear the profile fields and delete the addresses; return what held data."""
    deleted = [name for name in PROFILE_FIELDS if getattr(user, name)]
    for name in PROFILE_FIELDS:
        setattr(user, name, None)
    if user.addresses.exists():
        user.addresses.all().delete()
        deleted.append("addresses")
    return deleted
