"""Promise checked against live data: nothing kept past its declared retention."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from candid.compliance.results import CheckResult, record_label
from candid.policy.schema import Declaration
from candid.retention.backups import backups_overdue
from candid.retention.schedule import targets_for
from candid.retention.sweeps import expired_unheld

RETENTION = "No data past its retention (RET-01, RET-02, RET-05)"
NAMED_PER_RULE = 10


def check_retention(
    *, declaration: Declaration, now: dt.datetime | None = None
) -> CheckResult:
    """Check that no row is past its declared period and no backup past its own.

    Rows under a legal hold are kept lawfully and pass; every other row a sweep
    would delete or anonymise now fails the check, named by model and key (the
    first ten per rule, then the count), as does every backup file older than the
    declared backup retention.
    """
    now = now or timezone.now()
    failures = []
    targets = targets_for(declaration)
    for target in targets:
        rows = expired_unheld(target, now=now)
        count = rows.count()
        if not count:
            continue
        pks = rows.order_by("pk").values_list("pk", flat=True)[:NAMED_PER_RULE]
        named = ", ".join(record_label(target.model, pk) for pk in pks)
        more = f" and {count - NAMED_PER_RULE} more" if count > NAMED_PER_RULE else ""
        failures.append(
            f"Rule '{target.rule_key}' ({target.rule.action} after "
            f"{target.rule.period}): {named}{more}"
        )
    retention = declaration.backups.retention
    failures += [
        f"Backup {backup.path} is {backup.age_days} days old (kept {retention})"
        for backup in backups_overdue(declaration=declaration, now=now)
    ]
    return CheckResult.of(
        RETENTION, failures, passing=f"{len(targets)} rule targets checked."
    )
