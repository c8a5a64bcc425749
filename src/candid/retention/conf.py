"""Settings of retention, read when asked, never at import time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def backup_dir() -> Path | None:
    """Return CANDID_BACKUP_DIR, the folder backups are written to, or None if unset.

    Retention reports every backup file in it older than the declared backup
    retention (RET-05); it never deletes them itself.
    """
    configured = getattr(settings, "CANDID_BACKUP_DIR", None)
    return Path(configured) if configured else None


def financial_year_start() -> tuple[int, int]:
    """Return CANDID_FINANCIAL_YEAR_START as (month, day): "01-01" unless set.

    Rules triggered at `end_of_financial_year` count their period from the end of
    the studio's financial year, e.g. "04-06" for the UK tax year.
    """
    text = getattr(settings, "CANDID_FINANCIAL_YEAR_START", "") or "01-01"
    try:
        month, day = (int(part) for part in text.split("-"))
        first = dt.date(2001, month, day)  # A year without 29 February.
    except ValueError:
        raise ImproperlyConfigured(
            f"CANDID_FINANCIAL_YEAR_START must be MM-DD, e.g. 04-06, not {text!r}"
        ) from None
    return first.month, first.day
