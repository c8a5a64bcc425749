"""The client's own profile: name, e-mail, phone, addresses and password.

Edits apply at once and to future orders only: an order keeps a copy of the
address and name it was placed with (DSR-09; seed 002: "Any changes made by you
will only show in orders made after these changes have been made").
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.contrib.auth import update_session_auth_hash
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from candid.accounts import events
from candid.accounts.exceptions import AccountExists
from candid.accounts.identity import email_index, email_normalise
from candid.accounts.models import Address, User
from candid.accounts.services.notices import security_notice_send
from candid.accounts.services.sessions import (
    client_session_rekey,
    client_sessions_revoke_others,
)

ADDRESS_FIELDS = ("recipient", "lines", "city", "postal_code", "country")


@sensitive_variables("full_name", "email", "phone")
def profile_update(*, user: User, full_name: str, email: str, phone: str) -> list[str]:
    """Change the account holder's name, e-mail and phone; return the fields changed.

    A new e-mail must not belong to another account (AccountExists, nothing
    changed); the old address is told of the change, so a taken-over account is
    noticed.
    """
    wanted = {
        "full_name": full_name.strip(),
        "email": email_normalise(email),
        "phone": phone.strip(),
    }
    changed = [
        name for name, value in wanted.items() if (getattr(user, name) or "") != value
    ]
    if not changed:
        return []
    old_email = user.email
    for name in changed:
        setattr(user, name, wanted[name])
    update_fields = [*changed]
    if "email" in changed:
        user.email_index = email_index(wanted["email"])
        update_fields.append("email_index")
    try:
        with transaction.atomic():
            user.save(update_fields=update_fields)
    except IntegrityError:
        user.refresh_from_db()
        raise AccountExists from None
    events.profile_changed(user=user, fields=changed)
    if "email" in changed:
        security_notice_send(user=user, kind="email_changed", to=old_email)
    return changed


@sensitive_variables("new_password")
def password_change(*, request: HttpRequest, user: User, new_password: str) -> None:
    """Set a new password, keep this browser signed in, and sign out every other.

    Anyone who knew the old password loses their session at once; the account
    holder is told by e-mail.
    """
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        update_session_auth_hash(request, user)
        client_session_rekey(session=request.session)
        client_sessions_revoke_others(user=user, keep_session=request.session)
    events.password_changed(user=user)
    security_notice_send(user=user, kind="password_changed", request=request)


def address_add(
    *, user: User, values: dict[str, str], now: dt.datetime | None = None
) -> Address:
    """Add an address to the profile; the first one becomes the default."""
    now = now or timezone.now()
    with transaction.atomic():
        address = Address(
            user=user,
            subject_id=user.subject_id,
            is_default=not user.addresses.exists(),
            created_at=now,
            updated_at=now,
            **_address_values(values),
        )
        address.save()
    events.address_changed(user=user, change="added")
    return address


def address_update(
    *,
    user: User,
    address_id: uuid.UUID,
    values: dict[str, str],
    now: dt.datetime | None = None,
) -> Address:
    """Change one of the account holder's addresses; orders already placed keep theirs."""
    address = _own_address(user, address_id)
    for name, value in _address_values(values).items():
        setattr(address, name, value)
    address.updated_at = now or timezone.now()
    address.save(update_fields=[*ADDRESS_FIELDS, "updated_at"])
    events.address_changed(user=user, change="changed")
    return address


def address_delete(*, user: User, address_id: uuid.UUID) -> None:
    """Delete one of the account holder's addresses; a remaining one becomes default."""
    with transaction.atomic():
        address = _own_address(user, address_id)
        was_default = address.is_default
        address.delete()
        successor = user.addresses.order_by("created_at").first()
        if was_default and successor is not None:
            successor.is_default = True
            successor.save(update_fields=["is_default"])
    events.address_changed(user=user, change="deleted")


def address_make_default(*, user: User, address_id: uuid.UUID) -> None:
    """Make one address the one checkout proposes first."""
    with transaction.atomic():
        address = _own_address(user, address_id)
        user.addresses.exclude(pk=address.pk).update(is_default=False)
        address.is_default = True
        address.save(update_fields=["is_default"])
    events.address_changed(user=user, change="default")


def _own_address(user: User, address_id: uuid.UUID) -> Address:
    """Return the user's own address; another's is Http404, like a missing one."""
    address = Address.objects.filter(user=user, pk=address_id).first()
    if address is None:
        raise Http404("No such address of yours.")
    return address


def _address_values(values: dict[str, str]) -> dict[str, str]:
    return {name: (values.get(name) or "").strip() for name in ADDRESS_FIELDS}
