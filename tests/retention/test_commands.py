"""`candid retention_sweep`: counts per rule and model, dry run, task, backups."""

from __future__ import annotations

import datetime as dt
import os
from io import StringIO

from django.core.management import CommandError, call_command
from django.utils import timezone

import pytest

from candid.retention.tasks import retention_sweep_task
from tests.retention.testapp.models import WebLogEntry

WEB_LOG = "web_log:collected"


@pytest.fixture
def expired_and_fresh(web_log):
    now = timezone.now()
    return web_log(now - dt.timedelta(days=31), now - dt.timedelta(days=40), now)


def _line(output: str, rule: str) -> str:
    (line,) = [line for line in output.splitlines() if line.strip().startswith(rule)]
    return " ".join(line.split())


def test_dry_run_prints_what_would_go_and_changes_nothing(expired_and_fresh):
    # when
    out = StringIO()
    call_command("retention_sweep", "--dry-run", "--rule", WEB_LOG, stdout=out)
    # then
    output = out.getvalue()
    assert output.startswith("Dry run at ")
    assert _line(output, WEB_LOG) == (
        "web_log:collected retention_testapp.WebLogEntry would delete 2"
    )
    assert "No backup older than 35 days." in output
    assert WebLogEntry.objects.count() == 3


def test_the_sweep_prints_what_went(expired_and_fresh):
    # when
    out = StringIO()
    call_command("retention_sweep", "--rule", WEB_LOG, "--batch-size", "1", stdout=out)
    # then
    assert _line(out.getvalue(), WEB_LOG) == (
        "web_log:collected retention_testapp.WebLogEntry deleted 2"
    )
    assert WebLogEntry.objects.count() == 1


def test_an_unknown_rule_is_a_clear_error_and_nothing_changes(expired_and_fresh):
    # when
    with pytest.raises(CommandError) as raised:
        call_command("retention_sweep", "--rule", "web_log:never", stdout=StringIO())
    # then
    assert str(raised.value).startswith(
        "The declaration in force has no retention rule web_log:never;"
    )
    assert WebLogEntry.objects.count() == 3


def test_backups_kept_too_long_are_listed(expired_and_fresh, settings, tmp_path):
    # given
    settings.CANDID_BACKUP_DIR = str(tmp_path)
    backup = tmp_path / "db-2026-01-01.sql.gz"
    backup.write_bytes(b"x")
    old = (timezone.now() - dt.timedelta(days=40)).timestamp()
    os.utime(backup, (old, old))
    # when
    out = StringIO()
    call_command("retention_sweep", "--dry-run", stdout=out)
    # then
    assert out.getvalue().endswith(
        f"1 backup file(s) older than 35 days:\n  {backup} (40 days old)\n"
    )


def test_enqueue_hands_the_sweep_to_the_task_worker(expired_and_fresh):
    """RET-02: cron or a timer enqueues the daily sweep; tests run tasks at once."""
    # when
    out = StringIO()
    call_command("retention_sweep", "--enqueue", stdout=out)
    # then
    assert out.getvalue().startswith("Retention sweep enqueued as task ")
    assert WebLogEntry.objects.count() == 1


def test_the_task_is_safe_to_enqueue_twice(expired_and_fresh):
    # when
    first = retention_sweep_task.enqueue()
    second = retention_sweep_task.enqueue()
    # then
    assert first.return_value["deleted"] >= 2
    assert second.return_value == {
        "deleted": 0,
        "anonymised": 0,
        "held": 0,
        "blocked": 0,
    }
    assert WebLogEntry.objects.count() == 1
