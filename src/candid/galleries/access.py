"""The gates in front of a client's images: staff by role, clients by ownership.

A staff member sees a client's images only with a role granting
`galleries.view_galleryimage` (the "Photographer" group), and every such view is
written to the audit log (IMG-06, SEC-07). A missing image and a forbidden one give
the same error, so the gate reveals nothing.
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
from candid.galleries.models import Gallery, GalleryImage

VIEW_PERMISSION = "galleries.view_galleryimage"
UPLOAD_PERMISSION = "galleries.add_galleryimage"


def access_image_by_id_for_staff(
    *, staff: User, image_id: uuid.UUID | str, kind: str
) -> GalleryImage:
    """Return an image for staff allowed to see it, recording the view (IMG-06).

    Raise AccessDenied for a forbidden or unknown image.
    """
    if not staff_holds(staff, VIEW_PERMISSION):
        raise AccessDenied
    image = _image(image_id)
    if image is None:
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


def _image(image_id: uuid.UUID | str) -> GalleryImage | None:
    try:
        return GalleryImage.objects.select_related("gallery").get(pk=image_id)
    except (GalleryImage.DoesNotExist, ValueError, ValidationError):
        return None
