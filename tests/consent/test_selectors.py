"""Current consent derived from the ledger: the latest event wins, silence is no."""

from __future__ import annotations

import datetime as dt

import pytest

from candid.consent.selectors import ConsentState, consent_current_for, consent_state
from candid.consent.services import consent_grant, consent_withdraw

from .conftest import SHOWN

pytestmark = pytest.mark.django_db

WHEN = dt.datetime(2026, 11, 3, 8, 15, tzinfo=dt.UTC)
VISITOR = "q3Jx0v8Kd1_-"


def test_the_latest_event_wins_by_time_not_by_order_of_recording(subject_id):
    # given: a withdrawal, then a grant recorded later but dated earlier
    consent_withdraw(
        subject_id=subject_id, purpose="marketing_email", surface="api", now=WHEN
    )
    consent_grant(
        subject_id=subject_id,
        purpose="marketing_email",
        surface="api",
        mechanism="checkbox",
        text=SHOWN,
        now=WHEN - dt.timedelta(days=1),
    )

    # when
    state = consent_state(subject_id, purpose="marketing_email")

    # then
    assert state == ConsentState(
        purpose="marketing_email", granted=False, decided_at=WHEN, surface="api"
    )


def test_no_event_means_not_granted(subject_id):
    assert consent_state(subject_id, purpose="analytics") == ConsentState(
        purpose="analytics", granted=False
    )


def test_a_visitors_state_is_read_by_the_cookie_id():
    # given
    consent_grant(
        visitor_id=VISITOR,
        purpose="analytics",
        surface="cookie_banner",
        mechanism="button",
        text=SHOWN,
        gpc=True,
        now=WHEN,
    )

    # when
    state = consent_state(visitor_id=VISITOR, purpose="analytics")

    # then
    assert state == ConsentState(
        purpose="analytics",
        granted=True,
        decided_at=WHEN,
        surface="cookie_banner",
        gpc=True,
    )


def test_current_consents_list_every_consent_purpose_of_the_policy_law04(
    subject_id, grant
):
    # given
    grant(subject_id, "analytics")

    # when
    current = consent_current_for(subject_id)

    # then
    assert {key: state.granted for key, state in current.items()} == {
        "marketing_email": False,
        "analytics": True,
        "advertising": False,
        "site_preferences": False,
    }


def test_a_state_needs_exactly_one_holder(subject_id):
    with pytest.raises(
        ValueError, match="Give exactly one of subject_id and visitor_id."
    ):
        consent_state(subject_id, visitor_id=VISITOR, purpose="analytics")
