"""Backups kept past the declared backup retention are reported (RET-05)."""

from __future__ import annotations

import datetime as dt
import os

from candid.notices.selectors import declaration_active
from candid.retention.backups import backups_overdue
from tests.retention.conftest import NOW


def _backup(folder, name: str, age: dt.timedelta):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"backup")
    moment = (NOW - age).timestamp()
    os.utime(path, (moment, moment))
    return path


def test_backups_older_than_the_declared_35_days_are_reported_oldest_first(
    db, settings, tmp_path
):
    # given
    settings.CANDID_BACKUP_DIR = str(tmp_path)
    old = _backup(tmp_path, "2026-10-01.sql.gz", dt.timedelta(days=36))
    older = _backup(tmp_path, "keys/2026-09-01.sql.gz", dt.timedelta(days=80))
    _backup(tmp_path, "2026-11-22.sql.gz", dt.timedelta(days=34))
    # when
    overdue = backups_overdue(declaration=declaration_active(), now=NOW)
    # then
    assert [(b.path, b.age_days) for b in overdue] == [(older, 80), (old, 36)]


def test_no_backup_folder_configured_or_present_reports_nothing(db, settings, tmp_path):
    declaration = declaration_active()
    settings.CANDID_BACKUP_DIR = ""
    assert backups_overdue(declaration=declaration, now=NOW) == []
    settings.CANDID_BACKUP_DIR = str(tmp_path / "missing")
    assert backups_overdue(declaration=declaration, now=NOW) == []
