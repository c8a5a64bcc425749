"""Settings of retention, read when asked, never at import time."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings


def backup_dir() -> Path | None:
    """Return CANDID_BACKUP_DIR, the folder backups are written to, or None if unset.

    Retention reports every backup file in it older than the declared backup
    retention (RET-05); it never deletes them itself.
    """
    configured = getattr(settings, "CANDID_BACKUP_DIR", None)
    return Path(configured) if configured else None
