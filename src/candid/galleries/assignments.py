"""Assigning staff to a client's job: who may open which gallery (IMG-06).

Owners and managers holding `galleries.add_galleryassignment` assign and unassign;
the photographer who opens a gallery for a session is assigned to it by that act.
Each change is audited with ids only. Assigning twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from candid.accounts.models import User
from candid.audit.access import staff_holds
from candid.galleries import events
from candid.galleries.access import ASSIGN_PERMISSION
from candid.galleries.exceptions import AccessDenied, AssignmentInvalid, GalleryNotFound
from candid.galleries.models import Gallery, GalleryAssignment

UNASSIGN_PERMISSION = "galleries.delete_galleryassignment"


def gallery_assign(
    *,
    by: User,
    gallery_id: uuid.UUID | str,
    staff_id: uuid.UUID | str,
    now: dt.datetime | None = None,
) -> GalleryAssignment:
    """Give a staff member access to a client's gallery, for their role's actions.

    Refused, with nothing changed, to anyone without the assigning permission, and
    for a gallery that does not exist or an account that is not active staff.
    """
    if not staff_holds(by, ASSIGN_PERMISSION):
        raise AccessDenied
    gallery = _gallery(gallery_id)
    staff = _active_staff(staff_id)
    return assignment_record(gallery=gallery, staff=staff, by=by, now=now)


def assignment_record(
    *, gallery: Gallery, staff: User, by: User, now: dt.datetime | None = None
) -> GalleryAssignment:
    """Store the assignment and audit it, once; callers have checked who may assign."""
    with transaction.atomic():
        assignment, created = GalleryAssignment.objects.get_or_create(
            gallery=gallery,
            staff=staff,
            defaults={"assigned_by": by, "assigned_at": now or timezone.now()},
        )
        if created:
            events.staff_assigned(gallery=gallery, staff_id=staff.pk, by_id=by.pk)
    return assignment


def gallery_unassign(*, by: User, assignment_id: uuid.UUID | str) -> None:
    """Take a staff member's access to a gallery away; unknown ids change nothing."""
    if not staff_holds(by, UNASSIGN_PERMISSION):
        raise AccessDenied
    with transaction.atomic():
        assignment = (
            GalleryAssignment.objects.select_for_update()
            .select_related("gallery")
            .filter(pk=assignment_id)
            .first()
        )
        if assignment is None:
            return
        assignment.delete()
        events.staff_unassigned(
            gallery=assignment.gallery, staff_id=assignment.staff_id, by_id=by.pk
        )


def _gallery(gallery_id: uuid.UUID | str) -> Gallery:
    try:
        return Gallery.objects.get(pk=gallery_id)
    except (Gallery.DoesNotExist, ValueError, ValidationError):
        raise GalleryNotFound from None


def _active_staff(staff_id: uuid.UUID | str) -> User:
    try:
        return User.objects.get(pk=staff_id, is_staff=True, is_active=True)
    except (User.DoesNotExist, ValueError, ValidationError):
        raise AssignmentInvalid from None
