"""Background work of the notices app: e-mailing clients a significant policy change."""

from __future__ import annotations

from django_tasks import task

from candid.notices.changes import change_notices_send
from candid.notices.models import PolicyVersion


@task()
def change_notices_send_task(version_id: int) -> dict[str, int]:
    """E-mail every client not yet told of a significant version; safe to rerun (NOT-03)."""
    version = PolicyVersion.objects.get(pk=version_id)
    report = change_notices_send(version=version)
    return {
        "sent": report.sent,
        "no_address": report.no_address,
        "failed": report.failed,
    }
