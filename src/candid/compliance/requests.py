"""Promises checked against the rights queue: requests answered, recipients told."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from candid.compliance.results import CheckResult, record_label
from candid.rights.models import Propagation, Request

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


RECIPIENTS_IN_TIME = (
    "Every recipient told of an erasure, correction or restriction in time "
    "(PRC-06, DSR-09, DSR-10, DSR-11; Art. 19)"
)
NO_PROPAGATIONS = "No erasure, correction or restriction had recipients to tell."


def check_recipients_told_in_time(*, now: dt.datetime | None = None) -> CheckResult:
    """Check that each recipient was told by its request's due date, or still can be.

    A correction or restriction is answered at once and its recipients are told in
    the background, so its request may be closed while one still waits: it fails
    when a recipient finished after the request's `due_on`, or has not finished
    and that date has passed. Each failure names the propagation, what it passes
    on, the recipient, its state and the date it was due.
    """
    today = timezone.localdate(now or timezone.now())
    propagations = list(
        Propagation.objects.select_related("request").order_by("created_at", "id")
    )
    if not propagations:
        return CheckResult(
            name=RECIPIENTS_IN_TIME, passed=True, details=(NO_PROPAGATIONS,)
        )
    failures = [
        failure
        for propagation in propagations
        if (failure := _recipient_late(propagation, today)) is not None
    ]
    return CheckResult.of(
        RECIPIENTS_IN_TIME,
        failures,
        passing=f"{len(propagations)} recipients told in time.",
    )


def _recipient_late(propagation: Propagation, today: dt.date) -> str | None:
    due = propagation.request.due_on
    label = (
        f"{record_label(Propagation, propagation.pk)} ({propagation.action} at "
        f"{propagation.recipient}, request {propagation.request_id})"
    )
    if propagation.finished:
        finished = timezone.localdate(propagation.finished_at or timezone.now())
        if finished <= due:
            return None
        return f"{label} finished on {finished:%Y-%m-%d}, after {due:%Y-%m-%d}"
    if due >= today:
        return None
    return f"{label} still {propagation.state}, due by {due:%Y-%m-%d}"
