"""A fixed clock, web-log rows around their 30-day period, and staff with hold roles."""

from __future__ import annotations

import datetime as dt

import pytest

from candid.audit.models import AuditEvent
from tests.retention.testapp.models import WebLogEntry

NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
WEB_LOG_PERIOD = dt.timedelta(days=30)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CANDID_BACKUP_DIR = ""


@pytest.fixture
def web_log(db):
    """Make web-log rows collected at the given moments; return them in order."""

    def make(*moments: dt.datetime) -> list[WebLogEntry]:
        return [
            WebLogEntry.objects.create(
                at=moment, path="/portfolio/", status=200, network="203.0.113.0"
            )
            for moment in moments
        ]

    return make


def swept_events() -> list[dict]:
    """Return the details of every retention.swept event, oldest first."""
    return [
        event.details
        for event in AuditEvent.objects.filter(action="retention.swept").order_by(
            "sequence"
        )
    ]


@pytest.fixture
def hold_staff(staff_factory):
    return staff_factory("add_legalhold", "release_legalhold", "view_legalhold")


@pytest.fixture
def declare(settings, tmp_path, cinetrum_source):
    """Put in force the demo declaration with extra retention rules (YAML lines)."""

    def write(*rules: str) -> None:
        extra = "".join(f"  - {rule}\n" for rule in rules)
        source = cinetrum_source.replace("retention:\n", f"retention:\n{extra}", 1)
        path = tmp_path / "policy.yaml"
        path.write_text(source, encoding="utf-8")
        settings.CANDID_POLICY_FILE = path

    return write


EMAIL_LOG_RULE = (
    "{record: email_log, period: 1 year, trigger: collected, action: delete, "
    "reason: Test rule.}"
)
