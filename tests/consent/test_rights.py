"""Objections and restrictions as records the gate obeys (LAW-02, DSR-11, DSR-12)."""

from __future__ import annotations

import datetime as dt

import pytest

from candid.consent.exceptions import ConsentError
from candid.consent.models import Objection, Restriction
from candid.consent.purposes import require_purpose
from candid.consent.rights import (
    objection_override,
    objection_record,
    restriction_lift,
    restriction_start,
)

pytestmark = pytest.mark.django_db

WHEN = dt.datetime(2026, 11, 3, 8, 15, tzinfo=dt.UTC)
GROUNDS = "Chargeback fraud under investigation with the card issuer (case 4411)."


@pytest.fixture
def objection(subject_id) -> Objection:
    return objection_record(subject_id=subject_id, purpose="fraud_prevention")


def test_an_override_by_a_named_staff_user_with_grounds_lets_processing_resume_law02(
    subject_id, objection, staff_user
):
    # when
    objection_override(
        objection_id=objection.pk, staff_user=staff_user, grounds=GROUNDS, now=WHEN
    )

    # then
    objection.refresh_from_db()
    assert (
        objection.overridden_at,
        objection.overridden_by,
        objection.override_grounds,
    ) == (WHEN, staff_user, GROUNDS)
    assert require_purpose(subject_id, "fraud_prevention") is None


@pytest.mark.parametrize(
    ("who", "grounds", "message"),
    [
        ("staff", "", "State the compelling legitimate grounds for the override."),
        ("staff", "   ", "State the compelling legitimate grounds for the override."),
        (
            "client",
            GROUNDS,
            "Only a named, active staff user can override an objection.",
        ),
        (
            "inactive",
            GROUNDS,
            "Only a named, active staff user can override an objection.",
        ),
        (
            "anonymous",
            GROUNDS,
            "Only a named, active staff user can override an objection.",
        ),
    ],
)
def test_an_override_needs_a_named_staff_user_and_grounds_law02(
    objection, django_user_model, staff_user, who, grounds, message
):
    # given
    from django.contrib.auth.models import AnonymousUser

    users = {
        "staff": staff_user,
        "client": django_user_model.objects.create_user(
            email="ana@example.com", password="x"
        ),
        "inactive": django_user_model.objects.create_user(
            email="old.staff@studio.test", password="x", is_staff=True, is_active=False
        ),
        "anonymous": AnonymousUser(),
    }

    # when
    with pytest.raises(ConsentError) as refused:
        objection_override(
            objection_id=objection.pk, staff_user=users[who], grounds=grounds
        )

    # then
    assert str(refused.value) == message
    objection.refresh_from_db()
    assert objection.upheld


def test_an_objection_to_direct_marketing_cannot_be_overridden_dsr12(
    subject_id, grant, staff_user
):
    # given
    grant(subject_id)
    objection = objection_record(subject_id=subject_id, purpose="marketing_email")

    # when
    with pytest.raises(ConsentError) as refused:
        objection_override(
            objection_id=objection.pk, staff_user=staff_user, grounds=GROUNDS
        )

    # then
    assert str(refused.value) == (
        "An objection to direct marketing ('marketing_email') is absolute "
        "(GDPR Art. 21(3)): it cannot be overridden."
    )
    objection.refresh_from_db()
    assert objection.upheld


def test_an_objection_can_be_overridden_only_once(objection, staff_user):
    # given
    objection_override(
        objection_id=objection.pk, staff_user=staff_user, grounds=GROUNDS
    )

    # when
    with pytest.raises(ConsentError) as refused:
        objection_override(
            objection_id=objection.pk, staff_user=staff_user, grounds="x"
        )

    # then
    assert str(refused.value) == f"Objection {objection.pk} was already overridden."
    objection.refresh_from_db()
    assert objection.override_grounds == GROUNDS


def test_overriding_a_missing_objection_is_refused(staff_user):
    with pytest.raises(ConsentError, match="No objection 404 exists."):
        objection_override(objection_id=404, staff_user=staff_user, grounds=GROUNDS)


def test_objecting_twice_keeps_one_standing_objection(subject_id, objection):
    # when
    again = objection_record(subject_id=subject_id, purpose="fraud_prevention")

    # then
    assert again == objection
    assert Objection.objects.count() == 1


def test_objecting_to_a_contract_purpose_is_refused_and_nothing_recorded(subject_id):
    # when
    with pytest.raises(ConsentError) as refused:
        objection_record(subject_id=subject_id, purpose="order_fulfilment")

    # then
    assert str(refused.value) == (
        "Purpose 'order_fulfilment' rests on contract: the right to object "
        "(GDPR Art. 21) does not apply to it."
    )
    assert Objection.objects.count() == 0


def test_only_a_legitimate_interests_objection_can_be_overridden(
    subject_id, staff_user
):
    # given: an objection to a consent purpose that is not marketing
    objection = Objection.objects.create(subject_id=subject_id, purpose="analytics")

    # when
    with pytest.raises(ConsentError) as refused:
        objection_override(
            objection_id=objection.pk, staff_user=staff_user, grounds=GROUNDS
        )

    # then
    assert str(refused.value) == (
        "Purpose 'analytics' rests on consent: only an objection to a "
        "legitimate-interests purpose can be overridden."
    )


def test_lifting_a_restriction_lets_processing_resume(subject_id):
    # given
    restriction = restriction_start(subject_id=subject_id)

    # when
    restriction_lift(restriction_id=restriction.pk)

    # then
    assert require_purpose(subject_id, "order_fulfilment") is None


def test_lifting_a_restriction_twice_keeps_its_first_end(subject_id):
    # given
    restriction = restriction_start(subject_id=subject_id, now=WHEN)
    restriction_lift(restriction_id=restriction.pk, now=WHEN + dt.timedelta(days=1))

    # when
    restriction_lift(restriction_id=restriction.pk, now=WHEN + dt.timedelta(days=2))

    # then
    restriction.refresh_from_db()
    assert restriction.active_to == WHEN + dt.timedelta(days=1)


def test_lifting_a_missing_restriction_is_refused():
    with pytest.raises(ConsentError, match="No restriction 404 exists."):
        restriction_lift(restriction_id=404)


def test_a_restriction_of_named_categories_stores_them(subject_id):
    # when
    restriction_start(
        subject_id=subject_id,
        categories=["user.name", "user.contact.email", "user.name"],
    )

    # then
    restriction = Restriction.objects.get()
    assert (restriction.all_categories, restriction.categories) == (
        False,
        ["user.contact.email", "user.name"],
    )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"categories": []}, "Name the restricted categories, or give None for all."),
        (
            {"categories": ["user.name", "user.biometric"]},
            "Not data categories of the policy in force: user.biometric.",
        ),
        ({"active_to": WHEN, "now": WHEN}, "A restriction must end after it starts."),
    ],
)
def test_a_restriction_with_bad_input_is_refused_and_nothing_recorded(
    subject_id, arguments, message
):
    with pytest.raises(ConsentError) as refused:
        restriction_start(subject_id=subject_id, **arguments)

    assert str(refused.value) == message
    assert Restriction.objects.count() == 0
