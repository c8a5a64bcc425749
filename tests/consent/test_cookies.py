"""Cookie-banner decisions in the ledger: one row per purpose (CK-02, CK-05, LAW-03)."""

from __future__ import annotations

import pytest

from candid.consent.cookies import cookie_choice_record
from candid.consent.exceptions import ConsentError
from candid.consent.models import ConsentEvent
from candid.policy import text_digest

pytestmark = pytest.mark.django_db

VISITOR = "q3Jx0v8Kd1_-"
BANNER = text_digest("banner v1")


def record(**changes):
    arguments = {
        "subject_id": None,
        "visitor_id": VISITOR,
        "granted_purposes": ["analytics"],
        "refused_purposes": ["advertising", "site_preferences"],
        "policy_version": "2026.11",
        "text_sha256": BANNER,
        "gpc": False,
        **changes,
    }
    return cookie_choice_record(**arguments)


def rows() -> list[tuple]:
    return list(
        ConsentEvent.objects.order_by("purpose").values_list(
            "purpose", "action", "mechanism", "gpc", "visitor_id", "surface"
        )
    )


def test_a_decision_records_grants_and_refusals_alike_law03():
    # when
    record()

    # then
    assert rows() == [
        ("advertising", "withdrawn", "button", False, VISITOR, "cookie_banner"),
        ("analytics", "granted", "button", False, VISITOR, "cookie_banner"),
        ("site_preferences", "withdrawn", "button", False, VISITOR, "cookie_banner"),
    ]


def test_with_gpc_sale_and_sharing_is_refused_by_the_signal_ck05():
    # when
    record(gpc=True, mechanism="toggle")

    # then
    assert rows() == [
        ("advertising", "withdrawn", "gpc", True, VISITOR, "cookie_banner"),
        ("analytics", "granted", "toggle", True, VISITOR, "cookie_banner"),
        ("site_preferences", "withdrawn", "toggle", True, VISITOR, "cookie_banner"),
    ]


def test_a_signed_in_persons_decision_is_recorded_under_their_subject(subject_id):
    # when
    record(subject_id=subject_id)

    # then
    assert set(ConsentEvent.objects.values_list("subject_id", "visitor_id")) == {
        (subject_id, "")
    }


def test_a_decision_naming_a_purpose_both_ways_records_nothing():
    with pytest.raises(ConsentError, match="Both granted and refused: analytics."):
        record(refused_purposes=["analytics"])
    assert ConsentEvent.objects.count() == 0


def test_a_decision_with_one_bad_purpose_records_nothing():
    with pytest.raises(ConsentError, match="rests on contract"):
        record(refused_purposes=["advertising", "order_fulfilment"])
    assert ConsentEvent.objects.count() == 0
