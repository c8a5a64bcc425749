"""Sweeps delete exactly what is past its period, in resumable, audited batches."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest

from candid.audit.models import AuditEvent
from candid.retention import events
from candid.retention.exceptions import RetentionError, UnknownRule
from candid.retention.models import SweepCursor
from candid.retention.services import legal_hold_place
from candid.retention.sweeps import retention_sweep
from tests.retention.conftest import EMAIL_LOG_RULE, NOW, WEB_LOG_PERIOD, swept_events
from tests.retention.testapp.models import (
    Attachment,
    AttachmentUse,
    Enquiry,
    WebLogEntry,
)

WEB_LOG = "web_log:collected"
JUST_INSIDE = NOW - WEB_LOG_PERIOD + dt.timedelta(seconds=1)
JUST_PAST = NOW - WEB_LOG_PERIOD - dt.timedelta(seconds=1)


def _outcome(report, model="retention_testapp.WebLogEntry"):
    (outcome,) = [o for o in report.outcomes if o.model == model]
    return outcome


def test_sweep_deletes_exactly_the_rows_past_their_period(web_log):
    """RET-02: a fake clock just past the 30-day period; only those rows go."""
    # given
    old, older, fresh = web_log(JUST_PAST, NOW - dt.timedelta(days=400), JUST_INSIDE)
    # when
    report = retention_sweep(now=NOW, rules=[WEB_LOG])
    # then
    assert list(WebLogEntry.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert (_outcome(report).rows, _outcome(report).action) == (2, "delete")


def test_a_second_sweep_changes_nothing(web_log):
    # given
    web_log(JUST_PAST, JUST_PAST, JUST_INSIDE)
    retention_sweep(now=NOW, rules=[WEB_LOG])
    # when
    report = retention_sweep(now=NOW, rules=[WEB_LOG])
    # then
    assert _outcome(report).rows == 0
    assert WebLogEntry.objects.count() == 1


def test_dry_run_counts_per_rule_and_model_and_changes_nothing(web_log):
    # given
    web_log(JUST_PAST, JUST_PAST, JUST_INSIDE)
    events_before = AuditEvent.objects.count()
    # when
    report = retention_sweep(now=NOW, rules=[WEB_LOG], dry_run=True)
    # then
    outcome = _outcome(report)
    assert (outcome.rule, outcome.rows, outcome.held, outcome.action) == (
        WEB_LOG,
        2,
        0,
        "delete",
    )
    assert WebLogEntry.objects.count() == 3
    assert AuditEvent.objects.count() == events_before
    assert not SweepCursor.objects.exists()


def test_each_batch_and_the_sweep_record_their_counts_in_the_audit_log(web_log):
    """RET-02: counts per batch, rule and model; totals per sweep; no values."""
    # given
    web_log(*[JUST_PAST] * 5)
    # when
    retention_sweep(now=NOW, rules=[WEB_LOG], batch_size=2)
    # then
    batch = {
        "event": "batch",
        "rule": WEB_LOG,
        "model": "retention_testapp.weblogentry",
        "action": "delete",
        "blocked": 0,
        "files": 0,
    }
    assert swept_events() == [
        {**batch, "rows": 2},
        {**batch, "rows": 2},
        {**batch, "rows": 1},
        {
            "event": "sweep",
            "targets": 1,
            "deleted": 5,
            "anonymised": 0,
            "blocked": 0,
            "held": 0,
        },
    ]


def test_a_crashed_sweep_resumes_after_its_last_committed_batch(web_log):
    # given
    rows = web_log(*[JUST_PAST] * 5)
    real = events.batch_swept
    calls = []

    def crash_on_second(**kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("worker killed")
        real(**kwargs)

    with (
        mock.patch.object(events, "batch_swept", crash_on_second),
        pytest.raises(RuntimeError),
    ):
        retention_sweep(now=NOW, rules=[WEB_LOG], batch_size=2)
    cursor = SweepCursor.objects.get()
    assert cursor.last_pk == str(rows[1].pk)
    assert WebLogEntry.objects.count() == 3
    # when
    report = retention_sweep(now=NOW, rules=[WEB_LOG], batch_size=2)
    # then
    assert _outcome(report).rows == 3
    assert WebLogEntry.objects.count() == 0
    cursor.refresh_from_db()
    assert (cursor.last_pk, cursor.finished_at) == ("", NOW)


def test_a_new_pass_starts_from_the_beginning_after_one_finished(web_log):
    # given
    web_log(JUST_PAST)
    retention_sweep(now=NOW, rules=[WEB_LOG])
    (early,) = web_log(NOW - dt.timedelta(days=100))
    # when
    report = retention_sweep(now=NOW, rules=[WEB_LOG])
    # then
    assert _outcome(report).rows == 1
    assert not WebLogEntry.objects.filter(pk=early.pk).exists()


@pytest.mark.parametrize("batch_size", [0, -1, 100_001, "10", True])
def test_a_bad_batch_size_is_refused_and_nothing_changes(web_log, batch_size):
    # given
    web_log(JUST_PAST)
    # when
    with pytest.raises(RetentionError) as raised:
        retention_sweep(now=NOW, batch_size=batch_size)
    # then
    assert str(raised.value) in (
        "The batch size must be 1 to 100,000.",
        "The batch size must be a whole number.",
    )
    assert WebLogEntry.objects.count() == 1
    assert not AuditEvent.objects.filter(action="retention.swept").exists()


def test_an_undeclared_rule_is_refused_and_nothing_changes(web_log):
    # given
    web_log(JUST_PAST)
    # when
    with pytest.raises(UnknownRule) as raised:
        retention_sweep(now=NOW, rules=[WEB_LOG, "web_log:forever"])
    # then
    assert str(raised.value).startswith(
        "The declaration in force has no retention rule web_log:forever; its rules are "
    )
    assert WebLogEntry.objects.count() == 1


def test_deleted_rows_take_their_files_with_them(db, declare):
    # given
    declare(EMAIL_LOG_RULE)
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    name = default_storage.save("attachments/a.bin", ContentFile(b"x"))
    Attachment.objects.create(created_at=NOW - dt.timedelta(days=3650), file_name=name)
    # when
    report = retention_sweep(now=NOW, rules=["email_log:collected"])
    # then
    outcome = _outcome(report, "retention_testapp.Attachment")
    assert (outcome.rows, outcome.files) == (1, 1)
    assert not default_storage.exists(name)
    assert not Attachment.objects.exists()


def test_a_row_another_row_protects_is_blocked_and_reported_not_lost(db, declare):
    # given
    declare(EMAIL_LOG_RULE)
    old = NOW - dt.timedelta(days=3650)
    kept = Attachment.objects.create(created_at=old, file_name="")
    gone = Attachment.objects.create(created_at=old, file_name="")
    AttachmentUse.objects.create(attachment=kept)
    # when
    report = retention_sweep(now=NOW, rules=["email_log:collected"])
    # then
    outcome = _outcome(report, "retention_testapp.Attachment")
    assert (outcome.rows, outcome.blocked) == (1, 1)
    assert list(Attachment.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not Attachment.objects.filter(pk=gone.pk).exists()
    assert swept_events()[0]["blocked"] == 1


def _enquiry(age: dt.timedelta) -> Enquiry:
    return Enquiry.objects.create(
        received_at=NOW - age, topic="Wedding", message="Call me on 07700 900000"
    )


def test_an_anonymise_rule_empties_every_personal_field_and_keeps_the_row(db, declare):
    # given
    declare(
        "{record: contact_enquiry, period: 12 months, trigger: collected, "
        "action: anonymise, reason: Test rule.}"
    )
    old = _enquiry(dt.timedelta(days=400))
    recent = _enquiry(dt.timedelta(days=10))
    # when
    report = retention_sweep(now=NOW, rules=["contact_enquiry:collected"])
    again = retention_sweep(now=NOW, rules=["contact_enquiry:collected"])
    # then
    outcome = _outcome(report, "retention_testapp.Enquiry")
    assert (outcome.action, outcome.rows) == ("anonymise", 1)
    assert _outcome(again, "retention_testapp.Enquiry").rows == 0
    assert Enquiry.objects.filter(pk=old.pk).values("topic", "message").get() == {
        "topic": "",
        "message": None,
    }
    assert Enquiry.objects.get(pk=recent.pk).topic == "Wedding"


def test_a_keep_rule_keeps_for_its_period_and_then_deletes(db, declare):
    """RET-01: kept under a legal obligation for the period, nothing beyond."""
    # given
    declare(
        "{record: contact_enquiry, period: 12 months, trigger: collected, "
        "action: keep, legal_obligation: A test obligation., reason: Test rule.}"
    )
    old = _enquiry(dt.timedelta(days=400))
    recent = _enquiry(dt.timedelta(days=300))
    # when
    retention_sweep(now=NOW, rules=["contact_enquiry:collected"])
    # then
    assert list(Enquiry.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not Enquiry.objects.filter(pk=old.pk).exists()


def test_dry_run_and_sweep_count_the_rows_a_hold_keeps(web_log, hold_staff):
    """RET-03: held rows are counted apart and never touched."""
    # given
    held, _ = web_log(JUST_PAST, JUST_PAST)
    legal_hold_place(
        staff=hold_staff,
        kind="dispute",
        reason="Dispute",
        record_model="retention_testapp.WebLogEntry",
        record_pk=str(held.pk),
        now=JUST_PAST,
    )
    # when
    dry = _outcome(retention_sweep(now=NOW, rules=[WEB_LOG], dry_run=True))
    swept = _outcome(retention_sweep(now=NOW, rules=[WEB_LOG]))
    # then
    assert (dry.rows, dry.held) == (1, 1)
    assert (swept.rows, swept.held) == (1, 1)
    assert list(WebLogEntry.objects.values_list("pk", flat=True)) == [held.pk]
    assert swept_events()[-1]["held"] == 1


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_take_turns_and_delete_each_row_once(web_log):
    """A re-enqueued sweep running beside the first: batches lock the cursor."""
    # given
    from threading import Thread

    from django.db import connections

    web_log(*[JUST_PAST] * 40)
    deleted: list[int] = []
    errors: list[BaseException] = []

    def sweep() -> None:
        try:
            report = retention_sweep(now=NOW, rules=[WEB_LOG], batch_size=3)
            deleted.append(_outcome(report).rows)
        except BaseException as error:  # noqa: BLE001 - reported by the assertion
            errors.append(error)
        finally:
            connections.close_all()

    threads = [Thread(target=sweep) for _ in range(2)]
    # when
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then
    assert errors == []
    assert sum(deleted) == 40
    assert WebLogEntry.objects.count() == 0
    batches = [d for d in swept_events() if d["event"] == "batch"]
    assert sum(d["rows"] for d in batches) == 40
