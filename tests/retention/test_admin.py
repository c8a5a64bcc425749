"""The back office: staff place a hold through the add form and release it by action."""

from __future__ import annotations

from django.test import Client

import pytest

from candid.audit.models import AuditEvent
from candid.retention.models import LegalHold
from tests.retention.conftest import NOW


@pytest.fixture
def staff_browser(hold_staff) -> Client:
    browser = Client()
    browser.force_login(hold_staff)
    return browser


def _form(entry, **overrides):
    data = {
        "kind": "dispute",
        "reason": "Dispute about a booking",
        "record_model": "retention_testapp.WebLogEntry",
        "record_pk": str(entry.pk),
        "subject_id": "",
        "starts_at_0": "2026-11-23",
        "starts_at_1": "12:00:00",
        "ends_at_0": "",
        "ends_at_1": "",
    }
    return {**data, **overrides}


def test_staff_place_a_hold_through_the_add_form(staff_browser, hold_staff, web_log):
    # given
    (entry,) = web_log(NOW)
    # when
    response = staff_browser.post("/admin/retention/legalhold/add/", _form(entry))
    # then
    assert response.status_code == 302
    hold = LegalHold.objects.get()
    assert (hold.record_pk, hold.placed_by, hold.kind) == (
        str(entry.pk),
        hold_staff,
        "dispute",
    )
    assert AuditEvent.objects.filter(action="retention.hold_placed").count() == 1


def test_a_hold_naming_a_missing_record_is_refused_with_the_reason(
    staff_browser, web_log
):
    # given
    (entry,) = web_log(NOW)
    # when
    response = staff_browser.post(
        "/admin/retention/legalhold/add/", _form(entry, record_pk="424242")
    )
    # then
    assert response.status_code == 200
    assert (
        "There is no retention_testapp.WebLogEntry with key &#x27;424242&#x27;."
        in response.content.decode()
    )
    assert not LegalHold.objects.exists()


def test_staff_release_holds_with_the_action(staff_browser, web_log):
    # given
    (entry,) = web_log(NOW)
    staff_browser.post("/admin/retention/legalhold/add/", _form(entry))
    hold = LegalHold.objects.get()
    # when
    response = staff_browser.post(
        "/admin/retention/legalhold/",
        {"action": "release", "_selected_action": [str(hold.pk)]},
    )
    # then
    assert response.status_code == 302
    hold.refresh_from_db()
    assert hold.released_at is not None
    assert AuditEvent.objects.filter(action="retention.hold_released").count() == 1
