"""Buyers, a shop manager, products with real files, and a local stand-in of Stripe."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import Client

import pytest
from PIL import Image

from candid.accounts.models import User
from candid.audit.models import AuditEvent
from candid.consent.purposes import gate_reset
from candid.shop.models import Order, Product, ProductFile
from candid.shop.services import order_checkout_start, payment_confirm
from candid.shop.standin import StripeStandIn

PASSWORD = "correct horse battery staple"
API_KEY = "sk_test_candid_standin"
WEBHOOK_SECRET = "whsec_candid_test_secret"
SITE = "https://studio.test"
NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
# A Lightroom Classic preset as Lightroom writes it (trimmed).
PRESET_XMP = b"""<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="Adobe XMP Core 7.0">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:crs="http://ns.adobe.com/camera-raw-settings/1.0/"
    crs:PresetType="Normal" crs:Version="15.0" crs:Exposure2012="+0.35"
    crs:Temperature="5600" crs:Vibrance="+12">
   <crs:Name><rdf:Alt><rdf:li xml:lang="x-default">Golden hour warm</rdf:li></rdf:Alt></crs:Name>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
"""
LRTEMPLATE = (
    b's = {\n\tid = "7F1A",\n\tinternalName = "Golden hour",\n'
    b"\tvalue = {\n\t\tsettings = { Exposure2012 = 0.35 },\n\t},\n\tversion = 0,\n}\n"
)


def jpeg_bytes(colour=(200, 120, 40), **save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (32, 24), colour).save(out, "JPEG", quality=90, **save)
    return out.getvalue()


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (16, 16), (10, 20, 30)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture(autouse=True)
def _fresh_gate_and_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CANDID_BASE_URL = SITE
    gate_reset()
    yield
    gate_reset()


@pytest.fixture
def standin(settings):
    """Run the stand-in of Stripe's API and point Candid's payments at it."""
    server = StripeStandIn(api_key=API_KEY, webhook_secret=WEBHOOK_SECRET).start()
    settings.CANDID_STRIPE_SECRET_KEY = API_KEY
    settings.CANDID_STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.CANDID_STRIPE_API_BASE = server.api_base
    yield server
    server.stop()


@pytest.fixture
def client_account(account_factory) -> User:
    return account_factory()


@pytest.fixture
def other_client(account_factory) -> User:
    return account_factory("bruno@example.com", full_name="Bruno Costa")


@pytest.fixture
def shop_manager(account_factory) -> User:
    staff = account_factory("sam@studio.example", full_name="Sam Till", is_staff=True)
    staff.groups.add(Group.objects.get(name="Shop manager"))
    return User.objects.get(pk=staff.pk)


@pytest.fixture
def product(db) -> Product:
    """Golden hour presets: an .xmp preset, an .lrtemplate preset and a sample JPEG."""
    product = Product.objects.create(
        slug="golden-hour",
        name="Golden hour presets",
        kind=Product.Kind.PRESETS,
        description="Warm evening tones.",
        price=Decimal("19.00"),
        currency="GBP",
    )
    for name, data in (
        ("golden-hour-warm.xmp", PRESET_XMP),
        ("golden-hour.lrtemplate", LRTEMPLATE),
        ("sample.jpg", jpeg_bytes()),
    ):
        product_file = ProductFile(product=product)
        product_file.file.save(name, ContentFile(data), save=True)
    return product


@pytest.fixture
def checkout(standin, product):
    """Place an order for a buyer (Portugal, EU) and return it and its session id."""

    def start(client: User, *, country: str = "PT", waive: bool = True, now=None):
        order, url = order_checkout_start(
            client=client,
            product_id=product.pk,
            buyer_name="Ana Lima",
            address="1 Rua Augusta\n1100-048 Lisbon",
            country=country,
            immediate_supply=waive,
            withdrawal_loss_acknowledged=waive,
            site_url=SITE,
            now=now,
        )
        return Order.objects.get(pk=order.pk), order.payment.checkout_session_id

    return start


@pytest.fixture
def paid_order(checkout, standin, client_account, django_capture_on_commit_callbacks):
    """An order Ana paid, confirmed by the provider: licence and links issued, mailed."""

    def make(*, country: str = "PT", waive: bool = True, client=None, now=None):
        order, session_id = checkout(
            client or client_account, country=country, waive=waive
        )
        standin.complete(session_id)
        with django_capture_on_commit_callbacks(execute=True):
            payment_confirm(checkout_session_id=session_id, source="webhook", now=now)
        return Order.objects.get(pk=order.pk)

    return make


def signed_in_browser(email: str) -> Client:
    browser = Client()
    response = browser.post("/account/sign-in/", {"email": email, "password": PASSWORD})
    assert response.status_code == 302
    return browser


def audit_events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("sequence"))


def webhook_post(browser: Client, payload: str, header: str):
    return browser.generic(
        "POST",
        "/shop/stripe/webhook/",
        payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=header,
    )
