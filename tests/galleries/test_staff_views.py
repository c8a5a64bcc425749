"""The studio's upload page and the Photographer role (IMG-06)."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.test import Client

import pytest

from candid.galleries.models import Gallery, GalleryImage

from .conftest import ORIGINAL_NAME, jpeg_with_metadata, signed_in_browser


def test_photographer_role_holds_the_gallery_permissions(db):
    # when
    codenames = set(
        Group.objects.get(name="Photographer")
        .permissions.filter(content_type__app_label="galleries")
        .values_list("codename", flat=True)
    )
    # then
    assert codenames == {
        "view_gallery",
        "add_gallery",
        "view_galleryimage",
        "add_galleryimage",
        "view_shownperson",
        "add_shownperson",
        "change_shownperson",
        "view_modelrelease",
        "add_modelrelease",
        "view_portfolioentry",
        "add_portfolioentry",
    }


def test_photographer_uploads_through_the_studio_page_and_the_name_is_not_kept(
    photographer, gallery
):
    # given
    browser = signed_in_browser(photographer.email)
    # when
    response = browser.post(
        f"/studio/galleries/{gallery.pk}/upload/", {"image": jpeg_with_metadata()}
    )
    # then
    assert response.status_code == 302
    image = GalleryImage.objects.get()
    assert ORIGINAL_NAME not in image.original_name
    assert ORIGINAL_NAME not in image.preview_name


@pytest.mark.parametrize("caller", ["anonymous", "client", "staff"])
def test_upload_page_is_refused_without_the_photographer_role(
    gallery, client_account, staff_factory, caller
):
    # given
    emails = {"client": client_account.email, "staff": staff_factory().email}
    browser = Client() if caller == "anonymous" else signed_in_browser(emails[caller])
    # when
    response = browser.post(
        f"/studio/galleries/{gallery.pk}/upload/", {"image": jpeg_with_metadata()}
    )
    # then
    assert response.status_code == 404
    assert GalleryImage.objects.count() == 0


def test_upload_of_a_non_image_is_refused_with_the_reason(photographer, gallery):
    # given
    browser = signed_in_browser(photographer.email)
    fake = jpeg_with_metadata()
    fake.seek(0)
    fake.truncate()
    fake.write(b"%PDF-1.4 not a photo")
    fake.seek(0)
    # when
    response = browser.post(f"/studio/galleries/{gallery.pk}/upload/", {"image": fake})
    # then
    assert response.status_code == 200
    assert b"The file is not a JPEG or PNG image." in response.content
    assert GalleryImage.objects.count() == 0


def test_photographer_opens_a_gallery_for_a_client_found_by_email(
    photographer, client_account
):
    # given
    browser = signed_in_browser(photographer.email)
    # when
    response = browser.post(
        "/studio/galleries/new/",
        {"client_email": "ANA@example.com", "title": "Family portraits"},
    )
    # then
    gallery = Gallery.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/studio/galleries/{gallery.pk}/upload/"
    assert gallery.client_id == client_account.pk


def test_new_gallery_for_an_unknown_address_is_refused(photographer):
    # given
    browser = signed_in_browser(photographer.email)
    # when
    response = browser.post(
        "/studio/galleries/new/",
        {"client_email": "nobody@example.com", "title": "Portraits"},
    )
    # then
    assert response.status_code == 200
    assert b"No client account has this address." in response.content
    assert Gallery.objects.count() == 0


def test_new_gallery_page_is_refused_to_staff_without_the_role(staff_factory):
    # given
    browser = signed_in_browser(staff_factory().email)
    # when
    response = browser.get("/studio/galleries/new/")
    # then
    assert response.status_code == 404
