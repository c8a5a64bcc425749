"""A client's journey through the site in a real browser: book, buy, download, share.

The payment provider is the local stand-in of Stripe's API (candid.shop.standin):
its hosted page's "Pay" completes the checkout and delivers the signed webhook to
the live server, as Stripe would.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone

import pytest
from PIL import Image

from candid.bookings.models import Booking, SessionType
from candid.consent.purposes import gate_reset
from candid.galleries.services import gallery_create, image_upload
from candid.shop.models import Download, Order, OrderStatus, Product, ProductFile
from candid.shop.standin import StripeStandIn

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "ana@example.com"
PASSWORD = "correct horse battery staple"
SHARE_PASSWORD = "for grandma only"
API_KEY = "sk_test_journey"
WEBHOOK_SECRET = "whsec_journey"


def jpeg(colour) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(out, "JPEG", quality=90)
    return out.getvalue()


@pytest.fixture
def studio(settings, tmp_path, live_server, account_factory, staff_factory):
    """A studio with a session type, a product, Ana's gallery and a Stripe stand-in."""
    settings.MEDIA_ROOT = tmp_path / "media"
    gate_reset()
    standin = StripeStandIn(
        api_key=API_KEY,
        webhook_secret=WEBHOOK_SECRET,
        webhook_url=f"{live_server.url}/shop/stripe/webhook/",
    ).start()
    settings.CANDID_STRIPE_SECRET_KEY = API_KEY
    settings.CANDID_STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.CANDID_STRIPE_API_BASE = standin.api_base
    client = account_factory(EMAIL)
    SessionType.objects.create(
        name="Portrait",
        duration=dt.timedelta(hours=1),
        price=Decimal("150.00"),
        currency="EUR",
        places="Studio, 1 Mill Lane, Bath\nOutdoors, Royal Victoria Park",
    )
    product = Product.objects.create(
        slug="golden-hour",
        name="Golden hour presets",
        kind=Product.Kind.PRESETS,
        price=Decimal("19.00"),
        currency="EUR",
    )
    ProductFile(product=product).file.save(
        "sample.jpg", ContentFile(jpeg((230, 160, 80))), save=True
    )
    # A role of its own: a transactional test's flush removes the migrations' groups.
    photographer = staff_factory(
        "view_gallery",
        "add_gallery",
        "view_galleryimage",
        "add_galleryimage",
        email="pat@studio.example",
    )
    gallery = gallery_create(
        staff=photographer, client=client, title="Family portraits"
    )
    image_upload(
        staff=photographer, gallery_id=gallery.pk, src=io.BytesIO(jpeg((20, 90, 160)))
    )
    yield standin
    standin.stop()
    gate_reset()


def dismiss_cookie_banner(page) -> None:
    banner = page.locator("#cookie-banner")
    if banner.count() and banner.is_visible():
        banner.get_by_role("button", name="Reject all").click()
        banner.wait_for(state="hidden")


def sign_in(visitor):
    page = visitor.visit("/account/sign-in/")
    dismiss_cookie_banner(page)
    page.get_by_label("E-mail address").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/account/")
    return page


def book_a_session(visitor) -> None:
    page = visitor.visit("/bookings/book/")
    when = timezone.localtime(timezone.now() + dt.timedelta(days=10))
    page.get_by_label("Date and time").fill(when.strftime("%Y-%m-%dT14:00"))
    page.get_by_label("Place").select_option("Studio, 1 Mill Lane, Bath")
    page.get_by_role("button", name="Book").click()
    page.get_by_text("Your session is booked").wait_for()


def buy_the_presets(visitor) -> None:
    page = visitor.visit("/shop/")
    page.get_by_role("link", name="Golden hour presets").click()
    page.get_by_text("You may not resell, redistribute or share presets").wait_for()
    page.get_by_role("link", name="Buy").click()
    page.get_by_label("Full name").fill("Ana Lima")
    page.get_by_label("Billing address").fill("1 Rua Augusta, Lisbon")
    page.get_by_label("Country").select_option("PT")
    page.get_by_label("I ask for the download to be available immediately").check()
    page.get_by_label("I acknowledge that I lose my right of withdrawal").check()
    page.get_by_role("button", name="Continue to payment").click()
    # the provider's hosted page (the stand-in): no card field reaches Candid
    page.get_by_role("heading", name="Test checkout").wait_for()
    page.get_by_role("button", name="Pay").click()
    page.wait_for_url(re.compile(r".*/shop/orders/[0-9a-f-]+/$"))


def download_the_sample(visitor) -> bytes:
    page = visitor.page
    page.get_by_role("button", name="Download sample.jpg").click()
    page.get_by_text("Once you download, the purchase is final").wait_for()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download", exact=True).click()
    return Path(info.value.path()).read_bytes()


def test_a_client_books_buys_downloads_and_shares_a_gallery(studio, visitor_factory):
    ana = visitor_factory()
    sign_in(ana)

    # book a session
    book_a_session(ana)
    assert Booking.objects.get().place == "Studio, 1 Mill Lane, Bath"

    # buy the presets: checkout through the stand-in, webhook delivered
    buy_the_presets(ana)
    order = Order.objects.get()
    assert order.status == OrderStatus.PAID
    assert ana.page.locator("#licence-key").inner_text() == order.licence.key

    # download: the file carries Ana's licence id
    body = download_the_sample(ana)
    xmp = Image.open(io.BytesIO(body)).info["xmp"].decode()
    assert f"<candid:LicenceId>{order.licence.id}</candid:LicenceId>" in xmp
    assert Download.objects.count() == 1
    assert Order.objects.get().first_downloaded_at is not None

    # the gallery the studio uploaded, shared with a password
    page = ana.visit("/account/galleries/")
    page.get_by_role("link", name="Family portraits").click()
    page.get_by_label("Who is this link for?").fill("Grandma")
    page.get_by_label("Password for this link").fill(SHARE_PASSWORD)
    page.get_by_role("button", name="Create a link").click()
    address = page.locator("code.share-address").inner_text()

    # the recipient opens it with the password
    grandma = visitor_factory()
    shared = grandma.visit(address.removeprefix(grandma.base_url))
    dismiss_cookie_banner(shared)
    shared.get_by_label("Password").fill(SHARE_PASSWORD)
    shared.get_by_role("button", name="Open").click()
    shared.get_by_role("heading", name="Family portraits").wait_for()
    assert shared.locator("ul.images img").count() == 1

    # Ana revokes it, and it stops working for the recipient at once
    page = ana.visit("/account/galleries/")
    page.get_by_role("link", name="Family portraits").click()
    page.get_by_role("button", name="Revoke").click()
    page.get_by_text("(revoked)").wait_for()
    response = grandma.page.goto(address)
    assert response.status == 404
    assert ana.third_party_requests == []
