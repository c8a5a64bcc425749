"""Model releases gate the public portfolio (IMG-01..03, KID-05, C-01)."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.test import Client
from django.utils import timezone

import pytest

from candid.galleries.exceptions import (
    AccessDenied,
    GalleryNotFound,
    PromotionRefused,
    ReleaseInvalid,
)
from candid.galleries.models import ModelRelease, PortfolioEntry
from candid.galleries.releases import (
    person_tag,
    portfolio_add,
    release_sign,
    release_withdraw,
)
from candid.galleries.services import image_upload

from .conftest import (
    assert_no_metadata,
    audit_events,
    jpeg_with_metadata,
    signed_in_browser,
)

TEXT = "I allow Cinetrum Studio to show these photographs in its portfolio."
REFUSAL = (
    "This image cannot go in the portfolio: not everyone shown in it has "
    "signed a release covering the portfolio."
)


@pytest.fixture
def ana(photographer, image):
    return person_tag(
        staff=photographer, image_ids=[image.pk], name="Ana Lima", minor=False
    )


@pytest.fixture
def child(photographer, image):
    return person_tag(
        staff=photographer, image_ids=[image.pk], name="Lia Lima", minor=True
    )


@pytest.fixture
def sign(photographer):
    def signed(person, *, role="self", uses=("portfolio",), **extra):
        return release_sign(
            staff=photographer,
            person_id=person.pk,
            signer_name="Ana Lima",
            role=role,
            uses=uses,
            text=TEXT,
            text_version="2026-11",
            **extra,
        )

    return signed


def test_release_records_signer_role_uses_and_the_text_signed(sign, ana):
    """IMG-03."""
    # when
    release = sign(ana, uses=["website", "portfolio"])
    # then
    stored = ModelRelease.objects.get()
    assert stored.signer_name == "Ana Lima"
    assert stored.role == "self"
    assert stored.uses == ["portfolio", "website"]
    assert stored.text_version == "2026-11"
    assert stored.text_sha256 == hashlib.sha256(TEXT.encode()).hexdigest()
    assert stored.person_id == ana.pk
    assert release.withdrawn_at is None


def test_signing_is_recorded_in_the_audit_log_without_names(sign, ana, photographer):
    # when
    sign(ana)
    # then
    (event,) = audit_events("release_signed")
    assert event.actor_id == str(photographer.pk)
    assert event.details == {
        "event": "release_signed",
        "role": "self",
        "uses": ["portfolio"],
    }
    assert "Ana" not in str(event.details)


def test_release_for_a_use_the_declaration_does_not_offer_is_refused(sign, ana):
    # when
    with pytest.raises(ReleaseInvalid) as refused:
        sign(ana, uses=["billboards"])
    # then
    assert str(refused.value) == (
        "Choose uses among: marketing, portfolio, social_media, website."
    )
    assert ModelRelease.objects.count() == 0


def test_a_childs_release_signed_by_the_child_is_refused(sign, child):
    """KID-05."""
    # when
    with pytest.raises(ReleaseInvalid) as refused:
        sign(child, role="self")
    # then
    assert str(refused.value) == (
        "A child's release must be signed by a parent or guardian."
    )
    assert ModelRelease.objects.count() == 0


def test_image_with_nobody_released_is_refused_for_the_portfolio(
    photographer, image, ana
):
    """C-01: no release, no promotional use."""
    # when
    with pytest.raises(PromotionRefused) as refused:
        portfolio_add(staff=photographer, image_id=image.pk)
    # then
    assert str(refused.value) == REFUSAL
    assert PortfolioEntry.objects.count() == 0


def test_image_with_nobody_identified_is_refused_for_the_portfolio(photographer, image):
    # when / then
    with pytest.raises(PromotionRefused):
        portfolio_add(staff=photographer, image_id=image.pk)
    assert PortfolioEntry.objects.count() == 0


def test_image_is_refused_while_one_of_two_people_has_no_release(
    photographer, image, sign, ana, child
):
    # given
    sign(ana)
    # when / then
    with pytest.raises(PromotionRefused):
        portfolio_add(staff=photographer, image_id=image.pk)
    assert PortfolioEntry.objects.count() == 0


def test_release_not_covering_the_portfolio_does_not_publish(
    photographer, image, sign, ana
):
    # given
    sign(ana, uses=["website"])
    # when / then
    with pytest.raises(PromotionRefused):
        portfolio_add(staff=photographer, image_id=image.pk)


def test_release_for_other_images_of_the_session_does_not_publish(
    photographer, gallery, image, sign, ana
):
    # given
    other = image_upload(
        staff=photographer, gallery_id=gallery.pk, src=jpeg_with_metadata()
    )
    sign(ana, image_ids=[other.pk])
    # when / then
    with pytest.raises(PromotionRefused):
        portfolio_add(staff=photographer, image_id=image.pk)


def test_expired_release_does_not_publish(photographer, image, sign, ana):
    # given
    signed_at = timezone.now() - dt.timedelta(days=10)
    sign(ana, now=signed_at, expires_at=signed_at + dt.timedelta(days=1))
    # when / then
    with pytest.raises(PromotionRefused):
        portfolio_add(staff=photographer, image_id=image.pk)


def test_image_joins_the_portfolio_when_everyone_shown_released_it(
    photographer, image, sign, ana, child
):
    """IMG-01, KID-05: the child's release comes from a parent."""
    # given
    sign(ana)
    sign(child, role="parent_or_guardian")
    # when
    entry = portfolio_add(staff=photographer, image_id=image.pk)
    # then
    assert PortfolioEntry.objects.get() == entry
    assert Client().get("/portfolio/").content.count(b"/image/") == 1


def test_staff_without_the_role_cannot_publish(staff_factory, image, sign, ana):
    # given
    sign(ana)
    clerk = staff_factory("view_galleryimage")
    # when / then
    with pytest.raises(AccessDenied):
        portfolio_add(staff=clerk, image_id=image.pk)
    assert PortfolioEntry.objects.count() == 0


def test_withdrawal_takes_the_image_out_of_the_portfolio_at_once(
    photographer, image, sign, ana, client_account
):
    """IMG-02."""
    # given
    release = sign(ana)
    entry = portfolio_add(staff=photographer, image_id=image.pk)
    url = f"/portfolio/{entry.pk}/image/"
    assert Client().get(url).status_code == 200
    # when
    release_withdraw(release_id=release.pk, by=client_account)
    # then
    assert PortfolioEntry.objects.count() == 0
    assert Client().get(url).status_code == 404
    assert b"/image/" not in Client().get("/portfolio/").content
    (event,) = audit_events("release_withdrawn")
    assert event.actor_id == str(client_account.pk)
    assert event.details == {"event": "release_withdrawn", "unpublished": 1}


def test_withdrawn_release_no_longer_allows_publishing(
    photographer, image, sign, ana, client_account
):
    # given
    release = sign(ana)
    release_withdraw(release_id=release.pk, by=client_account)
    # when / then
    with pytest.raises(PromotionRefused):
        portfolio_add(staff=photographer, image_id=image.pk)


def test_attacker_cannot_withdraw_someone_elses_release(sign, ana, other_client):
    # given
    release = sign(ana)
    # when / then
    with pytest.raises(GalleryNotFound):
        release_withdraw(release_id=release.pk, by=other_client)
    assert ModelRelease.objects.get().withdrawn_at is None


def test_portfolio_image_route_serves_no_gps_serial_or_original_name(
    photographer, image, sign, ana
):
    # given
    sign(ana)
    entry = portfolio_add(staff=photographer, image_id=image.pk)
    # when
    response = Client().get(f"/portfolio/{entry.pk}/image/")
    # then
    assert response.status_code == 200
    assert_no_metadata(response)


def test_client_withdraws_a_release_from_the_gallery_page(
    photographer, image, sign, ana, client_account
):
    """IMG-02: withdrawal is one click and unpublishes at once."""
    # given
    release = sign(ana)
    portfolio_add(staff=photographer, image_id=image.pk)
    browser = signed_in_browser(client_account.email)
    page = browser.get(f"/account/galleries/{image.gallery_id}/")
    assert (
        f"/account/galleries/releases/{release.pk}/withdraw/".encode() in page.content
    )
    # when
    response = browser.post(f"/account/galleries/releases/{release.pk}/withdraw/")
    # then
    assert response.status_code == 302
    assert ModelRelease.objects.get().withdrawn_at is not None
    assert PortfolioEntry.objects.count() == 0


def test_attacker_cannot_withdraw_through_the_page(sign, ana, other_client):
    # given
    release = sign(ana)
    browser = signed_in_browser(other_client.email)
    # when
    response = browser.post(f"/account/galleries/releases/{release.pk}/withdraw/")
    # then
    assert response.status_code == 404
    assert ModelRelease.objects.get().withdrawn_at is None


def test_photographer_tags_a_child_and_records_a_parents_release_through_the_pages(
    photographer, image
):
    # given
    browser = signed_in_browser(photographer.email)
    # when
    tagged = browser.post(
        f"/studio/galleries/images/{image.pk}/people/", {"name": "Lia", "minor": "on"}
    )
    person = image.people.get()
    signed = browser.post(
        f"/studio/galleries/people/{person.pk}/release/",
        {
            "signer_name": "Ana Lima",
            "role": "parent_or_guardian",
            "uses": ["portfolio"],
            "text_version": "2026-11",
            "text": TEXT,
        },
    )
    published = browser.post(f"/studio/galleries/images/{image.pk}/portfolio/")
    # then
    assert tagged.status_code == 302
    assert person.minor is True
    assert signed.status_code == 302
    assert ModelRelease.objects.get().role == "parent_or_guardian"
    assert published.status_code == 302
    assert PortfolioEntry.objects.count() == 1


def test_portfolio_button_says_why_an_unreleased_image_is_refused(photographer, image):
    # given
    browser = signed_in_browser(photographer.email)
    # when
    response = browser.post(f"/studio/galleries/images/{image.pk}/portfolio/")
    # then
    assert response.status_code == 409
    assert response.content.decode() == REFUSAL
    assert PortfolioEntry.objects.count() == 0


@pytest.mark.parametrize("caller", ["anonymous", "client", "staff"])
def test_release_pages_are_refused_without_the_photographer_role(
    image, client_account, staff_factory, caller
):
    # given
    emails = {"client": client_account.email, "staff": staff_factory().email}
    browser = Client() if caller == "anonymous" else signed_in_browser(emails[caller])
    # when
    tagged = browser.post(
        f"/studio/galleries/images/{image.pk}/people/", {"name": "Lia", "minor": "on"}
    )
    published = browser.post(f"/studio/galleries/images/{image.pk}/portfolio/")
    # then
    assert tagged.status_code == 404
    assert published.status_code == 404
    assert image.people.count() == 0
    assert PortfolioEntry.objects.count() == 0


def test_release_form_is_not_shown_to_a_client(ana, client_account):
    # given
    browser = signed_in_browser(client_account.email)
    # when
    response = browser.get(f"/studio/galleries/people/{ana.pk}/release/")
    # then
    assert response.status_code == 404
