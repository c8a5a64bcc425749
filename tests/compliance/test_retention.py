"""The self-audit names every record past its retention, and every old backup."""

from __future__ import annotations

import datetime as dt
import os

from candid.compliance.retention import RETENTION, check_retention
from candid.notices.selectors import declaration_active
from candid.retention.services import legal_hold_place
from tests.retention.testapp.models import WebLogEntry

NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)


def _entry(age_days: int) -> WebLogEntry:
    return WebLogEntry.objects.create(
        at=NOW - dt.timedelta(days=age_days),
        path="/",
        status=200,
        network="203.0.113.0",
    )


def test_rows_past_their_period_fail_the_check_by_name(db, settings):
    # given
    settings.CANDID_BACKUP_DIR = ""
    expired = [_entry(40) for _ in range(12)]
    _entry(1)
    # when
    result = check_retention(declaration=declaration_active(), now=NOW)
    # then
    assert (result.name, result.passed) == (RETENTION, False)
    named = ", ".join(
        f"retention_testapp.WebLogEntry #{row.pk}" for row in expired[:10]
    )
    assert result.details == (
        f"Rule 'web_log:collected' (delete after 30 days): {named} and 2 more",
    )


def test_held_rows_and_fresh_rows_pass(db, settings, staff_factory):
    # given
    settings.CANDID_BACKUP_DIR = ""
    held = _entry(40)
    _entry(1)
    legal_hold_place(
        staff=staff_factory("add_legalhold"),
        kind="dispute",
        reason="Dispute",
        record_model="retention_testapp.WebLogEntry",
        record_pk=str(held.pk),
        now=NOW - dt.timedelta(days=1),
    )
    # when
    result = check_retention(declaration=declaration_active(), now=NOW)
    # then
    assert result.passed
    assert result.details[0].endswith(" rule targets checked.")


def test_a_backup_past_the_backup_retention_fails_the_check(db, settings, tmp_path):
    # given
    settings.CANDID_BACKUP_DIR = str(tmp_path)
    backup = tmp_path / "old.sql.gz"
    backup.write_bytes(b"x")
    moment = (NOW - dt.timedelta(days=50)).timestamp()
    os.utime(backup, (moment, moment))
    # when
    result = check_retention(declaration=declaration_active(), now=NOW)
    # then
    assert result.details == (f"Backup {backup} is 50 days old (kept 35 days)",)
