"""Model releases and the public portfolio they gate (IMG-01..03, KID-05, C-01).

A release is a signed, withdrawable record: who signed, in which role, for whom,
which images (or the whole session), which of the declared uses, until when, and
the exact wording signed (version and SHA-256). An image joins the public portfolio
only when every person identified in it has an active release covering
"portfolio", signed by a parent or guardian for a minor. An image in which nobody
is identified is refused too: deny by default until staff have tagged who is shown.
Withdrawing a release takes the images it covered out of the portfolio at once.

A child's images are never used for advertising (KID-05): a release signed for a
minor may not name an advertising use, and no release, whoever signed it, covers
an advertising use of an image showing a minor. Staff act only on galleries they
are assigned to (IMG-06).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from candid.accounts.models import User
from candid.audit.entries import Actor
from candid.galleries import events
from candid.galleries.access import staff_holds, staff_may_work_on
from candid.galleries.declared import images_declared
from candid.galleries.exceptions import (
    AccessDenied,
    GalleryNotFound,
    PromotionRefused,
    ReleaseInvalid,
)
from candid.galleries.models import (
    GalleryImage,
    ModelRelease,
    PortfolioEntry,
    ReleaseRole,
    ShownPerson,
)

PORTFOLIO = "portfolio"
TAG_PERMISSION = "galleries.add_shownperson"
RELEASE_PERMISSION = "galleries.add_modelrelease"
PORTFOLIO_PERMISSION = "galleries.add_portfolioentry"
# Release uses that put an image in front of an advertising audience (KID-05).
ADVERTISING_USES = frozenset({"marketing", "print_advertising"})


@sensitive_variables("name")
def person_tag(
    *, staff: User, image_ids: Iterable[uuid.UUID], name: str, minor: bool
) -> ShownPerson:
    """Identify a person shown in images of one gallery (KID-05: flag minors).

    Refused to staff without the role or not assigned to the gallery (IMG-06).
    """
    if not staff_holds(staff, TAG_PERMISSION):
        raise AccessDenied
    images = list(GalleryImage.objects.filter(pk__in=list(image_ids)))
    galleries = {image.gallery_id for image in images}
    if not galleries:
        raise AccessDenied
    for gallery_id in galleries:
        if not staff_may_work_on(
            staff=staff, gallery_id=gallery_id, permission=TAG_PERMISSION
        ):
            raise AccessDenied
    if len(galleries) != 1 or not name.strip():
        raise ReleaseInvalid("Name the person and tag images of one gallery.")
    with transaction.atomic():
        person = ShownPerson.objects.create(
            gallery_id=galleries.pop(),
            subject_id=images[0].subject_id,
            name=name.strip(),
            minor=minor,
        )
        person.images.set(images)
    return person


@sensitive_variables("signer_name", "text")
def release_sign(
    *,
    staff: User,
    person_id: uuid.UUID,
    signer_name: str,
    role: str,
    uses: Iterable[str],
    text: str,
    text_version: str,
    image_ids: Iterable[uuid.UUID] = (),
    expires_at: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> ModelRelease:
    """Record a signed model release and audit it (IMG-03).

    Refused, with nothing stored, for staff without the role or not assigned to the
    gallery (IMG-06), a use the declaration does not offer, a minor's release not
    signed by a parent or guardian or naming an advertising use (KID-05), images of
    another gallery, or a release that has already ended.
    """
    now = now or timezone.now()
    if not staff_holds(staff, RELEASE_PERMISSION):
        raise AccessDenied
    person = _person(person_id)
    if not staff_may_work_on(
        staff=staff, gallery_id=person.gallery_id, permission=RELEASE_PERMISSION
    ):
        raise AccessDenied
    uses = _checked_uses(uses)
    _check_signer(person=person, signer_name=signer_name, role=role)
    _check_child_uses(person=person, uses=uses)
    images = _covered_images(person, image_ids)
    if expires_at is not None and expires_at <= now:
        raise ReleaseInvalid("A release must end in the future.")
    with transaction.atomic():
        release = ModelRelease.objects.create(
            person=person,
            subject_id=person.subject_id,
            signer_name=signer_name.strip(),
            role=role,
            uses=uses,
            text_version=text_version,
            text_sha256=hashlib.sha256(text.encode()).hexdigest(),
            signed_at=now,
            expires_at=expires_at,
        )
        release.images.set(images)
        events.release_signed(release=release, actor=Actor.staff(staff.pk))
    return release


def _person(person_id: uuid.UUID) -> ShownPerson:
    try:
        return ShownPerson.objects.get(pk=person_id)
    except (ShownPerson.DoesNotExist, ValueError):
        raise GalleryNotFound from None


def _checked_uses(uses: Iterable[str]) -> list[str]:
    declared = {str(use) for use in images_declared().release_uses}
    chosen = sorted(set(uses))
    if not chosen or not set(chosen) <= declared:
        raise ReleaseInvalid(f"Choose uses among: {', '.join(sorted(declared))}.")
    return chosen


@sensitive_variables("signer_name")
def _check_signer(*, person: ShownPerson, signer_name: str, role: str) -> None:
    if role not in ReleaseRole.values or not signer_name.strip():
        raise ReleaseInvalid("Name the signer and their role.")
    if person.minor and role != ReleaseRole.PARENT_OR_GUARDIAN:
        raise ReleaseInvalid(
            "A child's release must be signed by a parent or guardian."
        )


def _check_child_uses(*, person: ShownPerson, uses: list[str]) -> None:
    refused = sorted(ADVERTISING_USES.intersection(uses))
    if person.minor and refused:
        raise ReleaseInvalid(
            "A child's images are never used for advertising: a release for a child "
            f"cannot cover {', '.join(refused)}. Choose other uses."
        )


def _covered_images(
    person: ShownPerson, image_ids: Iterable[uuid.UUID]
) -> list[GalleryImage]:
    wanted = set(image_ids)
    images = list(person.gallery.images.filter(pk__in=wanted))
    if len(images) != len(wanted):
        raise ReleaseInvalid("A release covers images of the person's own session.")
    return images


def release_withdraw(
    *, release_id: uuid.UUID, by: User, now: dt.datetime | None = None
) -> ModelRelease:
    """Withdraw a release and take what it covered out of the portfolio at once.

    The client whose gallery it is, or staff recording a withdrawal received on any
    channel, may withdraw; withdrawing twice changes nothing (IMG-02).
    """
    now = now or timezone.now()
    with transaction.atomic():
        release = _withdrawable(release_id, by)
        if release.withdrawn_at is not None:
            return release
        release.withdrawn_at = now
        release.save(update_fields=["withdrawn_at"])
        unpublished = portfolio_prune(person=release.person, now=now)
        actor = Actor.staff(by.pk) if by.is_staff else Actor.client(by.pk)
        events.release_withdrawn(release=release, actor=actor, unpublished=unpublished)
    return release


def _withdrawable(release_id: uuid.UUID, by: User) -> ModelRelease:
    try:
        release = ModelRelease.objects.select_for_update().get(pk=release_id)
    except (ModelRelease.DoesNotExist, ValueError):
        raise GalleryNotFound from None
    if release.person.gallery.client_id == by.pk:
        return release
    if staff_may_work_on(
        staff=by, gallery_id=release.person.gallery_id, permission=RELEASE_PERMISSION
    ):
        return release
    raise GalleryNotFound


def portfolio_prune(*, person: ShownPerson, now: dt.datetime) -> int:
    """Delete the portfolio entries of this person's images no longer covered."""
    entries = PortfolioEntry.objects.filter(image__people=person)
    gone = [entry.pk for entry in entries if release_gaps(entry.image, now=now)]
    PortfolioEntry.objects.filter(pk__in=gone).delete()
    return len(gone)


def release_gaps(
    image: GalleryImage, *, now: dt.datetime, use: str = PORTFOLIO
) -> list[uuid.UUID]:
    """Return the ids of people in the image without a release covering `use`.

    An image with nobody identified returns a gap of its own id: nothing is
    published on the assumption that it shows no one. A minor is always a gap for
    an advertising use, whatever was signed (KID-05).
    """
    people = list(image.people.all())
    if not people:
        return [image.pk]
    return [person.pk for person in people if not _covered(person, image, now, use)]


def _covered(
    person: ShownPerson, image: GalleryImage, now: dt.datetime, use: str
) -> bool:
    if person.minor and use in ADVERTISING_USES:
        return False
    for release in person.releases.all():
        if not release.is_active_at(now):
            continue
        if use not in release.uses:
            continue
        if person.minor and release.role != ReleaseRole.PARENT_OR_GUARDIAN:
            continue
        scope = {covered.pk for covered in release.images.all()}
        if scope and image.pk not in scope:
            continue
        return True
    return False


def portfolio_add(
    *, staff: User, image_id: uuid.UUID, now: dt.datetime | None = None
) -> PortfolioEntry:
    """Publish an image in the public portfolio, only if every person released it.

    Raise PromotionRefused, publishing nothing, when anyone identified in it lacks
    an active release covering "portfolio" (IMG-01, KID-05, C-01); AccessDenied to
    staff without the role or not assigned to the image's gallery (IMG-06).
    """
    now = now or timezone.now()
    if not staff_holds(staff, PORTFOLIO_PERMISSION):
        raise AccessDenied
    try:
        image = GalleryImage.objects.get(pk=image_id)
    except (GalleryImage.DoesNotExist, ValueError):
        raise GalleryNotFound from None
    if not staff_may_work_on(
        staff=staff, gallery_id=image.gallery_id, permission=PORTFOLIO_PERMISSION
    ):
        raise AccessDenied
    if release_gaps(image, now=now):
        raise PromotionRefused(
            "This image cannot go in the portfolio: not everyone shown in it has "
            "signed a release covering the portfolio."
        )
    with transaction.atomic():
        entry, _ = PortfolioEntry.objects.get_or_create(
            image=image,
            defaults={
                "subject_id": image.subject_id,
                "added_by": staff,
                "added_at": now,
            },
        )
        events.portfolio_added(entry=entry, staff_id=staff.pk)
    return entry
