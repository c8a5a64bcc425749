"""The gates in front of a client's images: staff by role and assignment, clients by ownership.

A staff member reaches a client's gallery only through two checks, in this order:
a role granting the permission the action needs (e.g. `galleries.view_galleryimage`,
the "Photographer" group), then an assignment to that client's job
(`GalleryAssignment`): the role alone opens nothing (IMG-06, Art 29, 32(4)). Every
staff view is written to the audit log (SEC-07). A missing gallery, a forbidden one
and an unassigned one give the same error, so the gate reveals nothing.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from django.utils import timezone

from candid.accounts.models import User
from candid.audit.access import staff_holds
from candid.galleries import events
from candid.galleries.exceptions import AccessDenied, GalleryNotFound
from candid.galleries.models import (
    Gallery,
    GalleryAssignment,
    GalleryImage,
    ShownPerson,
)

VIEW_PERMISSION = "galleries.view_galleryimage"
UPLOAD_PERMISSION = "galleries.add_galleryimage"
GALLERY_VIEW_PERMISSION = "galleries.view_gallery"
ASSIGN_PERMISSION = "galleries.add_galleryassignment"


def staff_assigned(*, staff: User, gallery_id: uuid.UUID | str) -> bool:
    """Say whether `staff` is assigned to the client's job this gallery belongs to."""
    return GalleryAssignment.objects.filter(
        gallery_id=gallery_id, staff_id=staff.pk
    ).exists()


def staff_may_work_on(
    *, staff: User, gallery_id: uuid.UUID | str, permission: str
) -> bool:
    """Say whether `staff` holds `permission` and is assigned to the gallery (IMG-06).

    The role is checked first; an assignment without the role allows nothing.
    """
    if not staff_holds(staff, permission):
        return False
    return staff_assigned(staff=staff, gallery_id=gallery_id)


def staff_may_work_on_image(
    *, staff: User, image_id: uuid.UUID | str, permission: str
) -> bool:
    """Say whether `staff` holds `permission` and is assigned to the image's gallery."""
    if not staff_holds(staff, permission):
        return False
    image = _image(image_id)
    return image is not None and staff_assigned(
        staff=staff, gallery_id=image.gallery_id
    )


def staff_may_work_on_person(
    *, staff: User, person_id: uuid.UUID | str, permission: str
) -> bool:
    """Say whether `staff` holds `permission` and is assigned to the person's gallery."""
    if not staff_holds(staff, permission):
        return False
    gallery_id = (
        ShownPerson.objects.filter(pk=person_id)
        .values_list("gallery_id", flat=True)
        .first()
    )
    return gallery_id is not None and staff_assigned(staff=staff, gallery_id=gallery_id)


def gallery_for_staff(
    *, staff: User, gallery_id: uuid.UUID | str, permission: str
) -> Gallery:
    """Return a gallery staff may work on, for a write that records its own event.

    Raise AccessDenied for a missing, forbidden or unassigned gallery alike.
    """
    if not staff_holds(staff, permission):
        raise AccessDenied
    gallery = _gallery(gallery_id)
    if gallery is None:
        raise AccessDenied
    if not staff_assigned(staff=staff, gallery_id=gallery.pk):
        raise AccessDenied
    return gallery


def access_gallery_by_id_for_staff(
    *,
    staff: User,
    gallery_id: uuid.UUID | str,
    permission: str = GALLERY_VIEW_PERMISSION,
) -> Gallery:
    """Return a gallery to assigned staff holding `permission`, recording the view.

    Raise AccessDenied for a missing, forbidden or unassigned gallery alike.
    """
    gallery = gallery_for_staff(
        staff=staff, gallery_id=gallery_id, permission=permission
    )
    events.gallery_viewed(gallery=gallery, staff_id=staff.pk)
    return gallery


def access_image_by_id_for_staff(
    *, staff: User, image_id: uuid.UUID | str, kind: str
) -> GalleryImage:
    """Return an image to assigned staff with the role, recording the view (IMG-06).

    Raise AccessDenied for a forbidden, unassigned or unknown image.
    """
    if not staff_holds(staff, VIEW_PERMISSION):
        raise AccessDenied
    image = _image(image_id)
    if image is None:
        raise AccessDenied
    if not staff_assigned(staff=staff, gallery_id=image.gallery_id):
        raise AccessDenied
    events.image_viewed(image=image, staff_id=staff.pk, kind=kind)
    return image


def access_gallery_by_id_for_client(
    *, client: User, gallery_id: uuid.UUID | str, now: dt.datetime | None = None
) -> Gallery:
    """Return the client's own gallery while it is online, else GalleryNotFound."""
    now = now or timezone.now()
    if not client.is_authenticated:
        raise GalleryNotFound
    try:
        return Gallery.objects.get(pk=gallery_id, client=client, expires_at__gt=now)
    except (Gallery.DoesNotExist, ValueError, ValidationError):
        raise GalleryNotFound from None


def access_image_by_id_for_client(
    *, client: User, image_id: uuid.UUID | str, now: dt.datetime | None = None
) -> GalleryImage:
    """Return an image of the client's own online gallery, else GalleryNotFound."""
    now = now or timezone.now()
    image = _image(image_id)
    if image is None or not client.is_authenticated:
        raise GalleryNotFound
    if image.gallery.client_id != client.pk or image.gallery.expires_at <= now:
        raise GalleryNotFound
    return image


def _gallery(gallery_id: uuid.UUID | str) -> Gallery | None:
    try:
        return Gallery.objects.get(pk=gallery_id)
    except (Gallery.DoesNotExist, ValueError, ValidationError):
        return None


def _image(image_id: uuid.UUID | str) -> GalleryImage | None:
    try:
        return GalleryImage.objects.select_related("gallery").get(pk=image_id)
    except (GalleryImage.DoesNotExist, ValueError, ValidationError):
        return None
