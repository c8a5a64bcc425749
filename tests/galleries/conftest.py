"""Clients, a photographer, galleries and a JPEG full of metadata for the tests."""

from __future__ import annotations

import io

from django.contrib.auth.models import Group
from django.test import Client

import pytest
from PIL import Image

from candid.accounts.models import User
from candid.audit.models import AuditEvent
from candid.consent.purposes import gate_reset
from candid.galleries.models import Gallery, GalleryImage
from candid.galleries.services import gallery_create, image_upload

PASSWORD = "correct horse battery staple"
# Three things that must never leave the studio (IMG-04).
SERIAL = "SN-CAM-0042424242"
ORIGINAL_NAME = "ana-lima-wedding-IMG_4711.jpg"
GPS_LATITUDE = (51.0, 22.0, 50.17)


@pytest.fixture(autouse=True)
def _fresh_gate_and_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    gate_reset()
    yield
    gate_reset()


@pytest.fixture
def client_account(account_factory) -> User:
    return account_factory()


@pytest.fixture
def other_client(account_factory) -> User:
    return account_factory("bruno@example.com", full_name="Bruno Costa")


@pytest.fixture
def photographer(account_factory) -> User:
    staff = account_factory("pat@studio.example", full_name="Pat Lens", is_staff=True)
    staff.groups.add(Group.objects.get(name="Photographer"))
    return User.objects.get(pk=staff.pk)


def jpeg_with_metadata() -> io.BytesIO:
    """Return a JPEG carrying GPS, a camera serial and its original file name."""
    image = Image.new("RGB", (64, 48), (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "Canon"
    exif[0x010E] = ORIGINAL_NAME  # ImageDescription
    exif.get_ifd(0x8769)[0xA431] = SERIAL  # BodySerialNumber
    exif.get_ifd(0x8825).update({1: "N", 2: GPS_LATITUDE, 3: "W", 4: GPS_LATITUDE})
    xmp = f'<x:xmpmeta xmlns:x="adobe:ns:meta/">{ORIGINAL_NAME} {SERIAL}</x:xmpmeta>'
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, xmp=xmp.encode(), comment=ORIGINAL_NAME)
    out.seek(0)
    out.name = ORIGINAL_NAME
    return out


@pytest.fixture
def gallery(photographer, client_account) -> Gallery:
    return gallery_create(
        staff=photographer, client=client_account, title="Family portraits"
    )


@pytest.fixture
def image(photographer, gallery) -> GalleryImage:
    return image_upload(
        staff=photographer, gallery_id=gallery.pk, src=jpeg_with_metadata()
    )


def signed_in_browser(email: str) -> Client:
    """Return a browser signed in through the sign-in page."""
    browser = Client()
    response = browser.post("/account/sign-in/", {"email": email, "password": PASSWORD})
    assert response.status_code == 302
    return browser


def assert_no_metadata(response) -> None:
    """Assert the served image holds no GPS, serial or original file name."""
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    headers = str(dict(response.headers)).encode()
    for secret in (SERIAL.encode(), ORIGINAL_NAME.encode(), b"IMG_4711"):
        assert secret not in body
        assert secret not in headers
    served = Image.open(io.BytesIO(body))
    assert dict(served.getexif()) == {}
    assert served.getexif().get_ifd(0x8825) == {}
    assert b"Exif\x00\x00" not in body
    assert b"xmpmeta" not in body
    assert "xmp" not in served.info
    assert "comment" not in served.info


def audit_events(name: str) -> list[AuditEvent]:
    """Return the audit events whose details name the galleries event `name`."""
    return [
        event
        for event in AuditEvent.objects.order_by("sequence")
        if event.details.get("event") == name
    ]
