"""Download links and downloads: per buyer, expiring, token hashed at rest, recorded.

A link's token (256 random bits) lives only in its URL; the database keeps its
SHA-256. A link works for the declared `download_link_lifetime` after it was
issued, while its licence stands; the signed-in buyer may ask for a fresh one on
the order page. Every download is recorded (time, truncated network) and audited,
and the file the buyer receives carries their licence id (`candid.shop.stamping`).
The first download makes the purchase final (see `candid.shop.rules`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import secrets
import uuid
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from candid.accounts.models import User
from candid.consent.purposes import require_purpose
from candid.shop import events
from candid.shop.declared import PURPOSE, digital_products
from candid.shop.exceptions import DownloadHeld, DownloadNotFound, OrderNotFound
from candid.shop.models import (
    Download,
    DownloadLink,
    Licence,
    Order,
    OrderStatus,
    ProductFile,
)
from candid.shop.rules import download_held
from candid.shop.stamping import stamp

TOKEN_BYTES = 32
CONTENT_TYPES = {
    "jpeg": "image/jpeg",
    "png": "image/png",
    "xmp_preset": "application/octet-stream",
    "lrtemplate_preset": "application/octet-stream",
}


@dataclass(frozen=True)
class Delivery:
    """A file ready to send: its name, content type and stamped bytes."""

    name: str
    content_type: str
    body: bytes
    made_final: bool


def token_hash(unverified_token: str) -> str:
    """Return the stored form of a link token: its SHA-256, hex."""
    return hashlib.sha256(unverified_token.encode()).hexdigest()


def download_link_create(
    *, licence: Licence, product_file: ProductFile, now: dt.datetime
) -> tuple[DownloadLink, str]:
    """Create a link to one file for the licence's buyer; return it and its token."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    link = DownloadLink.objects.create(
        licence=licence,
        product_file=product_file,
        subject_id=licence.subject_id,
        token_hash=token_hash(token),
        created_at=now,
        expires_at=digital_products().download_link_lifetime.after(now),
    )
    return link, token


def download_link_issue(
    *,
    client: User,
    order_id: uuid.UUID,
    file_id: uuid.UUID,
    now: dt.datetime | None = None,
) -> tuple[DownloadLink, str]:
    """Give the buyer a fresh link to a file of their paid order; return it and token."""
    now = now or timezone.now()
    order = (
        Order.objects.filter(pk=order_id, client=client, status=OrderStatus.PAID)
        .select_related("licence")
        .first()
    )
    if order is None or not order.licence.is_active:
        raise OrderNotFound
    product_file = ProductFile.objects.filter(
        pk=file_id, product=order.product_id
    ).first()
    if product_file is None:
        raise OrderNotFound
    with transaction.atomic():
        link, token = download_link_create(
            licence=order.licence, product_file=product_file, now=now
        )
        events.download_link_issued(link=link, client_id=client.pk)
    return link, token


def download_link_open(
    *, unverified_token: str, now: dt.datetime | None = None
) -> DownloadLink:
    """Return the link a token opens, or DownloadNotFound if it no longer works.

    Unknown, expired and revoked links, links of a revoked licence and of an order
    that is not paid all look alike.
    """
    now = now or timezone.now()
    link = (
        DownloadLink.objects.select_related("licence__order", "product_file")
        .filter(token_hash=token_hash(unverified_token))
        .first()
    )
    if link is None or not link.is_usable_at(now):
        raise DownloadNotFound
    if not link.licence.is_active or link.licence.order.status != OrderStatus.PAID:
        raise DownloadNotFound
    return link


def download_deliver(
    *, unverified_token: str, address: str, now: dt.datetime | None = None
) -> Delivery:
    """Deliver the file a link opens, stamped with the licence id; record the download.

    Held (DownloadHeld) while the buyer's unwaived right of withdrawal runs
    (COM-01). The first download of the order makes the purchase final.
    """
    now = now or timezone.now()
    link = download_link_open(unverified_token=unverified_token, now=now)
    order = link.licence.order
    if download_held(order, digital_products(), now):
        raise DownloadHeld
    require_purpose(order.subject_id, PURPOSE)
    body = _stamped(link, order)
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        link = download_link_open(unverified_token=unverified_token, now=now)
        first = order.first_downloaded_at is None
        if first:
            order.first_downloaded_at = now
            order.save(update_fields=["first_downloaded_at"])
        download = Download.objects.create(
            link=link, subject_id=link.subject_id, at=now, network=network_of(address)
        )
        events.file_downloaded(download=download, order=order, first=first)
    return Delivery(
        name=link.product_file.download_name,
        content_type=CONTENT_TYPES[link.product_file.kind],
        body=body,
        made_final=first,
    )


def _stamped(link: DownloadLink, order: Order) -> bytes:
    product_file = link.product_file
    with product_file.file.open("rb") as source:
        data = source.read()
    terms = (
        f"Personal-use licence {link.licence_id}, order {order.number}. "
        + " ".join(order.licence_terms)
    )
    return stamp(
        data, kind=product_file.kind, licence_id=str(link.licence_id), terms=terms
    )


def network_of(address: str) -> str:
    """Return the network of an address (IPv4 /24, IPv6 /48), never the address."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return ""
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False).network_address)
