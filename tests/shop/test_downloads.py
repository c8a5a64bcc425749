"""Download links: per buyer, hashed at rest, expiring; every download recorded."""

from __future__ import annotations

import datetime as dt
import io
import re

from django.db import connection
from django.test import Client

import pytest
from PIL import Image

from candid.shop import downloads
from candid.shop.exceptions import DownloadHeld, DownloadNotFound, OrderNotFound
from candid.shop.models import Download, DownloadLink, Order, ProductFile
from tests.shop.conftest import audit_events, signed_in_browser


def link_token(mailoutbox, name: str) -> str:
    """Return the token of the e-mailed link to the file `name`."""
    body = mailoutbox[0].body
    return re.search(rf"- {re.escape(name)}: \S+/shop/download/([^/]+)/", body).group(1)


def licence_id_in(data: bytes) -> str:
    return (
        re.search(rb"<candid:LicenceId>([^<]+)</candid:LicenceId>", data)
        .group(1)
        .decode()
    )


def test_a_download_delivers_the_file_stamped_with_the_buyers_licence_id(
    paid_order, mailoutbox
):
    # given
    order = paid_order(waive=True)
    token = link_token(mailoutbox, "sample.jpg")
    # when
    delivery = downloads.download_deliver(
        unverified_token=token, address="203.0.113.77"
    )
    # then
    assert (delivery.name, delivery.content_type) == ("sample.jpg", "image/jpeg")
    image = Image.open(io.BytesIO(delivery.body))
    assert licence_id_in(image.info["xmp"]) == str(order.licence.id)
    assert delivery.made_final is True


def test_every_download_is_recorded_and_audited_and_the_first_makes_it_final(
    paid_order, mailoutbox
):
    # given
    order = paid_order(waive=True)
    token = link_token(mailoutbox, "golden-hour-warm.xmp")
    # when
    first = downloads.download_deliver(unverified_token=token, address="203.0.113.77")
    second = downloads.download_deliver(
        unverified_token=token, address="2001:db8:1:2::9"
    )
    # then
    assert (first.made_final, second.made_final) == (True, False)
    assert [d.network for d in Download.objects.all()] == [
        "203.0.113.0",
        "2001:db8:1::",
    ]
    events = audit_events("shop.file_downloaded")
    assert [e.details["sale_final"] for e in events] == [True, False]
    assert Order.objects.get().first_downloaded_at is not None
    assert licence_id_in(first.body) == str(order.licence.id)


def test_link_tokens_are_stored_only_as_hashes(paid_order, mailoutbox):
    paid_order()
    token = link_token(mailoutbox, "sample.jpg")
    link = DownloadLink.objects.get(token_hash=downloads.token_hash(token))
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM shop_downloadlink")
        assert token not in str(cursor.fetchall())
    assert link.token_hash != token


def test_a_link_expires_after_the_declared_lifetime(paid_order, mailoutbox):
    # given: links last 7 days (commerce.digital_products.download_link_lifetime)
    order = paid_order()
    token = link_token(mailoutbox, "sample.jpg")
    link = DownloadLink.objects.get(token_hash=downloads.token_hash(token))
    assert link.expires_at - link.created_at == dt.timedelta(days=7)
    # when / then
    with pytest.raises(DownloadNotFound):
        downloads.download_deliver(
            unverified_token=token, address="", now=link.expires_at
        )
    assert Download.objects.count() == 0
    assert Order.objects.get(pk=order.pk).first_downloaded_at is None


@pytest.mark.parametrize("token", ["", "x" * 43, "not-a-token"])
def test_unknown_tokens_open_nothing(paid_order, token):
    paid_order()
    with pytest.raises(DownloadNotFound):
        downloads.download_link_open(unverified_token=token)


def test_the_buyer_can_ask_for_a_fresh_link_but_nobody_else_can(
    paid_order, client_account, other_client
):
    order = paid_order()
    product_file = ProductFile.objects.get(download_name="sample.jpg")
    link, token = downloads.download_link_issue(
        client=client_account, order_id=order.pk, file_id=product_file.pk
    )
    assert downloads.download_link_open(unverified_token=token) == link
    assert len(audit_events("shop.download_link_issued")) == 1
    with pytest.raises(OrderNotFound):
        downloads.download_link_issue(
            client=other_client, order_id=order.pk, file_id=product_file.pk
        )


def test_an_eu_buyer_without_the_waiver_waits_for_the_withdrawal_period(
    paid_order, mailoutbox, client_account
):
    """COM-01: no download starts before the two ticks, unless the 14 days passed."""
    # given: Ana in Portugal ticked neither box
    order = paid_order(country="PT", waive=False)
    token = link_token(mailoutbox, "sample.jpg")
    # when / then: held during the 14 days
    with pytest.raises(DownloadHeld):
        downloads.download_deliver(unverified_token=token, address="")
    assert Download.objects.count() == 0
    # and after them, the download starts (through a fresh link: links last 7 days)
    later = order.paid_at + dt.timedelta(days=14)
    product_file = ProductFile.objects.get(download_name="sample.jpg")
    _, fresh = downloads.download_link_issue(
        client=client_account, order_id=order.pk, file_id=product_file.pk, now=later
    )
    downloads.download_deliver(unverified_token=fresh, address="", now=later)
    assert Download.objects.count() == 1


def test_a_buyer_outside_the_eu_and_uk_downloads_at_once(paid_order, mailoutbox):
    paid_order(country="US", waive=False)
    token = link_token(mailoutbox, "sample.jpg")
    assert downloads.download_deliver(unverified_token=token, address="").made_final


def test_a_refund_stops_every_link_at_once(paid_order, mailoutbox, standin):
    from candid.audit.entries import Actor
    from candid.shop.refunds import order_refund

    order = paid_order()
    token = link_token(mailoutbox, "sample.jpg")
    order_refund(order_id=order.pk, actor=Actor.system("t"), reason="staff")
    with pytest.raises(DownloadNotFound):
        downloads.download_deliver(unverified_token=token, address="")


def test_the_download_page_asks_before_it_delivers_and_a_get_changes_nothing(
    paid_order, mailoutbox
):
    # given
    order = paid_order()
    token = link_token(mailoutbox, "golden-hour.lrtemplate")
    browser = Client()
    # when: a mail scanner follows the link
    page = browser.get(f"/shop/download/{token}/")
    # then: a page, no download, the purchase not final
    assert page.status_code == 200
    assert b"the purchase is final" in page.content
    assert page["X-Robots-Tag"] == "noindex, nofollow, noarchive"
    assert Download.objects.count() == 0
    # when the buyer confirms
    response = browser.post(f"/shop/download/{token}/")
    # then
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="golden-hour.lrtemplate"'
    )
    assert response.content.startswith(f"-- Licence {order.licence.id}\n".encode())
    assert Download.objects.count() == 1


def test_a_dead_link_is_404(db):
    assert Client().get("/shop/download/nothing-here/").status_code == 404


def test_the_order_page_issues_a_link_and_opens_it(paid_order, client_account):
    order = paid_order()
    product_file = ProductFile.objects.get(download_name="sample.jpg")
    browser = signed_in_browser(client_account.email)
    response = browser.post(f"/shop/orders/{order.pk}/files/{product_file.pk}/link/")
    assert response.status_code == 302
    assert response["Location"].startswith("/shop/download/")
    assert DownloadLink.objects.count() == 4
