"""Promises checked against the breach register: the authority told in time (BR-02)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from candid.compliance.results import CheckResult
from candid.registry.breaches.selectors import authority_deadline, authority_notice_due
from candid.registry.models import Breach, Exemption, RiskLevel

BREACHES_IN_TIME = (
    "Every breach notified to the authority within 72 hours, or with reasons (BR-02)"
)
NO_BREACHES = "No breaches recorded."
# Art. 34(3)(a)-(b): no notice to people at all; (c) needs a public notice instead.
NO_NOTICE_NEEDED = (Exemption.UNINTELLIGIBLE, Exemption.LATER_MEASURES)


def check_breaches_notified_in_time(*, now: dt.datetime | None = None) -> CheckResult:
    """Check that every breach that called for it reached the authority in time.

    A breach fails if its 72 hours ran out with the authority still to be told
    (unless assessed as no risk), or if it was told late without the reasons for
    the delay (Art. 33(1)); a high-risk breach fails once closed without the people
    being told, unless an Art. 34(3) exemption was recorded. Each failure names the
    breach.
    """
    now = now or timezone.now()
    breaches = list(Breach.objects.order_by("aware_at", "id"))
    if not breaches:
        return CheckResult(name=BREACHES_IN_TIME, passed=True, details=(NO_BREACHES,))
    failures = [
        failure for breach in breaches if (failure := _failure(breach, now)) is not None
    ]
    return CheckResult.of(
        BREACHES_IN_TIME, failures, passing=f"{len(breaches)} breaches in order."
    )


def _failure(breach: Breach, now: dt.datetime) -> str | None:
    label = f"registry.Breach #{breach.pk}"
    deadline = authority_deadline(breach)
    if authority_notice_due(breach) and now > deadline:
        return (
            f"{label} authority not notified, 72 hours ended {deadline:%Y-%m-%d %H:%M}"
        )
    notified = breach.authority_notified_at
    if notified and notified > deadline and not breach.delay_reasons.strip():
        return f"{label} notified late without reasons for the delay"
    if (
        breach.closed_at is not None
        and breach.risk == RiskLevel.HIGH
        and breach.exemption not in NO_NOTICE_NEEDED
        and breach.subjects_notified_at is None
    ):
        return f"{label} closed without telling the people affected"
    return None
