"""The audit chain intact (SEC-07) and every model field annotated (data map)."""

from __future__ import annotations

from django.core.checks import ERROR

from candid.audit.verification import audit_verify
from candid.compliance.results import CheckResult
from candid.datamap.checks import check_data_map

CHAIN = "Audit chain intact (SEC-07)"
ANNOTATIONS = "Every model field annotated"


def check_audit_chain() -> CheckResult:
    """Check that the audit log's hash chain verifies end to end (SEC-07).

    A broken chain names the first event whose link fails.
    """
    result = audit_verify()
    return CheckResult(name=CHAIN, passed=result.intact, details=(result.message,))


def check_annotations() -> CheckResult:
    """Check that the data map accounts for every stored field of every Candid model.

    Reuses the start-up check of the data map, so a field added without annotation
    (or with a category the declaration in force does not declare) fails the audit
    even when start-up checks were skipped.
    """
    failures = [
        f"{message.id}: {message.msg}"
        for message in check_data_map()
        if message.level >= ERROR
    ]
    return CheckResult.of(ANNOTATIONS, failures)
