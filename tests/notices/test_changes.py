"""Significant policy changes: e-mailed once to every client, fresh consent, acknowledgement (NOT-03, LAW-06)."""

from __future__ import annotations

import datetime as dt
from io import StringIO

from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

import pytest

from candid.consent.exceptions import DenialReason, PurposeDenied
from candid.consent.models import ConsentEvent, NoticeAcknowledgement
from candid.consent.purposes import gate_reset, require_purpose
from candid.consent.scope import ReconsentPending, reconsent_pending_for
from candid.consent.services import consent_grant
from candid.notices.changes import change_notices_send
from candid.notices.exceptions import PublishError
from candid.notices.models import NoticeDelivery, PolicyVersion
from candid.notices.services import policy_publish

from .conftest import signed_in_browser

FIRST_PUBLISHED = dt.datetime(2026, 10, 1, 9, 0, tzinfo=dt.UTC)
MARKETING_DATA = (
    "    data_categories: [user.name, user.contact.email]\n"
    "    data_subjects: [customer, prospect]"
)


def widened_marketing(source: str, version: str, date: str) -> str:
    """Return the Cinetrum text as a later version whose marketing e-mails use more data."""
    assert source.count(MARKETING_DATA) == 1
    return (
        source.replace('version: "2026.11"', f'version: "{version}"')
        .replace("effective_date: 2026-11-01", f"effective_date: {date}")
        .replace(
            MARKETING_DATA,
            MARKETING_DATA.replace(
                "user.contact.email]",
                "user.contact.email, user.behavior.purchase_history]",
            ),
        )
    )


@pytest.fixture
def first_version(db, cinetrum_source) -> PolicyVersion:
    return policy_publish(source=cinetrum_source, now=FIRST_PUBLISHED)


@pytest.fixture
def clients(first_version, account_factory, staff_factory):
    """Ana, who opted in to marketing e-mail under 2026.11, Ben, who did not, and staff."""
    ana = account_factory("ana@example.com")
    ben = account_factory("ben@example.com")
    staff_factory(email="dana@studio.example")
    consent_grant(
        subject_id=ana.subject_id,
        purpose="marketing_email",
        surface="privacy_centre",
        mechanism="checkbox",
        text="Marketing e-mails",
    )
    return ana, ben


def publish_widened(
    cinetrum_source, capture, *, version="2027.01", date="2027-01-01", now=None
) -> PolicyVersion:
    with capture(execute=True):
        return policy_publish(
            source=widened_marketing(cinetrum_source, version, date),
            now=now or dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC),
        )


def test_publishing_a_significant_change_emails_every_client_once_not_03(
    clients, cinetrum_source, smtp_inbox, django_capture_on_commit_callbacks
):
    # when
    version = publish_widened(cinetrum_source, django_capture_on_commit_callbacks)
    # then
    assert version.significant is True
    assert sorted(e.rcpt_tos[0] for e in smtp_inbox.envelopes) == [
        "ana@example.com",
        "ben@example.com",
    ]
    message = smtp_inbox.messages[0]
    assert message["Subject"] == (
        "Changes to Cinetrum Studio's privacy policy from 1 January 2027"
    )
    body = message.get_body(("plain",)).get_content()
    assert (
        '- Purpose "Marketing e-mails" now uses data Orders, bookings, downloads and '
        "licences." in body
    )
    assert "takes effect on 1 January 2027" in body
    assert "https://studio.test/privacy/changes/2027.01/" in body
    assert "never counts as consent" in body


def test_only_a_client_whose_consent_widened_is_asked_to_give_it_again_not_03(
    clients, cinetrum_source, smtp_inbox, django_capture_on_commit_callbacks
):
    # when
    publish_widened(cinetrum_source, django_capture_on_commit_callbacks)
    # then
    bodies = {
        e.rcpt_tos[0]: m.get_body(("plain",)).get_content()
        for e, m in zip(smtp_inbox.envelopes, smtp_inbox.messages, strict=True)
    }
    assert (
        "You gave us your consent for:\n- Marketing e-mails"
        in bodies["ana@example.com"]
    )
    assert "You gave us your consent for" not in bodies["ben@example.com"]


def test_sending_again_emails_nobody_twice(
    clients, cinetrum_source, smtp_inbox, django_capture_on_commit_callbacks
):
    # given
    version = publish_widened(cinetrum_source, django_capture_on_commit_callbacks)
    # when
    report = change_notices_send(version=version)
    # then
    assert (report.sent, report.already) == (0, 2)
    assert len(smtp_inbox.envelopes) == 2
    assert (
        NoticeDelivery.objects.filter(topic="policy:2027.01", state="sent").count() == 2
    )


def test_a_significant_change_without_the_advance_notice_is_refused_not_03(
    clients, cinetrum_source, smtp_inbox, django_capture_on_commit_callbacks
):
    # when: published on 23 November to take effect on 1 December
    with pytest.raises(PublishError) as refused:
        publish_widened(
            cinetrum_source, django_capture_on_commit_callbacks, date="2026-12-01"
        )
    # then
    assert str(refused.value) == (
        "version 2027.01 changes the policy significantly and must be announced "
        "30 days before it takes effect: its effective date 2026-12-01 must be on "
        "or after 2026-12-23"
    )
    assert PolicyVersion.objects.count() == 1
    assert smtp_inbox.envelopes == []


def test_a_change_that_is_not_significant_is_not_emailed(
    clients, cinetrum_source, smtp_inbox, django_capture_on_commit_callbacks
):
    # given a new version number and date only
    source = cinetrum_source.replace(
        'version: "2026.11"', 'version: "2026.12"'
    ).replace("effective_date: 2026-11-01", "effective_date: 2026-12-01")
    # when
    with django_capture_on_commit_callbacks(execute=True):
        version = policy_publish(source=source)
    # then
    assert version.significant is False
    assert smtp_inbox.envelopes == []


def test_old_consent_still_counts_until_the_new_version_takes_effect(
    clients, cinetrum_source, smtp_inbox, django_capture_on_commit_callbacks
):
    # given: 2027.01 takes effect 60 days from today
    ana, _ = clients
    effective = timezone.localdate() + dt.timedelta(days=60)
    publish_widened(
        cinetrum_source,
        django_capture_on_commit_callbacks,
        date=effective.isoformat(),
        now=timezone.now(),
    )
    # when
    gate_reset()
    # then
    assert require_purpose(ana.subject_id, "marketing_email") is None
    assert reconsent_pending_for(ana.subject_id) == [
        ReconsentPending("marketing_email", "2027.01", effective, False)
    ]


@pytest.fixture
def widened_in_force(
    clients, cinetrum_source, smtp_inbox, django_capture_on_commit_callbacks
):
    """The widened version, published 40 days before 15 November 2026, now in force."""
    publish_widened(
        cinetrum_source,
        django_capture_on_commit_callbacks,
        version="2026.11.15",
        date="2026-11-15",
        now=dt.datetime(2026, 10, 6, 9, 0, tzinfo=dt.UTC),
    )
    gate_reset()
    return clients


def denial(subject_id, purpose):
    with pytest.raises(PurposeDenied) as denied:
        require_purpose(subject_id, purpose)
    return denied.value.reason


def test_old_consent_stops_counting_once_the_widened_version_is_in_force_not_03(
    widened_in_force,
):
    # given
    ana, _ = widened_in_force
    # then
    assert denial(ana.subject_id, "marketing_email") == DenialReason.CONSENT_OUTDATED


def test_fresh_consent_given_on_the_change_page_counts_again(widened_in_force):
    # given
    ana, _ = widened_in_force
    browser = signed_in_browser(ana.email)
    # when
    response = browser.post(
        "/privacy/changes/2026.11.15/consent/marketing_email/", {"consent": "yes"}
    )
    # then
    assert response.status_code == 302
    fresh = ConsentEvent.objects.filter(subject_id=ana.subject_id).latest("created_at")
    assert (fresh.action, fresh.policy_version) == ("granted", "2026.11.15")
    assert require_purpose(ana.subject_id, "marketing_email") is None
    assert reconsent_pending_for(ana.subject_id) == []


def test_an_unticked_consent_box_records_nothing(widened_in_force):
    # given
    ana, _ = widened_in_force
    browser = signed_in_browser(ana.email)
    before = ConsentEvent.objects.count()
    # when
    browser.post("/privacy/changes/2026.11.15/consent/marketing_email/", {})
    # then
    assert ConsentEvent.objects.count() == before
    assert denial(ana.subject_id, "marketing_email") == DenialReason.CONSENT_OUTDATED


def test_acknowledging_the_new_policy_is_recorded_and_never_counts_as_consent_law_06(
    widened_in_force,
):
    # given
    ana, ben = widened_in_force
    # when
    for client in (ana, ben):
        signed_in_browser(client.email).post("/privacy/changes/2026.11.15/acknowledge/")
    # then
    acknowledgements = NoticeAcknowledgement.objects.filter(
        policy_version="2026.11.15", surface="policy_change"
    )
    assert acknowledgements.count() == 2
    assert denial(ana.subject_id, "marketing_email") == DenialReason.CONSENT_OUTDATED
    assert denial(ben.subject_id, "marketing_email") == DenialReason.NO_CONSENT


def test_the_change_page_lists_the_changes_and_the_consents_to_renew(widened_in_force):
    # given
    ana, ben = widened_in_force
    # when
    ana_page = signed_in_browser(ana.email).get("/privacy/changes/2026.11.15/")
    ben_page = signed_in_browser(ben.email).get("/privacy/changes/2026.11.15/")
    # then
    assert (
        "Purpose &quot;Marketing e-mails&quot; now uses data Orders, bookings, "
        "downloads and licences." in ana_page.content.decode()
    )
    assert 'name="consent" value="yes" required>' in ana_page.content.decode()
    assert "checked" not in ana_page.content.decode()
    assert 'name="consent"' not in ben_page.content.decode()


def test_the_change_page_needs_a_signed_in_client(widened_in_force, client):
    # when
    response = client.get("/privacy/changes/2026.11.15/")
    # then
    assert response.status_code == 302
    assert response["Location"].startswith("/account/sign-in/")


def test_the_privacy_centre_shows_consents_to_give_again_not_03(widened_in_force):
    # given
    ana, ben = widened_in_force
    # when
    ana_page = signed_in_browser(ana.email).get("/account/privacy/").content.decode()
    ben_page = signed_in_browser(ben.email).get("/account/privacy/").content.decode()
    # then
    assert "<h2>Consents to give again</h2>" in ana_page
    assert (
        '<li data-renew="marketing_email"><strong>Marketing e-mails</strong>: version '
        "2026.11.15 took effect on 15 Nov 2026; until you consent again we have stopped."
    ) in ana_page
    assert 'href="/privacy/changes/2026.11.15/"' in ana_page
    assert "Consents to give again" not in ben_page


def test_the_privacy_centre_no_longer_asks_once_consent_is_renewed(widened_in_force):
    # given
    ana, _ = widened_in_force
    browser = signed_in_browser(ana.email)
    browser.post(
        "/privacy/changes/2026.11.15/consent/marketing_email/", {"consent": "yes"}
    )
    # when
    page = browser.get("/account/privacy/").content.decode()
    # then
    assert "Consents to give again" not in page


def test_change_notices_command_finishes_an_interrupted_send(
    clients, cinetrum_source, smtp_inbox
):
    # given the version was published but its background send never ran
    version = policy_publish(
        source=widened_marketing(cinetrum_source, "2027.01", "2027-01-01"),
        now=dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC),
    )
    NoticeDelivery.objects.create(
        topic="policy:2027.01",
        subject_id=clients[0].subject_id,
        state="sent",
        claimed_at=version.published_at,
    )
    out = StringIO()
    # when
    call_command("change_notices", stdout=out)
    # then
    assert out.getvalue() == (
        "Version 2027.01: 1 sent, 1 already told, 0 without an address, 0 failed "
        "(rerun to retry).\n"
    )
    assert [e.rcpt_tos for e in smtp_inbox.envelopes] == [["ben@example.com"]]


def test_change_notices_command_refuses_an_unknown_version(db):
    # when
    with pytest.raises(CommandError) as refused:
        call_command("change_notices", "--policy-version", "1999.01", stdout=StringIO())
    # then
    assert str(refused.value) == "No published policy version 1999.01."


def test_change_notices_command_sends_nothing_for_a_minor_version(
    db, first_version, smtp_inbox
):
    # given
    out = StringIO()
    # when
    call_command("change_notices", stdout=out)
    # then
    assert out.getvalue() == (
        "Version 2026.11 is not a significant change: announced on the site only, "
        "no e-mail.\n"
    )
    assert smtp_inbox.envelopes == []
