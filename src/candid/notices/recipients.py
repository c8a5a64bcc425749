"""Who a notice goes to: client accounts and their addresses, through the data map.

The kernel knows no studio app: it reaches client accounts through Django's
configured user model (`get_user_model()`), and from an account to its data subject
through the subject path that the model's `PersonalData` annotation declares.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from candid.datamap.registry import registry

CHUNK = 500


@dataclass(frozen=True)
class Recipient:
    """One person to tell: their data subject and e-mail address (None if unknown)."""

    subject_id: uuid.UUID
    address: str | None

    def __repr__(self) -> str:
        # Never the address: a repr ends up in logs and tracebacks.
        return f"Recipient(subject_id={self.subject_id!s})"


def _subject_field() -> str:
    """Return the user model's foreign key to its subject, as its annotation names it."""
    user_model = get_user_model()
    path = registry().entry(user_model).subject_path
    if path is None or "__" in path:
        raise ImproperlyConfigured(
            f"{user_model._meta.label} must name its data subject through one field "
            "to receive notices."
        )
    return path


def subject_of_user(user: Any) -> uuid.UUID | None:
    """Return the data subject id of a signed-in account, or None for anyone else."""
    if not getattr(user, "is_authenticated", False):
        return None
    return getattr(user, f"{_subject_field()}_id", None)


def clients(
    *,
    subject_ids: Collection[uuid.UUID] | None = None,
    after: Any = None,
    include_staff: bool = False,
) -> models.QuerySet:
    """Return active client accounts whose subject is not erased, by pk.

    With `subject_ids`, only the accounts of those subjects; with `after`, only
    accounts whose pk is greater, so a long list is read in bounded chunks. Staff
    accounts only with `include_staff` (a breach affects them as people too).
    """
    user_model = get_user_model()
    field = _subject_field()
    accounts = user_model._default_manager.filter(
        is_active=True, **{f"{field}__erased_at__isnull": True}
    )
    has_staff_flag = any(f.name == "is_staff" for f in user_model._meta.get_fields())
    if has_staff_flag and not include_staff:
        accounts = accounts.filter(is_staff=False)
    if subject_ids is not None:
        accounts = accounts.filter(**{f"{field}__in": list(subject_ids)})
    if after is not None:
        accounts = accounts.filter(pk__gt=after)
    return accounts.order_by("pk")


def client_recipients(
    *, subject_ids: Collection[uuid.UUID] | None = None, include_staff: bool = False
) -> Iterator[Recipient]:
    """Yield every active client (or those of `subject_ids`) with their address.

    Reads in chunks of CHUNK accounts, so memory stays bounded however many there are.
    """
    user_model = get_user_model()
    field = _subject_field()
    email_field = user_model.get_email_field_name()
    after = None
    while True:
        accounts = clients(
            subject_ids=subject_ids, after=after, include_staff=include_staff
        )
        chunk = list(accounts[:CHUNK])
        for account in chunk:
            address = getattr(account, email_field, None) or None
            yield Recipient(subject_id=getattr(account, f"{field}_id"), address=address)
        if len(chunk) < CHUNK:
            return
        after = chunk[-1].pk


def client_subject_ids(*, known_before: Any = None) -> set[uuid.UUID]:
    """Return the subject ids of active clients, those known before a time if given."""
    field = _subject_field()
    accounts = clients()
    if known_before is not None:
        accounts = accounts.filter(**{f"{field}__created_at__lt": known_before})
    return set(accounts.values_list(f"{field}_id", flat=True))
