"""The client's galleries at /account/galleries/, and the metadata on every route."""

from __future__ import annotations

from django.test import Client

import pytest

from candid.galleries.models import Gallery

from .conftest import (
    ORIGINAL_NAME,
    assert_no_metadata,
    audit_events,
    signed_in_browser,
)


def test_client_sees_their_gallery_through_their_account(image, client_account):
    # given
    browser = signed_in_browser(client_account.email)
    # when
    response = browser.get("/account/galleries/")
    # then
    assert response.status_code == 200
    assert b"Family portraits" in response.content
    assert response["X-Robots-Tag"] == "noindex, nofollow, noarchive"


def test_client_gallery_page_shows_the_previews(image, client_account):
    # given
    browser = signed_in_browser(client_account.email)
    # when
    response = browser.get(f"/account/galleries/{image.gallery_id}/")
    # then
    assert response.status_code == 200
    assert f"/account/galleries/images/{image.pk}/preview/".encode() in response.content
    assert b'<meta name="robots" content="noindex, nofollow">' in response.content
    assert ORIGINAL_NAME.encode() not in response.content


def test_attacker_with_an_account_cannot_open_another_clients_gallery(
    image, other_client
):
    # given
    browser = signed_in_browser(other_client.email)
    # when
    page = browser.get(f"/account/galleries/{image.gallery_id}/")
    preview = browser.get(f"/account/galleries/images/{image.pk}/preview/")
    # then
    assert page.status_code == 404
    assert preview.status_code == 404


def test_anonymous_visitor_is_sent_to_sign_in(image):
    # when
    response = Client().get(f"/account/galleries/images/{image.pk}/preview/")
    # then
    assert response.status_code == 302
    assert response["Location"].startswith("/account/sign-in/")


def test_expired_gallery_is_no_longer_served(image, client_account):
    # given
    Gallery.objects.filter(pk=image.gallery_id).update(
        expires_at=image.gallery.delivered_at
    )
    browser = signed_in_browser(client_account.email)
    # when
    response = browser.get(f"/account/galleries/images/{image.pk}/original/")
    # then
    assert response.status_code == 404


@pytest.mark.parametrize("kind", ["preview", "original"])
def test_client_image_routes_serve_no_gps_serial_or_original_name(
    image, client_account, kind
):
    """IMG-04: the client's own preview and download are stripped."""
    # given
    browser = signed_in_browser(client_account.email)
    # when
    response = browser.get(f"/account/galleries/images/{image.pk}/{kind}/")
    # then
    assert response.status_code == 200
    assert_no_metadata(response)
    disposition = "attachment" if kind == "original" else "inline"
    assert response["Content-Disposition"] == f'{disposition}; filename="photo.jpg"'


@pytest.mark.parametrize("kind", ["preview", "original"])
def test_staff_image_route_serves_no_gps_serial_or_original_name(
    image, photographer, kind
):
    # given
    browser = signed_in_browser(photographer.email)
    # when
    response = browser.get(f"/studio/galleries/images/{image.pk}/{kind}/")
    # then
    assert response.status_code == 200
    assert_no_metadata(response)


def test_every_staff_view_of_a_clients_image_is_audited(image, photographer):
    """IMG-06, SEC-07."""
    # given
    browser = signed_in_browser(photographer.email)
    # when
    browser.get(f"/studio/galleries/images/{image.pk}/preview/")
    # then
    (event,) = audit_events("image_viewed")
    assert event.actor_id == str(photographer.pk)
    assert event.details == {"event": "image_viewed", "kind": "preview"}


@pytest.mark.parametrize(
    ("caller", "status"),
    [("anonymous", 404), ("client", 404), ("staff", 404), ("photographer", 200)],
)
def test_staff_image_gate_admits_only_the_photographer_role(
    image, client_account, staff_factory, photographer, caller, status
):
    # given
    emails = {
        "client": client_account.email,
        "staff": staff_factory().email,
        "photographer": photographer.email,
    }
    browser = Client() if caller == "anonymous" else signed_in_browser(emails[caller])
    # when
    response = browser.get(f"/studio/galleries/images/{image.pk}/preview/")
    # then
    assert response.status_code == status
    assert len(audit_events("image_viewed")) == (1 if status == 200 else 0)
