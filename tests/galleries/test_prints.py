"""Print orders reach the declared print vendor with minimal data (IMG-05)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from candid.consent.purposes import gate_reset
from candid.galleries.exceptions import GalleryNotFound, PrintsNotOffered
from candid.galleries.models import PrintHandoff, PrintOrder
from candid.galleries.prints import print_order_hand_off, print_order_place
from candid.galleries.services import image_upload

from .conftest import (
    ORIGINAL_NAME,
    SERIAL,
    audit_events,
    jpeg_with_metadata,
    signed_in_browser,
)

POLICIES = Path(__file__).resolve().parents[2] / "policies"
ADDRESS = "1 Mill Lane\nBath BA1 1AA\nUnited Kingdom"


@pytest.fixture
def so_captures(settings, db):
    settings.CANDID_POLICY_FILE = POLICIES / "so-captures.yaml"
    gate_reset()


@pytest.fixture
def two_images(so_captures, photographer, gallery):
    first = image_upload(
        staff=photographer, gallery_id=gallery.pk, src=jpeg_with_metadata()
    )
    second = image_upload(
        staff=photographer, gallery_id=gallery.pk, src=jpeg_with_metadata()
    )
    return first, second


@pytest.fixture
def order(two_images, client_account, gallery) -> PrintOrder:
    first, _ = two_images
    return print_order_place(
        client=client_account,
        gallery_id=gallery.pk,
        lines=[(first.pk, "A4", 2)],
        delivery_name="Ana Lima",
        delivery_address=ADDRESS,
    )


def test_vendor_receives_only_the_ordered_file_and_the_delivery_fields(order):
    # given
    sent = []
    # when
    print_order_hand_off(order_id=order.pk, send=sent.append)
    # then
    (package,) = sent
    assert package.vendor == "print_vendor"
    assert package.order_reference == str(order.pk)
    assert package.delivery_name == "Ana Lima"
    assert package.delivery_address == ADDRESS
    assert [(f.name, f.size, f.quantity) for f in package.files] == [
        ("001.jpg", "A4", 2)
    ]
    assert set(vars(package)) == {
        "vendor",
        "order_reference",
        "files",
        "delivery_name",
        "delivery_address",
    }
    assert "ana@example.com" not in repr(package)


def test_files_sent_to_the_vendor_carry_no_gps_serial_or_original_name(order):
    # given
    sent = []
    # when
    print_order_hand_off(order_id=order.pk, send=sent.append)
    # then
    content = sent[0].files[0].content
    assert SERIAL.encode() not in content
    assert ORIGINAL_NAME.encode() not in content
    assert dict(Image.open(io.BytesIO(content)).getexif()) == {}


def test_each_hand_off_is_recorded_with_vendor_and_files(order, two_images):
    # when
    handoff = print_order_hand_off(order_id=order.pk, send=lambda package: None)
    # then
    first, _ = two_images
    assert PrintHandoff.objects.get() == handoff
    assert handoff.vendor == "print_vendor"
    assert handoff.image_ids == [str(first.pk)]
    (event,) = audit_events("print_handed_off")
    assert event.purpose == "print_orders"
    assert event.details == {
        "event": "print_handed_off",
        "vendor": "print_vendor",
        "images": [str(first.pk)],
    }


def test_an_order_is_handed_off_only_once(order):
    # given
    sent = []
    first = print_order_hand_off(order_id=order.pk, send=sent.append)
    # when
    second = print_order_hand_off(order_id=order.pk, send=sent.append)
    # then
    assert second == first
    assert len(sent) == 1
    assert len(audit_events("print_handed_off")) == 1


def test_a_failed_send_records_nothing(order):
    # given
    def broken(package):
        raise ConnectionError("vendor down")

    # when
    with pytest.raises(ConnectionError):
        print_order_hand_off(order_id=order.pk, send=broken)
    # then
    assert PrintHandoff.objects.count() == 0
    assert PrintOrder.objects.get().handed_off_at is None


def test_attacker_cannot_order_prints_of_another_clients_images(
    two_images, other_client, gallery
):
    # when / then
    with pytest.raises(GalleryNotFound):
        print_order_place(
            client=other_client,
            gallery_id=gallery.pk,
            lines=[(two_images[0].pk, "A4", 1)],
            delivery_name="Bruno Costa",
            delivery_address=ADDRESS,
        )
    assert PrintOrder.objects.count() == 0


def test_prints_are_refused_where_no_print_vendor_is_declared(
    image, client_account, gallery
):
    # when
    with pytest.raises(PrintsNotOffered) as refused:
        print_order_place(
            client=client_account,
            gallery_id=gallery.pk,
            lines=[(image.pk, "A4", 1)],
            delivery_name="Ana Lima",
            delivery_address=ADDRESS,
        )
    # then
    assert str(refused.value) == "The studio does not offer print orders."
    assert PrintOrder.objects.count() == 0


def test_client_orders_prints_from_the_print_page(two_images, client_account):
    # given
    first, _ = two_images
    browser = signed_in_browser(client_account.email)
    # when
    response = browser.post(
        f"/account/galleries/images/{first.pk}/prints/",
        {
            "image": str(first.pk),
            "size": "A4",
            "quantity": "2",
            "delivery_name": "Ana Lima",
            "delivery_address": ADDRESS,
        },
    )
    # then
    assert response.status_code == 302
    order = PrintOrder.objects.get()
    assert [
        (line.image_id, line.size, line.quantity) for line in order.lines.all()
    ] == [(first.pk, "A4", 2)]


def test_print_page_is_absent_where_no_print_vendor_is_declared(image, client_account):
    # given
    browser = signed_in_browser(client_account.email)
    # when
    response = browser.get(f"/account/galleries/images/{image.pk}/prints/")
    # then
    assert response.status_code == 404
