"""The declared retention rules applied to the shop: the order is the invoice.

The order (name, address, items, price) is kept 8 years after the end of the
financial year it was paid in, under the legal obligation of tax law, and then
deleted with its licence, download links, downloads and payment (RET-01, RET-02).
The 30-day address rule does not strip the invoice (RET-04); a legal hold keeps the
order past its period (RET-03).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from candid.audit.entries import Actor
from candid.bookings.models import Booking, SessionType
from candid.bookings.services import booking_create
from candid.retention.services import legal_hold_place
from candid.retention.sweeps import retention_sweep
from candid.rights.services import request_open
from candid.rights.services.erasure import erasure_run, erasure_start
from candid.shop import downloads
from candid.shop.bookings import booking_checkout_start
from candid.shop.claims import claim_submit
from candid.shop.models import (
    Claim,
    Download,
    DownloadLink,
    Licence,
    Order,
    Payment,
)
from candid.shop.services import payment_confirm
from tests.shop.conftest import SITE

# CANDID_FINANCIAL_YEAR_START is 01-01: paid in the 2017 financial year, the order is
# kept to the end of 2025 and goes with the first sweep of 2026.
PAID = dt.datetime(2017, 6, 1, 10, 0, tzinfo=dt.UTC)
LAST_DAY_KEPT = dt.datetime(2025, 12, 31, 23, 0, tzinfo=dt.UTC)
PERIOD_OVER = dt.datetime(2026, 1, 1, 0, 1, tzinfo=dt.UTC)
INVOICE = "invoice:end_of_financial_year"
PURCHASES = "user.behavior.purchase_history:end_of_financial_year"
PAYMENTS = "user.payment:end_of_financial_year"
NETWORKS = "user.device.ip_address:collected"


@pytest.fixture(autouse=True)
def _no_backups(settings):
    settings.CANDID_BACKUP_DIR = ""


@pytest.fixture
def downloaded_order(paid_order, mailoutbox):
    """Ana's order, paid in June 2017, with its sample file downloaded once."""
    order = paid_order(waive=True, now=PAID)
    token = re.search(
        r"- sample\.jpg: \S+/shop/download/([^/]+)/", mailoutbox[0].body
    ).group(1)
    downloads.download_deliver(unverified_token=token, address="203.0.113.77", now=PAID)
    return Order.objects.get(pk=order.pk)


def _kept(order: Order) -> dict[str, int]:
    return {
        "orders": Order.objects.filter(pk=order.pk).count(),
        "licences": Licence.objects.filter(order=order).count(),
        "links": DownloadLink.objects.filter(licence__order=order).count(),
        "downloads": Download.objects.filter(link__licence__order=order).count(),
        "payments": Payment.objects.filter(order=order).count(),
    }


def test_an_invoice_inside_its_8_years_survives_a_sweep_with_name_and_address(
    downloaded_order,
):
    """RET-01, RET-04: kept under the legal obligation; the address rule spares it."""
    # given
    before = _kept(downloaded_order)
    # when: every declared rule, on the last day of the period
    report = retention_sweep(now=LAST_DAY_KEPT)
    # then
    assert before == {
        "orders": 1,
        "licences": 1,
        "links": 3,
        "downloads": 1,
        "payments": 1,
    }
    assert _kept(downloaded_order) == before
    order = Order.objects.get(pk=downloaded_order.pk)
    assert (order.buyer_name, order.address, order.country) == (
        "Ana Lima",
        "1 Rua Augusta\n1100-048 Lisbon",
        "PT",
    )
    deleted = [o for o in report.outcomes if o.model.startswith("shop.") and o.rows]
    assert [(o.model, o.action) for o in deleted] == [("shop.Download", "anonymise")]


def test_the_download_network_is_emptied_after_90_days_and_the_download_kept(
    downloaded_order,
):
    """RET-01: the network is for fraud checks only; the download is the sale's record."""
    # when
    early = retention_sweep(now=PAID + dt.timedelta(days=89), rules=[NETWORKS])
    late = retention_sweep(now=PAID + dt.timedelta(days=91), rules=[NETWORKS])
    # then
    (before,) = [o for o in early.outcomes if o.model == "shop.Download"]
    (after,) = [o for o in late.outcomes if o.model == "shop.Download"]
    assert (before.rows, after.rows, after.action) == (0, 1, "anonymise")
    download = Download.objects.get(link__licence__order=downloaded_order)
    assert (download.network, download.at) == ("", PAID)


def test_past_its_period_the_invoice_goes_with_licence_links_downloads_and_payment(
    downloaded_order,
):
    """RET-02: deleted once 8 years after its financial year are over; nothing blocks."""
    # when
    report = retention_sweep(now=PERIOD_OVER)
    # then
    assert _kept(downloaded_order) == dict.fromkeys(
        ("orders", "licences", "links", "downloads", "payments"), 0
    )
    shop = [o for o in report.outcomes if o.model.startswith("shop.")]
    assert sum(o.blocked for o in shop) == 0
    deleted = {(o.rule, o.model): o.rows for o in shop if o.rows}
    assert deleted == {
        (PAYMENTS, "shop.Payment"): 1,
        (PURCHASES, "shop.Download"): 1,
        (PURCHASES, "shop.DownloadLink"): 3,
        (PURCHASES, "shop.Licence"): 1,
        (PURCHASES, "shop.Order"): 1,
    }
    # A second sweep finds nothing left to do (RET-02).
    again = retention_sweep(now=PERIOD_OVER)
    assert not [o for o in again.outcomes if o.model.startswith("shop.") and o.rows]


def test_a_dry_run_counts_the_expired_invoice_and_changes_nothing(downloaded_order):
    """RET-02: a dry run says per rule and model what would go."""
    # when
    report = retention_sweep(
        now=PERIOD_OVER, dry_run=True, rules=[INVOICE, PURCHASES, PAYMENTS]
    )
    # then
    counts = {(o.rule, o.model): o.rows for o in report.outcomes}
    assert counts[(INVOICE, "shop.Order")] == 1
    assert counts[(PURCHASES, "shop.Order")] == 1
    assert counts[(PURCHASES, "shop.Licence")] == 1
    assert counts[(PURCHASES, "shop.DownloadLink")] == 3
    assert counts[(PURCHASES, "shop.Download")] == 1
    assert counts[(PAYMENTS, "shop.Payment")] == 1
    assert report.dry_run is True
    assert _kept(downloaded_order)["orders"] == 1
    assert _kept(downloaded_order)["payments"] == 1


def test_a_subject_hold_keeps_the_invoice_and_its_records_past_the_period(
    downloaded_order, staff_factory
):
    """RET-03: a claim about the purchase holds every record of the buyer."""
    # given
    legal_hold_place(
        staff=staff_factory("add_legalhold"),
        kind="claim",
        reason="Claim about a purchase",
        subject_id=downloaded_order.subject_id,
        now=PAID,
    )
    # when
    report = retention_sweep(now=PERIOD_OVER)
    # then
    assert _kept(downloaded_order) == {
        "orders": 1,
        "licences": 1,
        "links": 3,
        "downloads": 1,
        "payments": 1,
    }
    held = {o.model: o.held for o in report.outcomes if o.rule == INVOICE}
    assert held == {"shop.Order": 1}
    assert Order.objects.get(pk=downloaded_order.pk).address == (
        "1 Rua Augusta\n1100-048 Lisbon"
    )


def test_a_hold_on_the_invoice_keeps_it_past_the_period(
    downloaded_order, staff_factory
):
    """RET-03: a tax-record hold on one order keeps that order."""
    # given
    legal_hold_place(
        staff=staff_factory("add_legalhold"),
        kind="tax_record",
        reason="Tax audit of the 2017 accounts",
        record_model="shop.Order",
        record_pk=str(downloaded_order.pk),
        now=PAID,
    )
    # when
    report = retention_sweep(now=PERIOD_OVER, rules=[INVOICE, PURCHASES])
    # then
    order = Order.objects.get(pk=downloaded_order.pk)
    assert (order.buyer_name, order.address) == (
        "Ana Lima",
        "1 Rua Augusta\n1100-048 Lisbon",
    )
    (invoice,) = [o for o in report.outcomes if o.rule == INVOICE]
    assert (invoice.rows, invoice.held) == (0, 1)


def test_an_invoice_with_a_claim_goes_with_the_claim_past_the_period(
    downloaded_order, client_account
):
    """RET-02: the claim on the order is part of its record; it does not block it."""
    # given
    claim = claim_submit(
        client=client_account,
        order_id=downloaded_order.pk,
        description="The preset fails to import in Lightroom 13.",
        now=PAID,
    )
    # when
    kept = retention_sweep(now=LAST_DAY_KEPT)
    gone = retention_sweep(now=PERIOD_OVER)
    # then
    assert not [o for o in kept.outcomes if o.model == "shop.Claim" and o.rows]
    assert not Claim.objects.filter(pk=claim.pk).exists()
    assert _kept(downloaded_order)["orders"] == 0
    assert sum(o.blocked for o in gone.outcomes) == 0


def test_a_booking_payment_goes_after_its_8_years_and_no_longer_blocks_the_booking(
    client_account, standin
):
    """RET-01, RET-02: payments of bookings are accounting records too."""
    # given
    portrait = SessionType.objects.create(
        name="Portrait",
        duration=dt.timedelta(minutes=90),
        price=Decimal("150.00"),
        currency="GBP",
        places="Studio, 1 Mill Lane, Bath\n",
    )
    booking = booking_create(
        client=client_account,
        session_type_id=portrait.pk,
        starts_at=PAID + dt.timedelta(days=10),
        place="Studio, 1 Mill Lane, Bath",
        now=PAID,
    )
    payment, _ = booking_checkout_start(
        client=client_account, booking_id=booking.pk, site_url=SITE, now=PAID
    )
    standin.complete(payment.checkout_session_id)
    payment_confirm(
        checkout_session_id=payment.checkout_session_id, source="webhook", now=PAID
    )
    # when
    kept = retention_sweep(now=LAST_DAY_KEPT)
    assert Payment.objects.filter(pk=payment.pk).exists()
    report = retention_sweep(now=PERIOD_OVER)
    # then
    assert not [o for o in kept.outcomes if o.action == "delete" and o.rows]
    assert not Payment.objects.filter(pk=payment.pk).exists()
    assert not Booking.objects.filter(pk=booking.pk).exists()
    assert sum(o.blocked for o in report.outcomes) == 0


def test_an_erased_buyers_invoice_keeps_name_and_address_under_the_retained_key(
    downloaded_order, client_account
):
    """RET-04, DSR-10: the invoice is a record kept by law; the account's details go."""
    # given
    opened = request_open(
        request_type="erasure",
        subject_id=client_account.subject_id,
        channel="account",
        verified_by="password",
        jurisdiction="EU",
        contact_email=client_account.email,
        actor=Actor.system("test"),
    )
    # when
    job = erasure_start(request_id=opened.id, actor=Actor.system("test"))
    erasure_run(job_id=job.pk)
    job.refresh_from_db()
    # then
    order = Order.objects.get(pk=downloaded_order.pk)
    assert order.subject_id == job.retained_subject_id
    assert (order.buyer_name, order.address, order.country) == (
        "Ana Lima",
        "1 Rua Augusta\n1100-048 Lisbon",
        "PT",
    )
    assert not Order.objects.filter(subject_id=client_account.subject_id).exists()
