"""Backups older than the declared backup retention (RET-05, policy `backups:`).

Backups are written by the operator's own tools into CANDID_BACKUP_DIR; Candid reads
only their names and modification times and reports those kept longer than the
declaration promises, for the sweep's output and the compliance report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from candid.policy.schema import Declaration
from candid.retention import conf
from candid.retention.schedule import before


@dataclass(frozen=True)
class OverdueBackup:
    """One backup file kept past the declared retention: its path and age in days."""

    path: Path
    modified_at: dt.datetime
    age_days: int


def backups_overdue(
    *, declaration: Declaration, now: dt.datetime, directory: Path | None = None
) -> list[OverdueBackup]:
    """Return the backup files older than `backups.retention`, oldest first.

    Files are found recursively under CANDID_BACKUP_DIR (or `directory`); an unset
    or missing folder has nothing to report.
    """
    directory = directory if directory is not None else conf.backup_dir()
    if directory is None or not directory.is_dir():
        return []
    cutoff = before(declaration.backups.retention, now)
    overdue = []
    for path in sorted(directory.rglob("*")):
        if not path.is_file():
            continue
        modified = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC)
        if modified < cutoff:
            age = (now - modified).days
            overdue.append(OverdueBackup(path=path, modified_at=modified, age_days=age))
    return sorted(overdue, key=lambda backup: backup.modified_at)
