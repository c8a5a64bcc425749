"""The breach register: the 72-hour clock, the people affected, assessment, notice (BR-01..04)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

import pytest

from candid.accounts.models import User
from candid.audit.models import AuditEvent
from candid.notices.selectors import declaration_active
from candid.registry.breaches import drafts, services
from candid.registry.breaches.selectors import (
    affected_find,
    authority_deadline,
    processor_notice,
)
from candid.registry.exceptions import BreachInvalid
from candid.registry.models import Breach, BreachNotice, BreachStep

AWARE = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
NOW = AWARE + dt.timedelta(hours=2)
HOUR = dt.timedelta(hours=1)


@pytest.fixture
def clients(account_factory):
    """Three clients, who joined on 1, 10 and 19 November 2026."""
    made = []
    for day, email in (
        (1, "ana@example.com"),
        (10, "ben@example.com"),
        (19, "cy@example.com"),
    ):
        account = account_factory(email)
        User.objects.filter(pk=account.pk).update(
            date_joined=dt.datetime(2026, 11, day, 12, tzinfo=dt.UTC)
        )
        made.append(account)
    return made


@pytest.fixture
def record(breach_keeper):
    """Record a breach of client e-mail addresses, with any fact overridden."""

    def make(**overrides) -> Breach:
        values = {
            "user": breach_keeper,
            "discovered_at": AWARE - 3 * HOUR,
            "aware_at": AWARE,
            "nature": "A booking export was sent to the wrong mailing list.",
            "kinds": ["confidentiality"],
            "data_categories": ["user.contact.email"],
            "likely_consequences": "Unwanted e-mail and phishing attempts.",
            "measures_taken": "The list was recalled and its members asked to delete it.",
            "now": NOW,
        }
        values.update(overrides)
        return services.breach_record(**values)

    return make


def test_recording_a_breach_starts_the_72_hour_clock_from_awareness_br_02(record):
    # when
    breach = record()
    # then
    assert authority_deadline(breach) == dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
    assert Breach.objects.get() == breach


def test_people_affected_are_counted_from_the_data_map_br_01(
    clients, record, breach_keeper
):
    # when
    breach = record()
    # then the three clients and the staff member's own account hold an address
    assert breach.subjects_count == 4
    affected = affected_find(categories=["user.contact.email"], record_types=[])
    users = next(m for m in affected.models if m.label == "accounts.User")
    assert (users.records, users.subjects, users.windowed) == (4, 4, True)
    people = [*clients, breach_keeper]
    assert affected.subject_ids == frozenset(p.subject_id for p in people)


def test_only_records_held_in_the_time_window_count_br_01(clients, record):
    # when
    breach = record(
        window_start=dt.datetime(2026, 11, 5, tzinfo=dt.UTC),
        window_end=dt.datetime(2026, 11, 15, tzinfo=dt.UTC),
    )
    # then
    assert breach.subjects_count == 1
    assert breach.records_count == 1


def test_a_record_type_alone_finds_its_rows(clients, record):
    # when
    breach = record(data_categories=[], record_types=["accounts.User"])
    # then
    assert (breach.subjects_count, breach.records_count) == (4, 4)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"data_categories": ["user.shoe_size"]},
            "Undeclared data categories: user.shoe_size.",
        ),
        ({"record_types": ["shop.Nothing"]}, "Unknown record types: shop.Nothing."),
        (
            {"aware_at": NOW + HOUR},
            "The studio cannot become aware of a breach in the future.",
        ),
        (
            {"discovered_at": AWARE + HOUR},
            "Awareness cannot come before the breach was discovered.",
        ),
        ({"nature": "  "}, "Describe the nature of the breach."),
        (
            {"kinds": ["misery"]},
            "Name what was breached: one or more of confidentiality, integrity, availability.",
        ),
        ({"data_categories": []}, "Pick the data categories or record types affected."),
        ({"processor_key": "acme"}, "'acme' is not a declared recipient."),
    ],
)
def test_bad_input_is_refused_and_nothing_is_recorded(record, overrides, message):
    # when
    with pytest.raises(BreachInvalid) as refused:
        record(**overrides)
    # then
    assert str(refused.value) == message
    assert not Breach.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="registry.").exists()


def test_every_step_is_audited_with_ids_and_counts_only(clients, record):
    # when
    breach = record()
    # then
    events = list(
        AuditEvent.objects.filter(action__startswith="registry.").order_by("sequence")
    )
    assert [e.action for e in events] == [
        "registry.breach_recorded",
        "registry.breach_subjects_counted",
    ]
    assert events[1].details["subjects"] == 4
    assert all(e.subject_id is None for e in events)
    assert [s.action for s in BreachStep.objects.filter(breach=breach)] == [
        "recorded",
        "subjects_counted",
    ]
    assert "example.com" not in str([e.details for e in events])


def test_an_exemption_needs_a_high_risk_br_03(record, breach_keeper):
    # given
    breach = record()
    # when
    with pytest.raises(BreachInvalid) as refused:
        services.breach_assess(
            breach=breach,
            user=breach_keeper,
            risk="risk",
            reason="r",
            exemption="unintelligible",
        )
    # then
    assert str(refused.value) == "An Art. 34(3) exemption only applies to a high risk."
    assert Breach.objects.get().risk == ""


def test_notification_after_72_hours_needs_reasons_for_delay_br_02(
    record, breach_keeper
):
    # given
    breach = record()
    late = AWARE + 73 * HOUR
    # when
    with pytest.raises(BreachInvalid) as refused:
        services.breach_authority_notified(
            breach=breach, user=breach_keeper, notified_at=late, now=late
        )
    # then
    assert "give the reasons for the delay" in str(refused.value)
    assert Breach.objects.get().authority_notified_at is None


def test_late_notification_with_reasons_is_recorded_br_02(record, breach_keeper):
    # given
    breach = record()
    late = AWARE + 73 * HOUR
    # when
    services.breach_authority_notified(
        breach=breach,
        user=breach_keeper,
        notified_at=late,
        reference="DPA-2026-117",
        delay_reasons="The forensic report arrived on day four.",
        now=late,
    )
    # then
    stored = Breach.objects.get()
    assert stored.authority_notified_at == late
    assert stored.delay_reasons == "The forensic report arrived on day four."
    step = BreachStep.objects.get(action="authority_notified")
    assert step.details == {"audience": "authority", "late": True, "first": True}


def test_notification_within_72_hours_needs_no_reasons(record, breach_keeper):
    # given
    breach = record()
    # when
    services.breach_authority_notified(
        breach=breach, user=breach_keeper, notified_at=NOW, now=NOW
    )
    # then
    assert Breach.objects.get().authority_notified_at == NOW


def test_authority_draft_holds_the_article_33_3_contents(
    clients, record, breach_keeper
):
    # given
    breach = record(measures_proposed="Move exports behind staff sign-in.")
    services.breach_assess(
        breach=breach, user=breach_keeper, risk="risk", reason="Addresses only."
    )
    # when
    notice = drafts.breach_notice_draft(
        breach=breach, user=breach_keeper, audience="authority", now=NOW
    )
    # then
    text = notice.text
    assert "(a) Nature of the breach" in text
    assert "A booking export was sent to the wrong mailing list." in text
    assert "Categories of personal data: E-mail address" in text
    assert "Approximate number of people concerned: 4" in text
    assert (
        "(b) Contact point for more information\nCinetrum Studio privacy lead, support@cinetrum.com"
        in text
    )
    assert "(c) Likely consequences\nUnwanted e-mail and phishing attempts." in text
    assert "Proposed: Move exports behind staff sign-in." in text
    assert "Reasons for the delay" not in text
    assert notice.phase == 1
    assert "<h2>(a) Nature of the breach</h2>" in notice.html


def test_a_late_draft_asks_for_the_reasons_for_delay_br_02(record, breach_keeper):
    # given
    breach = record()
    services.breach_assess(breach=breach, user=breach_keeper, risk="risk", reason="r")
    # when
    notice = drafts.breach_notice_draft(
        breach=breach, user=breach_keeper, audience="authority", now=AWARE + 80 * HOUR
    )
    # then
    assert "Reasons for the delay (Article 33(1)):\n[TO BE COMPLETED" in notice.text


def test_later_authority_drafts_are_numbered_phases(record, breach_keeper):
    # given
    breach = record()
    services.breach_assess(breach=breach, user=breach_keeper, risk="risk", reason="r")
    # when
    first = drafts.breach_notice_draft(
        breach=breach, user=breach_keeper, audience="authority"
    )
    second = drafts.breach_notice_draft(
        breach=breach, user=breach_keeper, audience="authority"
    )
    # then
    assert (first.phase, second.phase) == (1, 2)


def test_no_risk_breach_is_kept_without_an_authority_notice_br_01(
    record, breach_keeper
):
    # given
    breach = record()
    services.breach_assess(
        breach=breach, user=breach_keeper, risk="none", reason="Encrypted, key safe."
    )
    # when
    with pytest.raises(BreachInvalid):
        drafts.breach_notice_draft(
            breach=breach, user=breach_keeper, audience="authority"
        )
    services.breach_close(breach=breach, user=breach_keeper)
    # then
    stored = Breach.objects.get()
    assert stored.closed_at is not None
    assert not BreachNotice.objects.exists()


def test_people_are_told_only_of_a_high_risk_br_03(record, breach_keeper):
    # given
    breach = record()
    services.breach_assess(breach=breach, user=breach_keeper, risk="risk", reason="r")
    # when
    with pytest.raises(BreachInvalid) as refused:
        drafts.breach_notice_draft(
            breach=breach, user=breach_keeper, audience="subjects"
        )
    # then
    assert str(refused.value) == (
        "People are told of a breach when the risk to them is high (Art. 34(1))."
    )


def test_notice_to_people_is_plain_language_with_contact_and_measures_br_03(
    record, breach_keeper
):
    # given
    breach = record()
    services.breach_assess(breach=breach, user=breach_keeper, risk="high", reason="r")
    # when
    notice = drafts.breach_notice_draft(
        breach=breach, user=breach_keeper, audience="subjects"
    )
    # then
    assert notice.text.startswith(
        "Hello,\n\nWe are writing to tell you about a security"
    )
    assert "Your E-mail address may have been seen or taken by someone" in notice.text
    assert (
        "What this could mean for you\nUnwanted e-mail and phishing attempts."
        in notice.text
    )
    assert "If you have questions, contact Cinetrum Studio privacy lead" in notice.text
    assert "Article" not in notice.text


def test_a_public_notice_needs_the_disproportionate_effort_exemption_br_03(
    record, breach_keeper
):
    # given
    breach = record()
    services.breach_assess(breach=breach, user=breach_keeper, risk="high", reason="r")
    # when
    with pytest.raises(BreachInvalid) as refused:
        drafts.breach_notice_draft(breach=breach, user=breach_keeper, audience="public")
    # then
    assert "disproportionate effort" in str(refused.value)


def test_a_breach_cannot_close_before_the_authority_is_told(record, breach_keeper):
    # given
    breach = record()
    services.breach_assess(breach=breach, user=breach_keeper, risk="risk", reason="r")
    # when
    with pytest.raises(BreachInvalid) as refused:
        services.breach_close(breach=breach, user=breach_keeper)
    # then
    assert str(refused.value) == "Notify the authority before closing the breach."
    assert Breach.objects.get().closed_at is None


def test_a_processor_telling_the_studio_after_its_contract_hours_is_late_br_04(record):
    # given Stripe's contract gives it 48 hours to tell the studio
    breach = record(processor_key="stripe", processor_aware_at=AWARE - 50 * HOUR)
    # when
    found = processor_notice(breach, declaration_active())
    # then
    assert found.name == "Stripe"
    assert found.hours == 48
    assert found.due_at == AWARE - 2 * HOUR
    assert found.late is True


def test_a_processor_within_its_contract_hours_is_on_time_br_04(record):
    # given
    breach = record(processor_key="hosting", processor_aware_at=AWARE - 3 * HOUR)
    # when
    found = processor_notice(breach, declaration_active())
    # then
    assert (found.hours, found.late) == (24, False)


def test_updating_facts_recounts_and_keeps_the_clock(clients, record, breach_keeper):
    # given
    breach = record(data_categories=[], record_types=["accounts.User"])
    # when
    services.breach_update(
        breach=breach,
        user=breach_keeper,
        window_start=dt.datetime(2026, 11, 15, tzinfo=dt.UTC),
        now=NOW + HOUR,
    )
    # then the client who joined on the 19th and the staff account made today
    stored = Breach.objects.get()
    assert stored.subjects_count == 2
    assert stored.aware_at == AWARE
    assert timezone.is_aware(stored.counted_at)
