"""A child's images are never used for advertising (KID-05, IMG-01)."""

from __future__ import annotations

from django.utils import timezone

import pytest

from candid.audit.models import AuditEvent
from candid.galleries.exceptions import ReleaseInvalid
from candid.galleries.models import ModelRelease, ReleaseRole
from candid.galleries.releases import person_tag, release_gaps, release_sign

from .conftest import signed_in_browser

TEXT = "I allow Cinetrum Studio to use these photographs as ticked below."
REFUSAL = (
    "A child's images are never used for advertising: a release for a child cannot "
    "cover marketing. Choose other uses."
)


@pytest.fixture
def child(photographer, image):
    return person_tag(
        staff=photographer, image_ids=[image.pk], name="Lia Lima", minor=True
    )


@pytest.fixture
def adult(photographer, image):
    return person_tag(
        staff=photographer, image_ids=[image.pk], name="Ana Lima", minor=False
    )


def sign(photographer, person, *, role, uses):
    return release_sign(
        staff=photographer,
        person_id=person.pk,
        signer_name="Ana Lima",
        role=role,
        uses=uses,
        text=TEXT,
        text_version="2026-11",
    )


def test_a_parents_release_for_a_child_naming_marketing_is_refused(photographer, child):
    # given
    before = AuditEvent.objects.count()
    # when
    with pytest.raises(ReleaseInvalid) as refused:
        sign(
            photographer,
            child,
            role="parent_or_guardian",
            uses=["portfolio", "marketing"],
        )
    # then
    assert str(refused.value) == REFUSAL
    assert ModelRelease.objects.count() == 0
    assert AuditEvent.objects.count() == before


def test_a_parents_release_for_a_child_covers_the_other_declared_uses(
    photographer, child
):
    # when
    release = sign(
        photographer,
        child,
        role="parent_or_guardian",
        uses=["portfolio", "website", "social_media"],
    )
    # then
    assert release.uses == ["portfolio", "social_media", "website"]


def test_the_release_page_does_not_offer_marketing_for_a_child(
    photographer, child, adult
):
    # given
    browser = signed_in_browser(photographer.email)
    # when
    for_child = browser.get(f"/studio/galleries/people/{child.pk}/release/")
    for_adult = browser.get(f"/studio/galleries/people/{adult.pk}/release/")
    # then
    assert 'value="marketing"' not in for_child.content.decode()
    assert 'value="portfolio"' in for_child.content.decode()
    assert 'value="marketing"' in for_adult.content.decode()


def test_marketing_posted_for_a_child_anyway_is_refused_by_the_page(
    photographer, child
):
    # given
    browser = signed_in_browser(photographer.email)
    # when
    response = browser.post(
        f"/studio/galleries/people/{child.pk}/release/",
        {
            "signer_name": "Ana Lima",
            "role": "parent_or_guardian",
            "uses": ["marketing"],
            "text_version": "2026-11",
            "text": TEXT,
        },
    )
    # then
    assert response.status_code == 200
    assert "Select a valid choice. marketing is not one of the available choices." in (
        response.content.decode()
    )
    assert ModelRelease.objects.count() == 0


@pytest.mark.parametrize("use", ["marketing", "print_advertising"])
def test_no_stored_release_makes_a_childs_image_usable_for_advertising(
    photographer, image, child, adult, use
):
    """Even a release stored before this rule, naming the use, does not cover it."""
    # given
    for person, role in ((child, ReleaseRole.PARENT_OR_GUARDIAN), (adult, "self")):
        ModelRelease.objects.create(
            person=person,
            subject_id=person.subject_id,
            signer_name="Ana Lima",
            role=role,
            uses=[use, "portfolio"],
            text_version="2026-10",
            text_sha256="0" * 64,
        )
    # when
    gaps = release_gaps(image, now=timezone.now(), use=use)
    # then
    assert gaps == [child.pk]
    assert release_gaps(image, now=timezone.now()) == []
