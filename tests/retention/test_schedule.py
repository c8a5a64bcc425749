"""The schedule: each declared rule reaches the models able to apply it, with a cut-off."""

from __future__ import annotations

import datetime as dt

import pytest

from candid.notices.selectors import declaration_active
from candid.policy.durations import Duration
from candid.retention.schedule import before, period_start, targets_for

NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("period", "trigger", "cutoff"),
    [
        ("30 days", "collected", dt.datetime(2026, 10, 24, 12, 0, tzinfo=dt.UTC)),
        (
            "12 months",
            "gallery_delivered",
            dt.datetime(2025, 11, 23, 12, 0, tzinfo=dt.UTC),
        ),
        ("2 years", "request_closed", dt.datetime(2024, 11, 23, 12, 0, tzinfo=dt.UTC)),
        ("36 hours", "collected", dt.datetime(2026, 11, 22, 0, 0, tzinfo=dt.UTC)),
        ("1 week", "collected", dt.datetime(2026, 11, 16, 12, 0, tzinfo=dt.UTC)),
        ("90 minutes", "collected", dt.datetime(2026, 11, 23, 10, 30, tzinfo=dt.UTC)),
        # Monday 23 November minus 5 working days: Monday 16 November.
        (
            "5 business days",
            "collected",
            dt.datetime(2026, 11, 16, 12, 0, tzinfo=dt.UTC),
        ),
        # Records of 2018 are kept to the end of 2026: 8 years from 31 December 2018.
        ("8 years", "end_of_financial_year", dt.datetime(2018, 1, 1, tzinfo=dt.UTC)),
    ],
)
def test_the_cutoff_is_the_period_before_now(period, trigger, cutoff):
    assert period_start(Duration.parse(period), trigger, NOW) == cutoff


def test_a_record_of_the_last_financial_year_past_the_period_is_expired():
    # given: an invoice of 31 December 2017; its 8 years end on 31 December 2025.
    cutoff = period_start(Duration.parse("8 years"), "end_of_financial_year", NOW)
    # then
    assert dt.datetime(2017, 12, 31, 23, 59, tzinfo=dt.UTC) < cutoff
    assert not dt.datetime(2018, 1, 1, 0, 1, tzinfo=dt.UTC) < cutoff


def test_months_before_a_month_end_clamp_to_the_shorter_month():
    march_31 = dt.datetime(2026, 3, 31, tzinfo=dt.UTC)
    assert before(Duration.parse("1 month"), march_31) == dt.datetime(
        2026, 2, 28, tzinfo=dt.UTC
    )


def test_the_demo_declaration_reaches_the_studio_models(db):
    # when
    targets = {
        (target.rule_key, target.label): target.action
        for target in targets_for(declaration_active())
    }
    # then
    expected = {
        ("user.content.private:last_activity", "bookings.Booking"): "anonymise",
        ("user.content.self_image:gallery_delivered", "galleries.GalleryImage"): (
            "delete"
        ),
        ("user.device.ip_address:collected", "galleries.ShareLinkAccess"): "delete",
        ("user.device:collected", "galleries.ShareLinkAccess"): "delete",
        ("user.device:collected", "accounts.ClientSession"): "delete",
        ("rights_request:request_closed", "rights.Request"): "delete",
        ("marketing_suppression:unsubscribed", "mail.Suppression"): "delete",
        ("web_log:collected", "retention_testapp.WebLogEntry"): "delete",
        ("share_link:collected", "galleries.ShareLink"): "delete",
        (
            "user.behavior.purchase_history:end_of_financial_year",
            "bookings.Booking",
        ): "delete",
        (
            "user.behavior.purchase_history:end_of_financial_year",
            "galleries.Gallery",
        ): "delete",
    }
    assert expected.items() <= targets.items()


def test_only_the_named_rules_are_planned(db):
    # when
    targets = targets_for(declaration_active(), ["share_link:collected"])
    # then
    assert [(t.rule_key, t.label) for t in targets] == [
        ("share_link:collected", "galleries.ShareLink")
    ]
    assert targets[0].key == "share_link:collected@galleries.sharelink"


@pytest.mark.parametrize(
    ("year_start", "cutoff"),
    [
        # UK tax year: 8 years before 23 November 2026 falls in the year from
        # 6 April 2018; a record of 5 April 2018 ended its year then, 8 years ago.
        ((4, 6), dt.datetime(2018, 4, 6, tzinfo=dt.UTC)),
        # A year starting 1 December: 23 November 2018 is in the year from 1 Dec 2017.
        ((12, 1), dt.datetime(2017, 12, 1, tzinfo=dt.UTC)),
    ],
)
def test_the_financial_year_may_start_on_another_day(year_start, cutoff):
    assert (
        period_start(
            Duration.parse("8 years"),
            "end_of_financial_year",
            NOW,
            year_start=year_start,
        )
        == cutoff
    )


def test_the_financial_year_start_comes_from_the_settings(settings):
    from django.core.exceptions import ImproperlyConfigured

    from candid.retention.conf import financial_year_start

    settings.CANDID_FINANCIAL_YEAR_START = "04-06"
    assert financial_year_start() == (4, 6)
    settings.CANDID_FINANCIAL_YEAR_START = ""
    assert financial_year_start() == (1, 1)
    settings.CANDID_FINANCIAL_YEAR_START = "02-29"
    with pytest.raises(ImproperlyConfigured):
        financial_year_start()
