"""Promise checked against the rights queue: every request answered in time."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from candid.compliance.results import CheckResult
from candid.rights.models import Request

REQUESTS_IN_TIME = (
    "Every rights request answered in time (DSR-03, DSR-04, CA-02; Art. 12(3))"
)
NO_REQUESTS = "No rights requests received."


def check_requests_answered_in_time(*, now: dt.datetime | None = None) -> CheckResult:
    """Check that each rights request was answered by its due date, or still can be.

    A closed request fails if its answer (`responded_at`) came after `due_on`, the
    due date with any extension made in time; an open one fails once `due_on` has
    passed, unless its clock is paused while the requester narrows the request
    (UK Art. 12A). A request whose receipt had to be confirmed by a date (CCPA
    10 business days) fails if it was confirmed late or not at all once that date
    passed. Each failure names the request and how late it is.
    """
    today = timezone.localdate(now or timezone.now())
    requests = list(Request.objects.order_by("due_on", "received_at", "id"))
    if not requests:
        return CheckResult(name=REQUESTS_IN_TIME, passed=True, details=(NO_REQUESTS,))
    failures = [
        failure
        for request in requests
        for failure in (_answer_late(request, today), _receipt_late(request, today))
        if failure is not None
    ]
    return CheckResult.of(
        REQUESTS_IN_TIME, failures, passing=f"{len(requests)} requests in time."
    )


def _label(request: Request) -> str:
    return f"rights.Request {request.id} ({request.type})"


def _answer_late(request: Request, today: dt.date) -> str | None:
    if request.responded_at is not None:
        answered = timezone.localdate(request.responded_at)
        if answered <= request.due_on:
            return None
        days = (answered - request.due_on).days
        return (
            f"{_label(request)} answered on {answered:%Y-%m-%d}, "
            f"{days} day(s) after it was due on {request.due_on:%Y-%m-%d}"
        )
    if not request.open or request.paused_at is not None or request.due_on >= today:
        return None
    days = (today - request.due_on).days
    return (
        f"{_label(request)} still open, {days} day(s) past its due date "
        f"{request.due_on:%Y-%m-%d}"
    )


def _receipt_late(request: Request, today: dt.date) -> str | None:
    due = request.confirm_receipt_by
    if due is None:
        return None
    confirmed = request.receipt_confirmed_at
    if confirmed is None:
        if due >= today:
            return None
        return f"{_label(request)} receipt not confirmed, due by {due:%Y-%m-%d}"
    if timezone.localdate(confirmed) <= due:
        return None
    return (
        f"{_label(request)} receipt confirmed on "
        f"{timezone.localdate(confirmed):%Y-%m-%d}, after {due:%Y-%m-%d}"
    )
