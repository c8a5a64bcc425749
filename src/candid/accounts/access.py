"""The gate every staff read of a client's account passes (SEC-05, SEC-07).

A staff member sees an account's personal data only with the role that grants
`accounts.view_user`, and every such view is written to the audit log. A missing
account and a forbidden one give the same error, so the gate reveals nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.core.exceptions import ValidationError

from candid.accounts import events
from candid.accounts.exceptions import AccessDenied
from candid.accounts.models import User
from candid.audit.access import staff_holds

VIEW_PERMISSION = "accounts.view_user"
FLAG_CHILD_PERMISSION = "accounts.flag_child"


def staff_may_view_clients(staff: User) -> bool:
    """Say whether `staff` holds a role that may see clients' accounts."""
    return staff_holds(staff, VIEW_PERMISSION)


def access_client_by_id(
    *, staff: User, user_id: uuid.UUID | str, fields: Iterable[str]
) -> User:
    """Return the account for a staff member allowed to see it, recording the view.

    `fields` names the personal fields about to be shown; the audit event lists them
    (never their values). Raise AccessDenied for a forbidden or unknown account.
    """
    if not staff_may_view_clients(staff):
        raise AccessDenied
    try:
        account = User.objects.get(pk=user_id)
    except (User.DoesNotExist, ValueError, ValidationError):
        raise AccessDenied from None
    events.client_viewed(user=account, staff=staff, fields=fields)
    return account
