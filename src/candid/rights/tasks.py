"""Background work of rights requests: the erasure's batches and each recipient's part.

Tasks take ids only (STYLE §6): the queue table never holds a personal value. Each
calls one idempotent service, so a task run twice, or after a crash, finishes the
same work once.
"""

from __future__ import annotations

import uuid

from django_tasks import task

from candid.rights.services.erasure import erasure_run
from candid.rights.services.propagation import propagation_run


@task()
def erasure_run_task(job_id: str) -> dict[str, int | str]:
    """Erase the rows of an erasure job's subject, then queue the recipients."""
    job = erasure_run(job_id=uuid.UUID(job_id))
    return {
        "stage": str(job.stage),
        "deleted": job.rows_deleted,
        "minimised": job.rows_minimised,
    }


@task()
def propagation_run_task(propagation_id: int) -> str:
    """Ask one recipient to erase the subject; return the propagation's state."""
    return str(propagation_run(propagation_id=propagation_id).state)
