"""Every write of galleries: creating a client's gallery, uploading images.

Originals and previews are encrypted under the client's own key in the media
storage, under random names (SEC-04, IMG-07); the preview is watermarked and both
files lose their metadata before anyone outside the studio sees them (IMG-04).
"""

from __future__ import annotations

import datetime as dt
import io
import secrets
import uuid
from collections.abc import Iterator
from typing import BinaryIO

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from candid.accounts.models import User
from candid.consent.purposes import require_purpose
from candid.galleries import events, imaging
from candid.galleries.access import UPLOAD_PERMISSION, gallery_for_staff, staff_holds
from candid.galleries.assignments import assignment_record
from candid.galleries.declared import gallery_purpose, images_declared
from candid.galleries.exceptions import AccessDenied, GalleryError
from candid.galleries.models import Gallery, GalleryImage
from candid.vault.files import encrypted_file_open, encrypted_file_save

TITLE_MAX_LENGTH = 120


def gallery_create(
    *, staff: User, client: User, title: str, now: dt.datetime | None = None
) -> Gallery:
    """Open a gallery for a client, online for the declared gallery lifetime.

    The staff member who opens it is assigned to it, and so may fill it (IMG-06).
    """
    now = now or timezone.now()
    if not staff_holds(staff, UPLOAD_PERMISSION):
        raise AccessDenied
    title = title.strip()
    if not title or len(title) > TITLE_MAX_LENGTH:
        raise GalleryError(f"A title of 1 to {TITLE_MAX_LENGTH} characters is needed.")
    lifetime = images_declared().gallery_lifetime
    require_purpose(client.subject_id, gallery_purpose())
    with transaction.atomic():
        gallery = Gallery.objects.create(
            client=client,
            subject_id=client.subject_id,
            title=title,
            delivered_at=now,
            expires_at=lifetime.after(now),
        )
        # Whoever opens the gallery works on that job (IMG-06).
        assignment_record(gallery=gallery, staff=staff, by=staff, now=now)
    return gallery


def image_upload(*, staff: User, gallery_id: uuid.UUID, src: BinaryIO) -> GalleryImage:
    """Store an uploaded image encrypted, with a watermarked preview, and record it.

    The photographer's file name is never stored: both files get random names.
    Refused, with nothing stored, for staff without the role, staff not assigned
    to the gallery (IMG-06), or a non-image file.
    """
    gallery = gallery_for_staff(
        staff=staff, gallery_id=gallery_id, permission=UPLOAD_PERMISSION
    )
    picture = imaging.picture_open(src)
    require_purpose(gallery.subject_id, gallery_purpose())
    image = GalleryImage(
        gallery=gallery,
        subject_id=gallery.subject_id,
        content_type=picture.content_type,
        width=picture.image.width,
        height=picture.image.height,
    )
    src.seek(0)
    image.original_name = _save(image, "original", src)
    image.preview_name = _save(
        image, "preview", io.BytesIO(imaging.preview_bytes(picture))
    )
    with transaction.atomic():
        image.save()
        events.image_uploaded(image=image, staff_id=staff.pk)
    return image


def _save(image: GalleryImage, kind: str, content: BinaryIO) -> str:
    name = f"galleries/{image.gallery_id}/{secrets.token_hex(16)}.bin"
    return encrypted_file_save(
        storage=default_storage,
        name=name,
        subject_id=image.subject_id,
        content=content,
        associated_data=image.associated_data(kind),
    )


def image_plaintext(*, image: GalleryImage, kind: str) -> Iterator[bytes]:
    """Return the decrypted chunks of an image file, for the studio's own use."""
    name = image.original_name if kind == "original" else image.preview_name
    return encrypted_file_open(
        storage=default_storage,
        name=name,
        subject_id=image.subject_id,
        associated_data=image.associated_data(kind),
    )


def image_served_bytes(*, image: GalleryImage, kind: str) -> bytes:
    """Return an image as served outside the studio: stripped of all metadata.

    The preview was stored stripped; it is stripped again because a file on disk
    is not proof of how it was made. The original is decoded and re-encoded.
    """
    require_purpose(image.subject_id, gallery_purpose())
    raw = b"".join(image_plaintext(image=image, kind=kind))
    return imaging.stripped_bytes(imaging.picture_open(io.BytesIO(raw)))
