"""Run every compliance check against the declaration in force and report."""

from __future__ import annotations

from candid.compliance.breaches import check_breaches_notified_in_time
from candid.compliance.cards import check_card_numbers
from candid.compliance.changes import check_change_notices_sent
from candid.compliance.integrity import check_annotations, check_audit_chain
from candid.compliance.ledgers import (
    check_marketing_consent,
    check_processors_declared,
)
from candid.compliance.requests import (
    check_recipients_told_in_time,
    check_requests_answered_in_time,
)
from candid.compliance.results import CheckResult
from candid.compliance.retention import check_retention
from candid.notices.selectors import declaration_active


def compliance_audit() -> list[CheckResult]:
    """Check the promises of the active declaration against live data and logs.

    Every check runs, whatever the others found, so one report lists every failure.
    """
    declaration = declaration_active()
    return [
        check_card_numbers(),
        check_audit_chain(),
        check_annotations(),
        check_marketing_consent(declaration=declaration),
        check_processors_declared(declaration=declaration),
        check_retention(declaration=declaration),
        check_requests_answered_in_time(),
        check_recipients_told_in_time(),
        check_breaches_notified_in_time(),
        check_change_notices_sent(),
    ]


def report_text(results: list[CheckResult]) -> str:
    """Return the report as plain text: one line per check, its details indented."""
    lines = []
    for result in results:
        lines.append(f"[{'PASS' if result.passed else 'FAIL'}] {result.name}")
        lines.extend(f"    {detail}" for detail in result.details)
    failed = sum(not result.passed for result in results)
    lines.append(f"{len(results) - failed} passed, {failed} failed.")
    return "\n".join(lines)
