"""The shop as a visitor, buyer and staff see it, through the site's pages."""

from __future__ import annotations

from django.test import Client

import pytest

from candid.shop.models import Claim, Order, OrderStatus, Payment
from tests.shop.conftest import audit_events, signed_in_browser, webhook_post

TERM = "You may not resell, redistribute or share presets with others."


def test_the_shop_lists_products_for_sale(product, db):
    page = Client().get("/shop/")
    assert page.status_code == 200
    assert b"Golden hour presets" in page.content
    assert b"19.00 GBP" in page.content


def test_the_product_page_shows_the_licence_terms_before_purchase(product, standin):
    page = Client().get("/shop/p/golden-hour/")
    text = page.content.decode()
    assert TERM in text
    assert "Contact support@cinetrum.com; we assess technical issues" in text
    assert text.index(TERM) < text.index('href="/shop/p/golden-hour/checkout/"')


def test_without_payments_configured_the_product_says_so(product, settings):
    settings.CANDID_STRIPE_SECRET_KEY = ""
    page = Client().get("/shop/p/golden-hour/")
    assert b"Payments are not set up on this site yet" in page.content
    assert b"/checkout/" not in page.content


def test_checkout_without_payments_configured_is_a_clear_refusal(
    product, client_account, settings
):
    settings.CANDID_STRIPE_SECRET_KEY = ""
    browser = signed_in_browser(client_account.email)
    page = browser.get("/shop/p/golden-hour/checkout/")
    assert page.status_code == 503
    assert b"Payments are not set up on this site yet" in page.content
    assert Order.objects.count() == 0


def test_the_checkout_form_shows_both_waiver_boxes_unticked(
    product, client_account, standin
):
    """COM-01: unticked by default."""
    browser = signed_in_browser(client_account.email)
    page = browser.get("/shop/p/golden-hour/checkout/").content.decode()
    for name in ("immediate_supply", "withdrawal_loss_acknowledged"):
        box = page[
            page.index(f'name="{name}"') - 60 : page.index(f'name="{name}"') + 60
        ]
        assert 'type="checkbox"' in box
        assert "checked" not in box
    assert TERM in page


def test_checkout_needs_a_signed_in_client(product, standin):
    response = Client().get("/shop/p/golden-hour/checkout/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/sign-in/")


def test_a_whole_purchase_through_the_pages(
    product, client_account, standin, mailoutbox, django_capture_on_commit_callbacks
):
    """Checkout, hosted page, signed webhook, order page, download: with no optional
    consent given at any step (LAW-05)."""
    browser = signed_in_browser(client_account.email)
    # the buyer fills the form and goes to the provider's page
    response = browser.post(
        "/shop/p/golden-hour/checkout/",
        {
            "buyer_name": "Ana Lima",
            "address": "1 Rua Augusta, Lisbon",
            "country": "PT",
            "immediate_supply": "on",
            "withdrawal_loss_acknowledged": "on",
        },
    )
    assert response.status_code == 302
    payment = Payment.objects.get()
    assert (
        response["Location"] == f"{standin.api_base}/pay/{payment.checkout_session_id}"
    )
    # the request to Candid carried no card field (SEC-02)
    assert not {"number", "card", "cvc"} & set(response.wsgi_request.POST)
    # the provider confirms by webhook
    event = standin.complete(payment.checkout_session_id)
    with django_capture_on_commit_callbacks(execute=True):
        assert webhook_post(Client(), *standin.signed(event)).status_code == 200
    # the buyer comes back and sees the licence and the downloads
    order = Order.objects.get()
    back = browser.get(
        f"/shop/orders/{order.pk}/paid/?session_id={event['data']['object']['id']}"
    )
    page = browser.get(back["Location"]).content.decode()
    assert order.licence.key in page
    assert "Download sample.jpg" in page
    assert "Cancel and refund" in page


def test_the_buyer_cancels_before_download_from_the_order_page(
    paid_order, client_account, standin
):
    order = paid_order()
    browser = signed_in_browser(client_account.email)
    response = browser.post(f"/shop/orders/{order.pk}/refund/")
    assert response.status_code == 302
    assert Order.objects.get().status == OrderStatus.REFUNDED
    page = browser.get(f"/shop/orders/{order.pk}/").content.decode()
    assert "This licence was disabled" in page
    assert "Download sample.jpg" not in page


def test_a_held_order_page_offers_the_waiver(paid_order, client_account):
    order = paid_order(waive=False)
    browser = signed_in_browser(client_account.email)
    page = browser.get(f"/shop/orders/{order.pk}/").content.decode()
    assert "Your 14-day right of withdrawal runs until" in page
    assert "Download sample.jpg" not in page
    browser.post(
        f"/shop/orders/{order.pk}/waiver/",
        {"immediate_supply": "on", "withdrawal_loss_acknowledged": "on"},
    )
    page = browser.get(f"/shop/orders/{order.pk}/").content.decode()
    assert "Download sample.jpg" in page


def test_another_client_sees_no_order_of_anyone_else(paid_order, other_client):
    order = paid_order()
    browser = signed_in_browser(other_client.email)
    for path in ("", "refund/", "claim/"):
        method = browser.post if path == "refund/" else browser.get
        assert method(f"/shop/orders/{order.pk}/{path}").status_code == 404
    assert Order.objects.get().status == OrderStatus.PAID


def test_the_claim_form_files_a_claim(paid_order, client_account):
    order = paid_order()
    browser = signed_in_browser(client_account.email)
    response = browser.post(
        f"/shop/orders/{order.pk}/claim/",
        {"description": "The JPEG shows only grey stripes in every viewer."},
    )
    assert response.status_code == 302
    assert Claim.objects.get().order == order


@pytest.mark.parametrize(
    ("caller", "status"),
    [("anonymous", 302), ("client", 302), ("staff", 403), ("manager", 200)],
)
def test_orders_in_the_back_office_are_for_the_shop_role_and_each_view_is_audited(
    paid_order, client_account, staff_factory, shop_manager, caller, status
):
    order = paid_order()
    browser = {
        "anonymous": Client(),
        "client": signed_in_browser(client_account.email),
        "staff": signed_in_browser(staff_factory().email),
        "manager": signed_in_browser(shop_manager.email),
    }[caller]
    response = browser.get(f"/admin/shop/order/{order.pk}/change/")
    assert response.status_code == status
    viewed = [
        e for e in audit_events("data.read") if e.details.get("event") == "order_viewed"
    ]
    assert len(viewed) == (1 if caller == "manager" else 0)
    if caller == "manager":
        assert b"1 Rua Augusta" in response.content


def test_staff_with_the_shop_role_add_products_in_the_back_office(shop_manager):
    browser = signed_in_browser(shop_manager.email)
    assert browser.get("/admin/shop/product/add/").status_code == 200


def test_an_order_keeps_its_snapshot_when_the_account_changes(
    paid_order, client_account
):
    """DSR-09: issued orders keep an immutable snapshot."""
    order = paid_order()
    client_account.full_name = "Ana Lima Costa"
    client_account.save(update_fields=["full_name"])
    assert Order.objects.get(pk=order.pk).buyer_name == "Ana Lima"


def test_a_product_file_must_be_a_kind_that_can_carry_the_licence(db):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from candid.shop.models import ProductFile

    field = ProductFile._meta.get_field("file")
    with pytest.raises(ValidationError):
        field.run_validators(SimpleUploadedFile("pack.zip", b"PK\x03\x04"))
    field.run_validators(SimpleUploadedFile("preset.xmp", b"<x:xmpmeta/>"))


def test_a_booking_is_paid_online_from_the_bookings_page(
    client_account, standin, django_capture_on_commit_callbacks
):
    import datetime as dt
    from decimal import Decimal

    from candid.bookings.models import Booking, SessionType
    from candid.bookings.services import booking_create

    session_type = SessionType.objects.create(
        name="Portrait",
        duration=dt.timedelta(hours=1),
        price=Decimal("150.00"),
        places="Studio",
    )
    booking = booking_create(
        client=client_account,
        session_type_id=session_type.pk,
        starts_at=dt.datetime(2030, 1, 5, 14, 0, tzinfo=dt.UTC),
        place="Studio",
    )
    browser = signed_in_browser(client_account.email)
    assert b"Pay online" in browser.get("/bookings/").content
    response = browser.post(f"/shop/bookings/{booking.pk}/pay/")
    payment = Payment.objects.get()
    assert (
        response["Location"] == f"{standin.api_base}/pay/{payment.checkout_session_id}"
    )
    standin.complete(payment.checkout_session_id)
    back = browser.get(
        f"/shop/bookings/{booking.pk}/paid/?session_id={payment.checkout_session_id}"
    )
    assert back["Location"] == "/bookings/"
    assert Booking.objects.get().price_paid == Decimal("150.00")
    assert b"Pay online" not in browser.get("/bookings/").content


@pytest.mark.parametrize(
    ("caller", "status"),
    [("anonymous", 302), ("client", 302), ("staff", 403), ("manager", 200)],
)
def test_a_licence_id_found_in_a_file_is_traced_by_the_shop_role_only(
    paid_order, client_account, staff_factory, shop_manager, caller, status
):
    order = paid_order()
    browser = {
        "anonymous": Client(),
        "client": signed_in_browser(client_account.email),
        "staff": signed_in_browser(staff_factory().email),
        "manager": signed_in_browser(shop_manager.email),
    }[caller]
    response = browser.get(f"/admin/shop/licence/?q={order.licence.id}")
    assert response.status_code == status
    if caller == "manager":
        assert str(order.licence.id) in response.content.decode()
        page = browser.get(f"/admin/shop/licence/{order.licence.id}/change/")
        assert f"Order {order.number}" in page.content.decode()
        assert order.licence.key not in page.content.decode()
        viewed = [
            e
            for e in audit_events("data.read")
            if e.details.get("event") == "order_viewed"
        ]
        assert len(viewed) == 1
