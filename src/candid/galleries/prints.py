"""Print orders and their hand-off to the declared print vendor (IMG-05).

The vendor receives exactly the files of the order's lines, stripped of metadata
and under neutral names, plus the two delivery fields it needs; never the client's
e-mail, account or any other image. Each hand-off happens once, is recorded as a
PrintHandoff row and as a `data.disclosed` audit event naming the vendor and files.
Prints exist only where the declaration names `images.print_vendor_purpose` and a
processor serving that purpose (SO Captures: `print_orders`, `print_vendor`).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from candid.accounts.models import User
from candid.audit.entries import Actor
from candid.audit.events import DATA_DISCLOSED
from candid.audit.services import audit_record
from candid.consent.purposes import require_purpose
from candid.galleries import services
from candid.galleries.access import access_gallery_by_id_for_client
from candid.galleries.declared import images_declared
from candid.galleries.exceptions import GalleryError, GalleryNotFound, PrintsNotOffered
from candid.galleries.models import PrintHandoff, PrintOrder, PrintOrderLine
from candid.notices.selectors import declaration_active

SIZES = ("10x15", "13x18", "A4", "A3")
MAX_QUANTITY = 50


@dataclass(frozen=True)
class PrintFile:
    """One ordered file as the vendor receives it."""

    name: str
    content: bytes
    size: str
    quantity: int


@dataclass(frozen=True)
class PrintPackage:
    """Everything the vendor receives for one order, and nothing else."""

    vendor: str
    order_reference: str
    files: tuple[PrintFile, ...]
    delivery_name: str
    delivery_address: str


def print_vendor() -> tuple[str, str]:
    """Return the declared print purpose and the processor serving it."""
    declaration = declaration_active()
    purpose = images_declared().print_vendor_purpose
    if purpose is None:
        raise PrintsNotOffered
    for recipient in declaration.recipients:
        if purpose in recipient.purposes:
            return purpose, recipient.key
    raise PrintsNotOffered


@sensitive_variables("delivery_name", "delivery_address")
def print_order_place(
    *,
    client: User,
    gallery_id: uuid.UUID,
    lines: Iterable[tuple[uuid.UUID, str, int]],
    delivery_name: str,
    delivery_address: str,
) -> PrintOrder:
    """Place a client's print order of images from their own gallery."""
    purpose, _ = print_vendor()
    gallery = access_gallery_by_id_for_client(client=client, gallery_id=gallery_id)
    wanted = list(lines)
    images = {image.pk: image for image in gallery.images.all()}
    _check_lines(wanted, images)
    if not delivery_name.strip() or not delivery_address.strip():
        raise GalleryError("Give the name and address the prints go to.")
    require_purpose(gallery.subject_id, purpose)
    with transaction.atomic():
        order = PrintOrder.objects.create(
            gallery=gallery,
            client=client,
            subject_id=gallery.subject_id,
            delivery_name=delivery_name.strip(),
            delivery_address=delivery_address.strip(),
        )
        PrintOrderLine.objects.bulk_create(
            PrintOrderLine(order=order, image=images[i], size=s, quantity=q)
            for i, s, q in wanted
        )
    return order


def _check_lines(wanted: list, images: dict) -> None:
    if not wanted:
        raise GalleryError("Choose at least one image to print.")
    for image_id, size, quantity in wanted:
        if image_id not in images:
            raise GalleryNotFound
        if size not in SIZES or not 1 <= quantity <= MAX_QUANTITY:
            raise GalleryError(f"Sizes are {', '.join(SIZES)}; 1 to {MAX_QUANTITY}.")


def print_order_hand_off(
    *,
    order_id: uuid.UUID,
    send: Callable[[PrintPackage], None],
    now: dt.datetime | None = None,
) -> PrintHandoff:
    """Send an order to the print vendor once, with minimal data, and record it.

    `send` is the vendor integration (an API client or a drop folder). A second
    call returns the first hand-off and sends nothing.
    """
    now = now or timezone.now()
    purpose, vendor = print_vendor()
    with transaction.atomic():
        order = PrintOrder.objects.select_for_update().get(pk=order_id)
        if order.handed_off_at is not None:
            return order.handoff
        require_purpose(order.subject_id, purpose)
        package = _package(order, vendor)
        send(package)
        return _record_hand_off(order, vendor, purpose, now)


def _package(order: PrintOrder, vendor: str) -> PrintPackage:
    lines = list(order.lines.select_related("image"))
    files = tuple(
        PrintFile(
            name=f"{position:03d}.{'png' if line.image.content_type == 'image/png' else 'jpg'}",
            content=services.image_served_bytes(image=line.image, kind="original"),
            size=line.size,
            quantity=line.quantity,
        )
        for position, line in enumerate(lines, start=1)
    )
    return PrintPackage(
        vendor=vendor,
        order_reference=str(order.pk),
        files=files,
        delivery_name=order.delivery_name,
        delivery_address=order.delivery_address,
    )


def _record_hand_off(
    order: PrintOrder, vendor: str, purpose: str, now: dt.datetime
) -> PrintHandoff:
    image_ids = [str(line.image_id) for line in order.lines.all()]
    order.handed_off_at = now
    order.save(update_fields=["handed_off_at"])
    handoff = PrintHandoff.objects.create(
        order=order,
        subject_id=order.subject_id,
        vendor=vendor,
        image_ids=image_ids,
        at=now,
    )
    audit_record(
        action=DATA_DISCLOSED,
        actor=Actor.system("galleries.prints"),
        subject_id=order.subject_id,
        purpose=purpose,
        categories=["user.contact.address", "user.content.self_image", "user.name"],
        objects=[order],
        details={"event": "print_handed_off", "vendor": vendor, "images": image_ids},
        now=now,
    )
    return handoff
