"""The audit events of client accounts: one recorder per event, ids and keys only.

Accounts record with the shared `data.*` types of `candid.audit.events` (read,
created, changed, deleted): each event names the account's subject, who acted, the
data categories and rows involved, never a value, so an erased account leaves
nothing personal in the log (SEC-07). `details["event"]` says which account event
it was, e.g. "child_flagged".
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models

from candid.accounts.models import User
from candid.audit.entries import Actor
from candid.audit.events import (
    DATA_CHANGED,
    DATA_CREATED,
    DATA_DELETED,
    DATA_READ,
    EventType,
)
from candid.audit.services import audit_record

# The categories each profile field holds, as User.PersonalData declares them.
FIELD_CATEGORIES = {
    name: category
    for name, category in User.PersonalData.fields.items()
    if category is not None
}
ADDRESS_CATEGORIES = ("user.name", "user.contact.address")
SESSION_CATEGORIES = ("user.device", "user.authorization.credentials")


def _record(
    action: EventType,
    *,
    user: User,
    event: str,
    actor: Actor | None = None,
    categories: Iterable[str] = (),
    objects: Iterable[models.Model] = (),
    purpose: str = "",
    details: dict[str, Any] | None = None,
) -> None:
    audit_record(
        action=action,
        actor=actor or Actor.client(user.pk),
        subject_id=user.subject_id,
        purpose=purpose,
        categories=sorted(set(categories)),
        objects=list(objects),
        details={"event": event, **(details or {})},
    )


def _categories_of(fields: Iterable[str]) -> list[str]:
    return [FIELD_CATEGORIES[name] for name in fields if name in FIELD_CATEGORIES]


def account_created(*, user: User, staff: bool) -> None:
    """Record that an account was opened (by sign-up, or a staff account by command)."""
    _record(
        DATA_CREATED,
        user=user,
        event="account_created",
        actor=Actor.system("accounts") if staff else None,
        categories=_categories_of(["email", "full_name", "password"]),
        objects=[user],
        details={"staff": staff},
    )


def profile_changed(*, user: User, fields: Iterable[str]) -> None:
    """Record which profile fields the account holder changed, by name."""
    names = sorted(fields)
    _record(
        DATA_CHANGED,
        user=user,
        event="profile_changed",
        categories=_categories_of(names),
        objects=[user],
        details={"fields": names},
    )


def password_changed(*, user: User) -> None:
    """Record a password change."""
    _record(
        DATA_CHANGED,
        user=user,
        event="password_changed",
        categories=_categories_of(["password"]),
        objects=[user],
    )


def address_changed(*, user: User, change: str) -> None:
    """Record that an address was added, changed, deleted or made the default."""
    action = {"added": DATA_CREATED, "deleted": DATA_DELETED}.get(change, DATA_CHANGED)
    _record(
        action,
        user=user,
        event=f"address_{change}",
        categories=ADDRESS_CATEGORIES,
        objects=[user],
    )


def session_revoked(*, user: User, count: int) -> None:
    """Record that the account holder signed sessions out (their listing deleted)."""
    _record(
        DATA_DELETED,
        user=user,
        event="sessions_signed_out",
        categories=SESSION_CATEGORIES,
        objects=[user],
        details={"count": count},
    )


def opt_in_pending(*, user: User, purpose: str) -> None:
    """Record that a double opt-in was asked for and awaits confirmation."""
    _record(
        DATA_CREATED,
        user=user,
        event="opt_in_pending",
        categories=["user.privacy_preferences"],
        purpose=purpose,
        objects=[user],
    )


def child_flagged(
    *, user: User, staff: User, deleted: Iterable[str], withdrawn: Iterable[str]
) -> None:
    """Record that staff flagged a child's account and what went, by name (KID-02)."""
    names = sorted(deleted)
    categories = _categories_of(names)
    if "addresses" in names:
        categories.extend(ADDRESS_CATEGORIES)
    _record(
        DATA_DELETED,
        user=user,
        event="child_flagged",
        actor=Actor.staff(staff.pk),
        categories=[*categories, *SESSION_CATEGORIES],
        objects=[user],
        details={"fields": names, "consents_withdrawn": sorted(withdrawn)},
    )


def client_viewed(*, user: User, staff: User, fields: Iterable[str]) -> None:
    """Record that a staff member was shown a client's personal data."""
    names = sorted(fields)
    _record(
        DATA_READ,
        user=user,
        event="account_viewed",
        actor=Actor.staff(staff.pk),
        categories=_categories_of(names),
        objects=[user],
        details={"fields": names},
    )


def sign_up_attempted(*, user: User) -> None:
    """Record that someone tried to open an account with this account's address.

    The owner is e-mailed; the person who tried is told nothing (no enumeration).
    """
    _record(
        DATA_READ,
        user=user,
        event="sign_up_attempted",
        actor=Actor.system("accounts"),
        categories=_categories_of(["email"]),
        objects=[user],
    )


def sign_up_confirmed(*, user: User) -> None:
    """Record that the owner of the address confirmed a new account."""
    _record(DATA_CHANGED, user=user, event="sign_up_confirmed", objects=[user])


def sign_up_expired(*, user: User) -> None:
    """Record that an account nobody confirmed was closed and its profile deleted."""
    _record(
        DATA_DELETED,
        user=user,
        event="sign_up_expired",
        actor=Actor.system("accounts"),
        categories=_categories_of(["email", "email_index", "full_name", "password"]),
        objects=[user],
    )


def password_reset_requested(*, user: User) -> None:
    """Record that a reset link was e-mailed to the account's address."""
    _record(
        DATA_READ,
        user=user,
        event="password_reset_requested",
        actor=Actor.system("accounts"),
        categories=_categories_of(["email"]),
        objects=[user],
    )


def password_reset(*, user: User, sessions_ended: int) -> None:
    """Record a password set through a reset link, and how many sessions ended."""
    _record(
        DATA_CHANGED,
        user=user,
        event="password_reset",
        categories=[*_categories_of(["password"]), *SESSION_CATEGORIES],
        objects=[user],
        details={"sessions_ended": sessions_ended},
    )
