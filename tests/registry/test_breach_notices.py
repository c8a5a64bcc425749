"""Telling people of a high-risk breach, reminders and the `breaches` command (BR-02, BR-03)."""

from __future__ import annotations

import datetime as dt
import socket
from io import StringIO

from django.core import mail
from django.core.management import call_command

import pytest

from candid.notices.models import NoticeDelivery
from candid.registry.breaches import drafts, sending, services
from candid.registry.breaches.reminders import breaches_remind
from candid.registry.exceptions import BreachInvalid
from candid.registry.models import Breach, BreachStep

AWARE = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)


@pytest.fixture
def high_risk_breach(account_factory, breach_keeper):
    """A high-risk breach of the booking notes of two clients, with a drafted notice."""
    for email in ("ana@example.com", "ben@example.com"):
        account_factory(email)
    breach = services.breach_record(
        user=breach_keeper,
        discovered_at=AWARE,
        aware_at=AWARE,
        nature="A backup of client accounts was left on a public file share.",
        kinds=["confidentiality"],
        data_categories=["user.name"],
        likely_consequences="Someone could learn that you are our client.",
        measures_taken="The share was closed within the hour.",
        now=AWARE + HOUR,
    )
    services.breach_assess(
        breach=breach, user=breach_keeper, risk="high", reason="Names and accounts."
    )
    return breach


def draft_people_notice(breach, user):
    return drafts.breach_notice_draft(breach=breach, user=user, audience="subjects")


def test_no_notice_goes_to_people_before_staff_approve_it_br_03(
    high_risk_breach, breach_keeper, smtp_inbox
):
    # given
    notice = draft_people_notice(high_risk_breach, breach_keeper)
    # when
    with pytest.raises(BreachInvalid) as refused:
        sending.breach_notices_send(notice=notice)
    # then
    assert str(refused.value) == "Only an approved notice to people can be sent."
    assert smtp_inbox.envelopes == []
    assert not NoticeDelivery.objects.exists()


def test_approving_sends_one_email_to_each_client_affected_br_03(
    high_risk_breach, breach_keeper, smtp_inbox, django_capture_on_commit_callbacks
):
    # given
    notice = draft_people_notice(high_risk_breach, breach_keeper)
    # when
    with django_capture_on_commit_callbacks(execute=True):
        sending.breach_notice_approve(notice=notice, user=breach_keeper)
    # then the two clients are told, and the staff member whose account name was
    # in the backup too
    recipients = sorted(e.rcpt_tos[0] for e in smtp_inbox.envelopes)
    assert recipients == ["ana@example.com", "bea@studio.example", "ben@example.com"]
    message = smtp_inbox.messages[0]
    assert message["Subject"] == (
        "Important: a security incident at Cinetrum Studio may affect your data"
    )
    body = message.get_body(("plain",)).get_content()
    assert "The share was closed within the hour." in body
    breach = Breach.objects.get()
    assert breach.subjects_notified_at is not None
    step = BreachStep.objects.get(action="subjects_notified")
    assert step.details["sent"] == 3
    assert step.details["without_address"] == 0


def test_sending_again_tells_nobody_twice(
    high_risk_breach, breach_keeper, smtp_inbox, django_capture_on_commit_callbacks
):
    # given
    notice = draft_people_notice(high_risk_breach, breach_keeper)
    with django_capture_on_commit_callbacks(execute=True):
        sending.breach_notice_approve(notice=notice, user=breach_keeper)
    # when
    notice.refresh_from_db()
    report = sending.breach_notices_send(notice=notice)
    # then
    assert len(smtp_inbox.envelopes) == 3
    assert (report.sent, report.already) == (0, 3)
    assert NoticeDelivery.objects.filter(state="sent").count() == 3


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_failed_send_is_retried_by_the_next_run_and_only_then_counts_as_told(
    high_risk_breach,
    breach_keeper,
    smtp_inbox,
    settings,
    django_capture_on_commit_callbacks,
):
    # given the mail server cannot be reached at approval
    notice = draft_people_notice(high_risk_breach, breach_keeper)
    working_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = closed_port()
    with django_capture_on_commit_callbacks(execute=True):
        sending.breach_notice_approve(notice=notice, user=breach_keeper)
    assert Breach.objects.get().subjects_notified_at is None
    assert NoticeDelivery.objects.filter(state="failed").count() == 3
    # when it is back
    settings.EMAIL_PORT = working_port
    notice.refresh_from_db()
    report = sending.breach_notices_send(notice=notice)
    # then
    assert report.sent == 3
    assert len(smtp_inbox.envelopes) == 3
    assert Breach.objects.get().subjects_notified_at is not None


def test_only_the_newest_draft_can_be_approved(high_risk_breach, breach_keeper):
    # given
    old = draft_people_notice(high_risk_breach, breach_keeper)
    draft_people_notice(high_risk_breach, breach_keeper)
    # when
    with pytest.raises(BreachInvalid) as refused:
        sending.breach_notice_approve(notice=old, user=breach_keeper)
    # then
    assert str(refused.value) == "A newer draft exists: review and approve that one."


def test_a_public_notice_counts_as_telling_people_once_approved_br_03(
    high_risk_breach, breach_keeper, smtp_inbox
):
    # given telling each person would take disproportionate effort
    services.breach_assess(
        breach=high_risk_breach,
        user=breach_keeper,
        risk="high",
        reason="r",
        exemption="disproportionate",
    )
    notice = drafts.breach_notice_draft(
        breach=high_risk_breach, user=breach_keeper, audience="public"
    )
    # when
    sending.breach_notice_approve(notice=notice, user=breach_keeper)
    # then
    assert Breach.objects.get().subjects_notified_at is not None
    assert smtp_inbox.envelopes == []
    assert notice.text.startswith("A security incident at Cinetrum Studio")


@pytest.fixture
def open_breach(breach_keeper):
    return services.breach_record(
        user=breach_keeper,
        discovered_at=AWARE,
        aware_at=AWARE,
        nature="A laptop was stolen.",
        kinds=["confidentiality"],
        data_categories=["user.contact.email"],
        now=AWARE,
    )


def test_reminders_go_at_24_and_48_hours_once_each_br_02(open_breach):
    # when
    before = breaches_remind(now=AWARE + 23 * HOUR)
    first = breaches_remind(now=AWARE + 24 * HOUR)
    again = breaches_remind(now=AWARE + 25 * HOUR)
    second = breaches_remind(now=AWARE + 48 * HOUR)
    # then
    assert (len(before), len(first), len(again), len(second)) == (0, 1, 0, 1)
    assert [m.to for m in mail.outbox] == [["support@cinetrum.com"]] * 2
    assert mail.outbox[0].subject == (
        f"Breach {open_breach.pk}: notify the authority by 2026-11-23 09:00 UTC"
    )
    assert "(48 hours left)" in mail.outbox[0].body
    assert [
        s.details["stage"] for s in BreachStep.objects.filter(action="reminder_sent")
    ] == [1, 2]


def test_no_reminder_once_the_authority_is_notified(open_breach, breach_keeper):
    # given
    services.breach_authority_notified(
        breach=open_breach,
        user=breach_keeper,
        notified_at=AWARE + HOUR,
        now=AWARE + HOUR,
    )
    # when
    reminded = breaches_remind(now=AWARE + 30 * HOUR)
    # then
    assert reminded == []
    assert mail.outbox == []


def test_no_reminder_for_a_breach_assessed_as_no_risk(open_breach, breach_keeper):
    # given
    services.breach_assess(
        breach=open_breach, user=breach_keeper, risk="none", reason="r"
    )
    # when
    reminded = breaches_remind(now=AWARE + 30 * HOUR)
    # then
    assert reminded == []


def test_breaches_command_lists_open_breaches_with_time_left(open_breach, monkeypatch):
    # given
    monkeypatch.setattr(
        "candid.registry.management.commands.breaches.timezone.now",
        lambda: AWARE + 10 * HOUR + dt.timedelta(minutes=30),
    )
    out = StringIO()
    # when
    call_command("breaches", stdout=out)
    # then
    assert out.getvalue() == (
        f"Breach {open_breach.pk}: aware 2026-11-20 09:00 UTC, deadline 2026-11-23 "
        "09:00 UTC, risk not assessed, 1 people, 61 h 30 min left\n"
    )


def test_breaches_command_flags_an_overdue_breach(open_breach, monkeypatch):
    # given
    monkeypatch.setattr(
        "candid.registry.management.commands.breaches.timezone.now",
        lambda: AWARE + 75 * HOUR,
    )
    out = StringIO()
    # when
    call_command("breaches", "--remind", stdout=out)
    # then
    lines = out.getvalue().splitlines()
    assert lines[0] == "Reminded of 1 breach(es)."
    assert lines[1].endswith("OVERDUE by 3 h 00 min: give reasons for the delay")


def test_breaches_command_says_when_none_are_open(db):
    # given
    out = StringIO()
    # when
    call_command("breaches", stdout=out)
    # then
    assert out.getvalue() == "No open breaches.\n"


def test_a_people_notice_cannot_be_approved_without_a_declared_security_notice(
    high_risk_breach, breach_keeper, settings, tmp_path, cinetrum_source, smtp_inbox
):
    # given
    notice = draft_people_notice(high_risk_breach, breach_keeper)
    line = (
        '    - {key: security_notice, description: "Tells you about a new sign-in, a '
        'password change or a security incident."}\n'
    )
    policy = tmp_path / "policy.yaml"
    policy.write_text(cinetrum_source.replace(line, ""))
    settings.CANDID_POLICY_FILE = policy
    # when
    with pytest.raises(BreachInvalid) as refused:
        sending.breach_notice_approve(notice=notice, user=breach_keeper)
    # then
    assert str(refused.value).startswith(
        "The declaration cannot e-mail people about a breach: 'security_notice'"
    )
    notice.refresh_from_db()
    assert notice.approved_at is None
    assert smtp_inbox.envelopes == []


def test_staff_revise_a_draft_and_the_revision_is_what_people_receive(
    high_risk_breach, breach_keeper, smtp_inbox, django_capture_on_commit_callbacks
):
    # given
    notice = draft_people_notice(high_risk_breach, breach_keeper)
    # when
    drafts.breach_notice_revise(
        notice=notice,
        user=breach_keeper,
        text="Dear client,\r\n\r\nA backup was exposed for one hour.\r\n",
    )
    with django_capture_on_commit_callbacks(execute=True):
        sending.breach_notice_approve(notice=notice, user=breach_keeper)
    # then
    body = smtp_inbox.messages[0].get_body(("plain",)).get_content()
    assert body.strip() == "Dear client,\n\nA backup was exposed for one hour."
    assert "<p>A backup was exposed for one hour.</p>" in notice.html
    assert BreachStep.objects.filter(action="notice_revised").count() == 1


def test_an_approved_notice_cannot_be_revised(high_risk_breach, breach_keeper):
    # given
    notice = drafts.breach_notice_draft(
        breach=high_risk_breach, user=breach_keeper, audience="authority"
    )
    sending.breach_notice_approve(notice=notice, user=breach_keeper)
    # when
    with pytest.raises(BreachInvalid) as refused:
        drafts.breach_notice_revise(notice=notice, user=breach_keeper, text="Other.")
    # then
    assert str(refused.value) == "An approved notice cannot change; draft a new one."
    notice.refresh_from_db()
    assert "(a) Nature of the breach" in notice.text
