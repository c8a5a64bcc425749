"""Every refused step on a breach says why and changes nothing (BR-01..03)."""

from __future__ import annotations

import datetime as dt

import pytest

from candid.registry.breaches import drafts, services
from candid.registry.exceptions import BreachInvalid
from candid.registry.models import Breach, BreachNotice, BreachStep

from .conftest import signed_in_browser

AWARE = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)


@pytest.fixture
def breach(breach_keeper) -> Breach:
    return services.breach_record(
        user=breach_keeper,
        discovered_at=AWARE,
        aware_at=AWARE,
        nature="A laptop was stolen.",
        kinds=["confidentiality"],
        data_categories=["user.contact.email"],
        now=AWARE + HOUR,
    )


def steps() -> list[str]:
    return list(BreachStep.objects.values_list("action", flat=True))


def test_the_clock_cannot_be_moved_by_an_update(breach, breach_keeper):
    # given
    before = steps()
    # when
    with pytest.raises(BreachInvalid) as refused:
        services.breach_update(breach=breach, user=breach_keeper, aware_at=AWARE + HOUR)
    # then
    assert str(refused.value) == "These facts cannot be changed: aware_at."
    assert Breach.objects.get().aware_at == AWARE
    assert steps() == before


def test_times_without_a_zone_are_refused(breach_keeper):
    # when
    with pytest.raises(BreachInvalid) as refused:
        services.breach_record(
            user=breach_keeper,
            discovered_at=dt.datetime(2026, 11, 20, 9, 0),  # noqa: DTZ001
            aware_at=AWARE,
            nature="n",
            kinds=["integrity"],
            data_categories=["user.name"],
        )
    # then
    assert str(refused.value) == "Times must carry a time zone."
    assert not Breach.objects.exists()


@pytest.mark.parametrize(
    ("risk", "reason", "exemption", "message"),
    [
        ("dire", "r", "", "Risk must be one of none, risk, high."),
        ("high", " ", "", "Give the reason for the risk assessment."),
        (
            "high",
            "r",
            "luck",
            "Exemption must be one of unintelligible, later_measures, disproportionate.",
        ),
    ],
)
def test_a_bad_assessment_is_refused(
    breach, breach_keeper, risk, reason, exemption, message
):
    # when
    with pytest.raises(BreachInvalid) as refused:
        services.breach_assess(
            breach=breach,
            user=breach_keeper,
            risk=risk,
            reason=reason,
            exemption=exemption,
        )
    # then
    assert str(refused.value) == message
    assert Breach.objects.get().risk == ""


@pytest.mark.parametrize(
    ("notified_at", "message"),
    [
        (
            AWARE + 10 * HOUR,
            "Give the time the notification was made, not a future one.",
        ),
        (AWARE - HOUR, "The authority cannot be notified before awareness."),
    ],
)
def test_an_impossible_notification_time_is_refused(
    breach, breach_keeper, notified_at, message
):
    # when
    with pytest.raises(BreachInvalid) as refused:
        services.breach_authority_notified(
            breach=breach,
            user=breach_keeper,
            notified_at=notified_at,
            now=AWARE + 2 * HOUR,
        )
    # then
    assert str(refused.value) == message
    assert Breach.objects.get().authority_notified_at is None


def test_a_later_phase_keeps_the_first_notification_time_br_02(breach, breach_keeper):
    # given
    first = AWARE + 2 * HOUR
    services.breach_authority_notified(
        breach=breach, user=breach_keeper, notified_at=first, reference="A-1", now=first
    )
    # when
    services.breach_authority_notified(
        breach=breach, user=breach_keeper, notified_at=first + HOUR, now=first + HOUR
    )
    # then
    stored = Breach.objects.get()
    assert (stored.authority_notified_at, stored.authority_reference) == (first, "A-1")
    assert [
        s.details["first"]
        for s in BreachStep.objects.filter(action="authority_notified")
    ] == [True, False]


def test_a_breach_cannot_close_unassessed(breach, breach_keeper):
    # when
    with pytest.raises(BreachInvalid) as refused:
        services.breach_close(breach=breach, user=breach_keeper)
    # then
    assert str(refused.value) == "Assess the risk before closing the breach."


def test_a_high_risk_breach_cannot_close_before_people_are_told_br_03(
    breach, breach_keeper
):
    # given
    services.breach_assess(breach=breach, user=breach_keeper, risk="high", reason="r")
    services.breach_authority_notified(
        breach=breach, user=breach_keeper, notified_at=AWARE + HOUR, now=AWARE + HOUR
    )
    # when
    with pytest.raises(BreachInvalid) as refused:
        services.breach_close(breach=breach, user=breach_keeper)
    # then
    assert str(refused.value) == "Tell the people affected before closing the breach."


def test_a_closed_breach_never_changes(breach, breach_keeper):
    # given
    services.breach_assess(breach=breach, user=breach_keeper, risk="none", reason="r")
    services.breach_close(breach=breach, user=breach_keeper)
    before = steps()
    # when
    refusals = []
    for attempt in (
        lambda: services.breach_assess(
            breach=breach, user=breach_keeper, risk="high", reason="r"
        ),
        lambda: services.breach_update(breach=breach, user=breach_keeper, nature="x"),
        lambda: drafts.breach_notice_draft(
            breach=breach, user=breach_keeper, audience="authority"
        ),
    ):
        with pytest.raises(BreachInvalid) as refused:
            attempt()
        refusals.append(str(refused.value))
    # then
    assert refusals == [f"Breach {breach.pk} is closed; it can no longer change."] * 3
    assert steps() == before


@pytest.mark.parametrize(
    ("audience", "message"),
    [
        ("press", "Audience must be one of authority, subjects, public."),
        ("authority", "Assess the risk to people before drafting a notice."),
    ],
)
def test_a_notice_needs_a_known_audience_and_an_assessment(
    breach, breach_keeper, audience, message
):
    # when
    with pytest.raises(BreachInvalid) as refused:
        drafts.breach_notice_draft(breach=breach, user=breach_keeper, audience=audience)
    # then
    assert str(refused.value) == message
    assert not BreachNotice.objects.exists()


def test_people_are_told_only_what_happened_and_what_was_done_br_03(
    breach, breach_keeper
):
    # given no consequences or measures recorded yet
    services.breach_assess(breach=breach, user=breach_keeper, risk="high", reason="r")
    # when
    with pytest.raises(BreachInvalid) as refused:
        drafts.breach_notice_draft(
            breach=breach, user=breach_keeper, audience="subjects"
        )
    # then
    assert str(refused.value) == (
        "Say what the likely consequences are and what was done before telling "
        "people (Art. 34(2))."
    )


def test_staff_revise_and_approve_from_the_page(breach, breach_keeper):
    # given
    services.breach_assess(breach=breach, user=breach_keeper, risk="risk", reason="r")
    notice = drafts.breach_notice_draft(
        breach=breach, user=breach_keeper, audience="authority"
    )
    browser = signed_in_browser(breach_keeper.email)
    base = f"/studio/breaches/{breach.pk}/notices/{notice.pk}"
    # when
    browser.post(f"{base}/revise/", {"text": "Phase 1 notification."})
    browser.post(f"{base}/approve/")
    again = browser.post(f"{base}/approve/", follow=True)
    # then
    notice.refresh_from_db()
    assert notice.text == "Phase 1 notification.\n"
    assert notice.approved_by == breach_keeper
    assert "This notice is already approved. Nothing changed." in again.content.decode()


def test_closing_from_the_page_is_refused_with_the_reason(breach, breach_keeper):
    # given
    browser = signed_in_browser(breach_keeper.email)
    # when
    response = browser.post(f"/studio/breaches/{breach.pk}/close/", follow=True)
    # then
    assert "Assess the risk before closing the breach. Nothing changed." in (
        response.content.decode()
    )
    assert Breach.objects.get().closed_at is None
