"""The declared rules applied to the studio's own records, holds included."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import Group
from django.core.files.storage import default_storage
from django.utils import timezone

import pytest

from candid.accounts.models import User
from candid.bookings.models import Booking, SessionType
from candid.galleries.models import Gallery, GalleryImage, ShareLink, ShareLinkAccess
from candid.galleries.services import gallery_create, image_upload
from candid.galleries.sharing import share_link_create
from candid.retention.services import legal_hold_place, legal_hold_release
from candid.retention.sweeps import retention_sweep
from tests.galleries.conftest import jpeg_with_metadata

IMAGES = "user.content.self_image:gallery_delivered"
NOTES = "user.content.private:last_activity"
SHARE_LINKS = "share_link:collected"
DELIVERED = dt.datetime(2025, 1, 10, 9, 0, tzinfo=dt.UTC)
GALLERY_EXPIRED = dt.datetime(2026, 1, 10, 9, 1, tzinfo=dt.UTC)


@pytest.fixture
def client_account(account_factory) -> User:
    return account_factory()


@pytest.fixture
def photographer(account_factory) -> User:
    staff = account_factory("pat@studio.example", full_name="Pat Lens", is_staff=True)
    staff.groups.add(Group.objects.get(name="Photographer"))
    return User.objects.get(pk=staff.pk)


@pytest.fixture
def gallery_with_image(photographer, client_account):
    def make(delivered_at: dt.datetime) -> tuple[Gallery, GalleryImage]:
        gallery = gallery_create(
            staff=photographer,
            client=client_account,
            title="Family portraits",
            now=delivered_at,
        )
        image = image_upload(
            staff=photographer, gallery_id=gallery.pk, src=jpeg_with_metadata()
        )
        return gallery, image

    return make


def _files(image: GalleryImage) -> list[bool]:
    return [
        default_storage.exists(image.original_name),
        default_storage.exists(image.preview_name),
    ]


def test_an_expired_gallerys_images_and_files_are_deleted_not_hidden(
    gallery_with_image,
):
    """IMG-04, RET-01: 12 months after delivery, originals and previews go."""
    # given
    old_gallery, old_image = gallery_with_image(DELIVERED)
    _, new_image = gallery_with_image(GALLERY_EXPIRED - dt.timedelta(days=30))
    assert _files(old_image) == [True, True]
    # when
    report = retention_sweep(now=GALLERY_EXPIRED, rules=[IMAGES])
    # then
    (outcome,) = report.outcomes
    assert (outcome.model, outcome.rows, outcome.files) == (
        "galleries.GalleryImage",
        1,
        2,
    )
    assert _files(old_image) == [False, False]
    assert list(GalleryImage.objects.values_list("pk", flat=True)) == [new_image.pk]
    assert _files(new_image) == [True, True]
    assert Gallery.objects.filter(pk=old_gallery.pk).exists()


def test_a_gallery_a_minute_before_expiry_keeps_its_images(gallery_with_image):
    # given
    _, image = gallery_with_image(DELIVERED)
    # when
    retention_sweep(now=GALLERY_EXPIRED - dt.timedelta(minutes=2), rules=[IMAGES])
    # then
    assert GalleryImage.objects.filter(pk=image.pk).exists()


def test_a_held_image_is_kept_until_the_hold_is_released(
    gallery_with_image, staff_factory
):
    """RET-03: sweeps skip held rows and delete them in the first sweep after."""
    # given
    _, image = gallery_with_image(DELIVERED)
    staff = staff_factory("add_legalhold", "release_legalhold")
    hold = legal_hold_place(
        staff=staff,
        kind="dispute",
        reason="Dispute about the session",
        record_model="galleries.GalleryImage",
        record_pk=str(image.pk),
        now=GALLERY_EXPIRED - dt.timedelta(days=1),
    )
    # when
    held = retention_sweep(now=GALLERY_EXPIRED, rules=[IMAGES])
    # then
    assert (held.outcomes[0].rows, held.outcomes[0].held) == (0, 1)
    assert _files(image) == [True, True]
    # when
    legal_hold_release(staff=staff, hold_id=hold.pk, now=GALLERY_EXPIRED)
    released = retention_sweep(
        now=GALLERY_EXPIRED + dt.timedelta(minutes=1), rules=[IMAGES]
    )
    # then
    assert (released.outcomes[0].rows, released.outcomes[0].held) == (1, 0)
    assert _files(image) == [False, False]


def test_a_hold_past_its_end_date_no_longer_keeps_anything(
    gallery_with_image, staff_factory
):
    # given
    _, image = gallery_with_image(DELIVERED)
    legal_hold_place(
        staff=staff_factory("add_legalhold"),
        kind="tax_record",
        reason="Tax enquiry",
        record_model="galleries.GalleryImage",
        record_pk=str(image.pk),
        starts_at=DELIVERED,
        ends_at=GALLERY_EXPIRED,
    )
    # when
    report = retention_sweep(now=GALLERY_EXPIRED + dt.timedelta(days=1), rules=[IMAGES])
    # then
    assert report.outcomes[0].rows == 1
    assert not GalleryImage.objects.filter(pk=image.pk).exists()


def _booking(client: User, starts_at: dt.datetime, notes: str | None) -> Booking:
    session_type = SessionType.objects.create(
        name="Portrait",
        duration=dt.timedelta(minutes=90),
        price=Decimal("150.00"),
        places="Studio",
    )
    return Booking.objects.create(
        client=client,
        subject_id=client.subject_id,
        session_type=session_type,
        starts_at=starts_at,
        place="Studio",
        notes=notes,
        price=Decimal("150.00"),
        currency="GBP",
    )


def test_booking_notes_are_emptied_a_year_after_the_session_and_the_booking_kept(
    client_account,
):
    # given
    session = dt.datetime(2025, 3, 1, 10, 0, tzinfo=dt.UTC)
    old = _booking(client_account, session, "Two children, bring a step stool")
    recent = _booking(client_account, session + dt.timedelta(days=200), "Dog too")
    now = session + dt.timedelta(days=366)
    # when
    report = retention_sweep(now=now, rules=[NOTES])
    again = retention_sweep(now=now, rules=[NOTES])
    # then
    (outcome,) = report.outcomes
    assert (outcome.model, outcome.action, outcome.rows) == (
        "bookings.Booking",
        "anonymise",
        1,
    )
    assert again.outcomes[0].rows == 0
    assert Booking.objects.get(pk=old.pk).notes is None
    assert Booking.objects.get(pk=recent.pk).notes == "Dog too"
    assert Booking.objects.get(pk=old.pk).price == Decimal("150.00")


def _delivered_yesterday() -> dt.datetime:
    """A gallery delivered then is open today: links to it can be made by the real clock."""
    return timezone.now().replace(microsecond=0) - dt.timedelta(days=1)


def _share_link(client: User, gallery: Gallery, now: dt.datetime) -> ShareLink:
    link, _token = share_link_create(
        client=client,
        gallery_id=gallery.pk,
        recipient_label="Grandma",
        password="a long enough password",
        now=now,
    )
    ShareLinkAccess.objects.create(
        link=link,
        subject_id=link.subject_id,
        at=now,
        network="203.0.113.0",
        outcome="opened",
    )
    return link


def test_share_links_go_30_days_after_creation_with_their_access_log(
    gallery_with_image, client_account
):
    # given
    created = _delivered_yesterday()
    gallery, _ = gallery_with_image(created)
    _share_link(client_account, gallery, created)
    kept = _share_link(client_account, gallery, created + dt.timedelta(days=10))
    # when
    retention_sweep(now=created + dt.timedelta(days=30, seconds=1), rules=[SHARE_LINKS])
    # then
    assert list(ShareLink.objects.values_list("pk", flat=True)) == [kept.pk]
    assert list(ShareLinkAccess.objects.values_list("link_id", flat=True)) == [kept.pk]


def test_a_subject_hold_keeps_every_record_of_that_subject(
    gallery_with_image, client_account, staff_factory
):
    # given
    created = _delivered_yesterday()
    gallery, _ = gallery_with_image(created)
    link = _share_link(client_account, gallery, created)
    legal_hold_place(
        staff=staff_factory("add_legalhold"),
        kind="claim",
        reason="Claim about a shared gallery",
        subject_id=client_account.subject_id,
        now=created,
    )
    # when
    report = retention_sweep(now=created + dt.timedelta(days=31), rules=[SHARE_LINKS])
    # then
    assert (report.outcomes[0].rows, report.outcomes[0].held) == (0, 1)
    assert ShareLink.objects.filter(pk=link.pk).exists()


def test_a_row_whose_cascade_reaches_a_held_record_is_blocked(
    gallery_with_image, client_account, staff_factory
):
    # given
    created = _delivered_yesterday()
    gallery, _ = gallery_with_image(created)
    link = _share_link(client_account, gallery, created)
    access = ShareLinkAccess.objects.get(link=link)
    legal_hold_place(
        staff=staff_factory("add_legalhold"),
        kind="dispute",
        reason="Who opened the link",
        record_model="galleries.ShareLinkAccess",
        record_pk=str(access.pk),
        now=created,
    )
    # when
    report = retention_sweep(now=created + dt.timedelta(days=31), rules=[SHARE_LINKS])
    # then
    assert (report.outcomes[0].rows, report.outcomes[0].blocked) == (0, 1)
    assert ShareLinkAccess.objects.filter(pk=access.pk).exists()


def test_a_gallery_past_its_accounting_period_goes_with_its_images_files(
    gallery_with_image,
):
    """RET-01: purchase history 8 years after the financial year; cascades clean up."""
    # given
    gallery, image = gallery_with_image(dt.datetime(2016, 6, 1, tzinfo=dt.UTC))
    now = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)
    # when
    report = retention_sweep(
        now=now, rules=["user.behavior.purchase_history:end_of_financial_year"]
    )
    # then
    (outcome,) = [o for o in report.outcomes if o.model == "galleries.Gallery"]
    assert (outcome.rows, outcome.files) == (1, 2)
    assert not Gallery.objects.filter(pk=gallery.pk).exists()
    assert not GalleryImage.objects.filter(pk=image.pk).exists()
    assert _files(image) == [False, False]
