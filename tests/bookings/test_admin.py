"""The back office of bookings: gated by role, every view of a booking audited."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.test import Client

import pytest

from candid.bookings.access import access_booking_by_id
from candid.bookings.exceptions import AccessDenied
from candid.bookings.models import Booking, SessionType
from tests.bookings.conftest import audit_events

CALLERS = ["anonymous", "client", "staff_without_role", "staff_with_role"]


@pytest.fixture
def caller(request, account_factory, staff_factory):
    """Return a browser for one of the four callers of a staff view, and its user."""
    kind = request.param
    browser = Client()
    user = None
    if kind == "client":
        user = account_factory("carla@example.com")
    elif kind == "staff_without_role":
        user = staff_factory()
    elif kind == "staff_with_role":
        user = staff_factory()
        user.groups.add(Group.objects.get(name="Photographer"))
    if user is not None:
        browser.force_login(user)
    return kind, browser, user


@pytest.mark.parametrize(
    ("caller", "expected"),
    list(zip(CALLERS, [302, 302, 403, 200], strict=True)),
    indirect=["caller"],
)
def test_only_staff_with_the_role_see_a_booking_and_each_view_is_audited(
    caller, expected, booking
):
    # when
    kind, browser, user = caller
    response = browser.get(f"/admin/bookings/booking/{booking.pk}/change/")
    # then
    assert response.status_code == expected
    views = audit_events("booking_viewed")
    if kind != "staff_with_role":
        assert views == []
        assert b"step stool" not in response.content
        return
    (event,) = views
    assert (event.action, event.subject_id, event.actor_kind, event.actor_id) == (
        "data.read",
        booking.subject_id,
        "staff",
        str(user.pk),
    )
    assert event.categories == [
        "user.behavior.purchase_history",
        "user.content.private",
    ]
    assert b"Two children; bring a step stool." in response.content


@pytest.mark.parametrize(
    ("caller", "expected"),
    list(zip(CALLERS, [302, 302, 403, 200], strict=True)),
    indirect=["caller"],
)
def test_only_staff_with_the_role_list_bookings_and_the_list_is_audited(
    caller, expected, booking
):
    # when
    kind, browser, _ = caller
    response = browser.get("/admin/bookings/booking/")
    # then
    assert response.status_code == expected
    views = audit_events("booking_viewed")
    assert len(views) == (1 if kind == "staff_with_role" else 0)
    if views:
        assert views[0].details["fields"] == ["session_type", "starts_at", "status"]


def test_the_gate_refuses_a_missing_booking_with_the_same_error(staff_factory):
    # given
    staff = staff_factory("view_booking")
    # when
    with pytest.raises(AccessDenied) as refusal:
        access_booking_by_id(staff=staff, booking_id="not-a-uuid", fields=["notes"])
    # then
    assert str(refusal.value) == "You do not have access to this booking."
    assert audit_events("booking_viewed") == []


def test_an_inactive_staff_member_with_the_role_is_refused(staff_factory, booking):
    # given
    staff = staff_factory("view_booking")
    staff.is_active = False
    # when
    with pytest.raises(AccessDenied):
        access_booking_by_id(staff=staff, booking_id=booking.pk, fields=["notes"])
    # then
    assert audit_events("booking_viewed") == []


def test_staff_cannot_add_change_or_delete_bookings_in_the_back_office(
    staff_factory, booking
):
    # given a role holding every booking permission
    staff = staff_factory(
        "view_booking", "add_booking", "change_booking", "delete_booking"
    )
    browser = Client()
    browser.force_login(staff)
    # when
    added = browser.get("/admin/bookings/booking/add/")
    deleted = browser.post(
        f"/admin/bookings/booking/{booking.pk}/delete/", {"post": "yes"}
    )
    # then
    assert (added.status_code, deleted.status_code) == (403, 403)
    assert Booking.objects.filter(pk=booking.pk).count() == 1


@pytest.mark.parametrize(
    ("role", "expected"), [("Photographer", 403), ("Reception", 302)]
)
def test_only_the_reception_role_adds_session_types(staff_factory, role, expected):
    # given
    staff = staff_factory()
    staff.groups.add(Group.objects.get(name=role))
    browser = Client()
    browser.force_login(staff)
    # when
    response = browser.post(
        "/admin/bookings/sessiontype/add/",
        {
            "name": "Family",
            "duration": "02:00:00",
            "price": "220.00",
            "currency": "GBP",
            "places": "Studio, 1 Mill Lane, Bath",
            "is_active": "on",
        },
    )
    # then
    assert response.status_code == expected
    created = [t.place_options for t in SessionType.objects.all()]
    assert created == ([["Studio, 1 Mill Lane, Bath"]] if expected == 302 else [])
