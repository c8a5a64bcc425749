"""The retention sweep as a background task, to run at least daily (RET-02).

Enqueue it from cron or a systemd timer with `candid retention_sweep --enqueue`
(see README, "Retention"). Enqueuing it twice is safe: each batch locks its
target's cursor, so two runs take turns and the second finds nothing left to do.
"""

from __future__ import annotations

from django_tasks import task

from candid.retention.sweeps import DEFAULT_BATCH_SIZE, retention_sweep


@task()
def retention_sweep_task(batch_size: int = DEFAULT_BATCH_SIZE) -> dict[str, int]:
    """Sweep every declared retention rule; return the totals (counts only)."""
    report = retention_sweep(batch_size=batch_size)
    return {
        "deleted": report.total("delete"),
        "anonymised": report.total("anonymise"),
        "held": report.held,
        "blocked": report.blocked,
    }
