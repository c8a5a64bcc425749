"""Every write of retention outside a sweep: placing and releasing legal holds."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from candid.audit.access import staff_holds
from candid.retention import events
from candid.retention.exceptions import AccessDenied, HoldInvalid, HoldNotFound
from candid.retention.models import HoldKind, LegalHold

PLACE_PERMISSION = "retention.add_legalhold"
RELEASE_PERMISSION = "retention.release_legalhold"


def legal_hold_place(
    *,
    staff: Any,
    kind: str,
    reason: str,
    record_model: str = "",
    record_pk: str = "",
    subject_id: uuid.UUID | str | None = None,
    starts_at: dt.datetime | None = None,
    ends_at: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> LegalHold:
    """Place a legal hold on one record or on every record of a subject (RET-03).

    Sweeps and erasure skip held records until the hold ends or is released.
    Refused, with nothing written, for staff without the role, an unknown kind, an
    empty reason, an end before the start, or a record that does not exist.
    """
    if not staff_holds(staff, PLACE_PERMISSION):
        raise AccessDenied
    now = now or timezone.now()
    starts_at = starts_at or now
    reason = (reason or "").strip()
    if kind not in HoldKind.values:
        raise HoldInvalid(f"A hold's kind is one of {', '.join(HoldKind.values)}.")
    if not reason:
        raise HoldInvalid("Say why the records are held.")
    if ends_at is not None and ends_at <= starts_at:
        raise HoldInvalid("A hold must end after it starts.")
    record_model, record_pk, subject = hold_target_checked(
        record_model=record_model, record_pk=record_pk, subject_id=subject_id
    )
    with transaction.atomic():
        hold = LegalHold.objects.create(
            record_model=record_model,
            record_pk=record_pk,
            subject_id=subject,
            kind=kind,
            reason=reason,
            starts_at=starts_at,
            ends_at=ends_at,
            placed_by=staff,
            placed_at=now,
        )
        events.hold_placed(hold=hold, staff_id=staff.pk)
    return hold


def hold_target_checked(
    *, record_model: str, record_pk: str, subject_id: uuid.UUID | str | None
) -> tuple[str, str, uuid.UUID | None]:
    """Return the held record's label and key, or the subject; raise HoldInvalid."""
    record_model, record_pk = (record_model or "").strip(), str(record_pk or "").strip()
    if subject_id not in (None, ""):
        if record_model or record_pk:
            raise HoldInvalid("Hold either one record or one subject, not both.")
        try:
            return "", "", uuid.UUID(str(subject_id))
        except ValueError:
            raise HoldInvalid("The subject id is not a valid id.") from None
    if not (record_model and record_pk):
        raise HoldInvalid("Name the record (model and key) or the subject to hold.")
    try:
        model = apps.get_model(record_model)
    except (LookupError, ValueError):
        raise HoldInvalid(f"There is no model {record_model!r}.") from None
    try:
        found = model._default_manager.filter(pk=record_pk).exists()
    except (ValidationError, ValueError):
        found = False
    if not found:
        raise HoldInvalid(f"There is no {model._meta.label} with key {record_pk!r}.")
    pk = model._meta.pk.to_python(record_pk)
    return model._meta.label, str(pk), None


def legal_hold_release(
    *, staff: Any, hold_id: int, now: dt.datetime | None = None
) -> LegalHold:
    """Release a legal hold: the next sweep treats its records like any other.

    Refused for staff without the release role, or a hold already released.
    """
    if not staff_holds(staff, RELEASE_PERMISSION):
        raise AccessDenied
    now = now or timezone.now()
    with transaction.atomic():
        hold = (
            LegalHold.objects.select_for_update()
            .filter(pk=hold_id, released_at__isnull=True)
            .first()
        )
        if hold is None:
            raise HoldNotFound(f"No unreleased legal hold has id {hold_id}.")
        hold.released_at = now
        hold.released_by = staff
        hold.save(update_fields=["released_at", "released_by"])
        events.hold_released(hold=hold, staff_id=staff.pk)
    return hold
