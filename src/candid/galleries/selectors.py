"""Reads of galleries, scoped to what the caller may see."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from candid.accounts.models import User
from candid.galleries.exceptions import GalleryError
from candid.galleries.models import Gallery, ModelRelease, ShareLink
from candid.galleries.prints import print_vendor


def galleries_of_client(
    *, client: User, now: dt.datetime | None = None
) -> QuerySet[Gallery]:
    """Return the client's own galleries that are still online."""
    now = now or timezone.now()
    return Gallery.objects.filter(client=client, expires_at__gt=now)


def share_links_of_gallery(*, gallery: Gallery) -> QuerySet[ShareLink]:
    """Return the share links of a gallery, newest first."""
    return ShareLink.objects.filter(gallery=gallery)


def releases_of_gallery(*, gallery: Gallery) -> QuerySet[ModelRelease]:
    """Return the model releases signed for people shown in a gallery."""
    return ModelRelease.objects.filter(person__gallery=gallery).select_related("person")


def prints_offered() -> bool:
    """Say whether the declaration names a print vendor (IMG-05)."""
    try:
        print_vendor()
    except GalleryError:
        return False
    return True
