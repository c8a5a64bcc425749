"""Reminders before a deadline, once per due date (issue 6)."""

import datetime as dt
from io import StringIO

from django.core.management import call_command

from candid.audit.models import AuditEvent
from candid.rights.models import Request
from candid.rights.services import request_extend
from candid.rights.services.reminders import requests_remind
from tests.rights.conftest import NOW, SYSTEM

# 10 February: the request received 15 January is due on the 15th.
SOON = dt.datetime(2026, 2, 10, 8, 0, tzinfo=dt.UTC)


def test_privacy_lead_is_reminded_of_requests_due_within_a_week(
    request_factory, mailoutbox
):
    # given
    due = request_factory()
    request_factory(request_type="know", jurisdiction="US-CA")  # due 1 March
    # when
    count = requests_remind(days_ahead=7, now=SOON)
    # then
    assert count == 1
    assert mailoutbox[0].to == ["support@cinetrum.com"]
    assert str(due.id) in mailoutbox[0].body
    assert "due 15 February 2026" in mailoutbox[0].body
    assert "ana@example.com" not in mailoutbox[0].body
    assert AuditEvent.objects.filter(action="rights.reminder_sent").count() == 1


def test_running_the_reminder_twice_sends_nothing_new(request_factory, mailoutbox):
    # given
    request_factory()
    requests_remind(days_ahead=7, now=SOON)
    # when
    count = requests_remind(days_ahead=7, now=SOON)
    # then
    assert count == 0
    assert len(mailoutbox) == 1


def test_an_extended_request_is_reminded_again_before_its_new_date(
    request_factory, mailoutbox
):
    # given
    request = request_factory(verified_by="staff_checked")
    requests_remind(days_ahead=7, now=SOON)
    request_extend(request=request, reason="Archives.", actor=SYSTEM, now=SOON)
    mailoutbox.clear()
    # when: a week before 15 April
    count = requests_remind(
        days_ahead=7, now=dt.datetime(2026, 4, 9, 8, 0, tzinfo=dt.UTC)
    )
    # then
    assert count == 1
    assert Request.objects.get().reminded_for == dt.date(2026, 4, 15)


def test_overdue_requests_are_marked_in_the_reminder(request_factory, mailoutbox):
    # given
    request_factory()
    # when
    requests_remind(days_ahead=7, now=NOW + dt.timedelta(days=40))
    # then
    assert "(OVERDUE)" in mailoutbox[0].body


def test_no_reminder_without_a_privacy_lead_address(
    request_factory, mailoutbox, settings, tmp_path
):
    # given
    source = settings.CANDID_POLICY_FILE.read_text(encoding="utf-8")
    changed = tmp_path / "no-lead-email.yaml"
    changed.write_text(
        source.replace(
            "    name: Cinetrum Studio privacy lead\n    email: support@cinetrum.com\n",
            "    name: Cinetrum Studio privacy lead\n",
        ),
        encoding="utf-8",
    )
    settings.CANDID_POLICY_FILE = changed
    request_factory()
    # when
    count = requests_remind(days_ahead=7, now=SOON)
    # then
    assert count == 0
    assert mailoutbox == []
    assert Request.objects.get().reminded_for is None


def test_rights_remind_command_reports_the_count(db, mailoutbox):
    # given
    out = StringIO()
    # when
    call_command("rights_remind", "--days", "3", stdout=out)
    # then
    assert out.getvalue() == (
        "Confirmed receipt of 0 request(s).\nReminded of 0 request(s).\n"
        "Asked 0 recipient(s) again.\n"
    )
