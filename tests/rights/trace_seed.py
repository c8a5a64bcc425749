"""A client with data in every app, for the erasure tests: what to seed and to look for.

`client_everywhere` makes one client (Anastasia Tracewell) with an account, an
address, a signed-in session, a booking with notes, a gallery with two encrypted
image files, a share link and its access log, a person shown with a signed release,
a print order, a marketing consent, an objection and a restriction, and, when the
shop is installed, an order with its licence and payment. Every personal value is
one of the NEEDLES, so a search of the databases and files can tell if any is left.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal

from django.apps import apps
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from PIL import Image

from candid.accounts.models import Address, User
from candid.consent.models import Mechanism, Surface
from candid.consent.rights import objection_record, restriction_start
from candid.consent.services import consent_grant
from candid.galleries.models import (
    Gallery,
    GalleryImage,
    ModelRelease,
    PrintOrder,
    PrintOrderLine,
    ShareLink,
    ShareLinkAccess,
    ShownPerson,
)
from candid.galleries.services import gallery_create, image_upload

EMAIL = "anastasia.tracewell@example.com"
NAME = "Anastasia Tracewell"
PHONE = "+44 20 7946 0999"
STREET = "17 Tracewell Lane"
CITY = "Bathwick"
POSTCODE = "BA9 9ZZ"
NOTES = "Tracewell family, bring the blue step stool"
IP = "203.0.113.77"
NEEDLES = (
    EMAIL,
    NAME,
    "Tracewell",
    "tracewell",
    PHONE,
    "7946 0999",
    STREET,
    POSTCODE,
    IP,
)
PASSWORD = "correct horse battery staple"


@dataclass
class Seeded:
    user: User
    gallery: Gallery
    images: list[GalleryImage]
    browser: Client
    files: list[str]


def _jpeg() -> io.BytesIO:
    out = io.BytesIO()
    Image.new("RGB", (32, 24), (10, 120, 200)).save(out, "JPEG")
    out.seek(0)
    return out


def client_everywhere(account_factory, email: str = EMAIL) -> Seeded:
    """Make the client and their data in every app; return what tests need.

    Called again with another address, it makes a second client with the same rows.
    """
    user = account_factory(email, full_name=NAME)
    user.phone = PHONE
    user.save(update_fields=["phone"])
    Address.objects.create(
        user=user,
        subject_id=user.subject_id,
        recipient=NAME,
        lines=STREET,
        city=CITY,
        postal_code=POSTCODE,
        country="GB",
    )
    browser = Client()
    signed_in = browser.post(
        "/account/sign-in/", {"email": email, "password": PASSWORD}
    )
    assert signed_in.status_code == 302  # noqa: S101
    consent_grant(
        subject_id=user.subject_id,
        purpose="marketing_email",
        surface=Surface.PRIVACY_CENTRE,
        mechanism=Mechanism.TOGGLE,
        text="Send me news",
    )
    objection_record(subject_id=user.subject_id, purpose="fraud_prevention")
    _booking(user)
    gallery, images = _galleries(user, account_factory)
    files = [
        name for image in images for name in (image.original_name, image.preview_name)
    ]
    if apps.is_installed("candid.shop"):
        _shop(user)
    restriction_start(
        subject_id=user.subject_id, categories=["user.contact.phone_number"]
    )
    return Seeded(
        user=User.objects.get(pk=user.pk),
        gallery=gallery,
        images=images,
        browser=browser,
        files=files,
    )


def _booking(user: User) -> None:
    from candid.bookings.models import Booking, SessionType

    kind, _ = SessionType.objects.get_or_create(
        name="Portrait",
        defaults={
            "duration": dt.timedelta(minutes=90),
            "price": Decimal("120.00"),
            "places": "Studio",
        },
    )
    Booking.objects.create(
        client=user,
        subject_id=user.subject_id,
        session_type=kind,
        starts_at=timezone.now() + dt.timedelta(days=30),
        place="Studio",
        notes=NOTES,
        price=Decimal("120.00"),
        currency="GBP",
    )


def _photographer(account_factory) -> User:
    found = User.objects.filter(is_staff=True, groups__name="Photographer").first()
    if found is not None:
        return found
    staff = account_factory("pat@studio.example", full_name="Pat Lens", is_staff=True)
    staff.groups.add(Group.objects.get(name="Photographer"))
    return User.objects.get(pk=staff.pk)


def _galleries(user: User, account_factory) -> tuple[Gallery, list[GalleryImage]]:
    staff = _photographer(account_factory)
    gallery = gallery_create(staff=staff, client=user, title="Family portraits")
    images = [
        image_upload(staff=staff, gallery_id=gallery.pk, src=_jpeg()) for _ in "ab"
    ]
    link = ShareLink.objects.create(
        gallery=gallery,
        subject_id=user.subject_id,
        recipient_label=f"{NAME}'s mother",
        token_hash=user.subject_id.hex * 2,
        password_hash="!",
        expires_at=timezone.now() + dt.timedelta(days=7),
    )
    ShareLinkAccess.objects.create(
        link=link, subject_id=user.subject_id, network=IP, outcome="opened"
    )
    person = ShownPerson.objects.create(
        gallery=gallery, subject_id=user.subject_id, name=NAME, minor=False
    )
    person.images.set(images)
    release = ModelRelease.objects.create(
        person=person,
        subject_id=user.subject_id,
        signer_name=NAME,
        role="self",
        uses=["portfolio"],
        text_version="1",
        text_sha256="0" * 64,
    )
    release.images.set(images)
    order = PrintOrder.objects.create(
        gallery=gallery,
        client=user,
        subject_id=user.subject_id,
        delivery_name=NAME,
        delivery_address=f"{STREET}, {CITY} {POSTCODE}",
    )
    PrintOrderLine.objects.create(order=order, image=images[0], size="A4", quantity=1)
    return gallery, images


def _shop(user: User) -> None:
    Product = apps.get_model("shop", "Product")
    Order = apps.get_model("shop", "Order")
    Payment = apps.get_model("shop", "Payment")
    product, _ = Product.objects.get_or_create(
        slug="presets",
        defaults={
            "name": "Lightroom presets",
            "kind": Product.Kind.choices[0][0],
            "price": Decimal("19.00"),
        },
    )
    order = Order.objects.create(
        client=user,
        subject_id=user.subject_id,
        product=product,
        product_name="Lightroom presets",
        buyer_name=NAME,
        address=f"{STREET}, {CITY} {POSTCODE}",
        country="GB",
        price=Decimal("19.00"),
        currency="GBP",
        policy_version="1",
    )
    Payment.objects.create(
        subject_id=user.subject_id,
        order=order,
        amount=Decimal("19.00"),
        currency="GBP",
        checkout_session_id=f"cs_test_{user.pk.hex}",
        card_brand="visa",
        card_last4="4242",
    )
