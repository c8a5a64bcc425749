"""Galleries and uploads: encrypted originals, stripped watermarked previews."""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.storage import default_storage

import pytest
from PIL import Image

from candid.galleries.exceptions import AccessDenied, ImageRejected
from candid.galleries.models import Gallery, GalleryImage
from candid.galleries.services import gallery_create, image_plaintext, image_upload

from .conftest import ORIGINAL_NAME, SERIAL, audit_events, jpeg_with_metadata

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


def test_gallery_stays_online_for_the_declared_gallery_lifetime(
    photographer, client_account
):
    # when
    gallery = gallery_create(
        staff=photographer, client=client_account, title="Portraits", now=NOW
    )
    # then
    assert gallery.delivered_at == NOW
    assert gallery.expires_at == dt.datetime(2027, 11, 23, 9, 0, tzinfo=dt.UTC)
    assert gallery.subject_id == client_account.subject_id


def test_staff_without_the_photographer_role_cannot_open_a_gallery(
    staff_factory, client_account
):
    # given
    clerk = staff_factory()
    # when / then
    with pytest.raises(AccessDenied):
        gallery_create(staff=clerk, client=client_account, title="Portraits")
    assert Gallery.objects.count() == 0


def test_original_is_stored_encrypted_under_the_clients_key_with_a_random_name(image):
    """SEC-04, IMG-07: nothing readable of the image is at rest."""
    # when
    with default_storage.open(image.original_name, "rb") as stored:
        at_rest = stored.read()
    # then
    assert at_rest.startswith(b"CNDV")
    assert b"\xff\xd8\xff" not in at_rest
    assert SERIAL.encode() not in at_rest
    assert "IMG_4711" not in image.original_name
    assert "IMG_4711" not in image.preview_name
    assert image.original_name.startswith(f"galleries/{image.gallery_id}/")
    assert image.original_name.endswith(".bin")


def test_original_decrypts_to_the_uploaded_bytes(image):
    # when
    plaintext = b"".join(image_plaintext(image=image, kind="original"))
    # then
    assert plaintext == jpeg_with_metadata().getvalue()


def test_preview_is_stored_without_metadata_and_downsized(image):
    """IMG-04: the preview is made from pixels alone."""
    # when
    preview = b"".join(image_plaintext(image=image, kind="preview"))
    # then
    opened = Image.open(io.BytesIO(preview))
    assert opened.format == "JPEG"
    assert dict(opened.getexif()) == {}
    assert SERIAL.encode() not in preview
    assert ORIGINAL_NAME.encode() not in preview


def test_preview_is_watermarked(image):
    # given
    upload = Image.open(jpeg_with_metadata()).convert("RGB")
    # when
    preview = Image.open(
        io.BytesIO(b"".join(image_plaintext(image=image, kind="preview")))
    ).convert("RGB")
    # then
    assert preview.size == upload.size
    differing = sum(
        1
        for a, b in zip(preview.tobytes(), upload.tobytes(), strict=True)
        if abs(a - b) > 60
    )
    assert differing > 20


def test_upload_is_recorded_in_the_audit_log(image, photographer):
    # when
    (event,) = audit_events("image_uploaded")
    # then
    assert event.actor_id == str(photographer.pk)
    assert str(event.subject_id) == str(image.subject_id)
    assert event.categories == ["user.content.self_image"]


def test_a_file_that_is_not_an_image_is_refused_and_nothing_is_stored(
    photographer, gallery, tmp_path
):
    # when
    with pytest.raises(ImageRejected) as refused:
        image_upload(
            staff=photographer, gallery_id=gallery.pk, src=io.BytesIO(b"%PDF-1.4")
        )
    # then
    assert str(refused.value) == "The file is not a JPEG or PNG image."
    assert GalleryImage.objects.count() == 0
    assert not (tmp_path / "media").exists()


def test_staff_without_the_role_cannot_upload(staff_factory, gallery):
    # given
    clerk = staff_factory("view_gallery")
    # when / then
    with pytest.raises(AccessDenied):
        image_upload(staff=clerk, gallery_id=gallery.pk, src=jpeg_with_metadata())
    assert GalleryImage.objects.count() == 0
