"""Background work of the registry: sending approved breach notices to people."""

from __future__ import annotations

from django_tasks import task

from candid.registry.breaches.sending import breach_notices_send
from candid.registry.models import BreachNotice


@task()
def breach_notices_send_task(notice_id: int) -> dict[str, int]:
    """Send an approved breach notice to everyone affected not yet told; safe to rerun."""
    notice = BreachNotice.objects.select_related("breach").get(pk=notice_id)
    report = breach_notices_send(notice=notice)
    return {
        "sent": report.sent,
        "no_address": report.no_address,
        "failed": report.failed,
    }
