"""Send one notice to many people: bounded, resumable, and never twice to anyone.

Each person's delivery is a `NoticeDelivery` row, unique per topic and subject. A
sender claims the row before sending and marks it sent after, so a rerun (after a
crash, or a second worker) skips everyone already told; a claim older than
STALE_CLAIM is taken to be a sender that died, and that person is tried again. An
SMTP error marks the row failed and the next run retries it. Sending happens
outside any transaction: a claim is committed before its e-mail leaves.
"""

from __future__ import annotations

import datetime as dt
import itertools
import smtplib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from candid.notices.models import DeliveryState, NoticeDelivery
from candid.notices.recipients import Recipient

STALE_CLAIM = dt.timedelta(minutes=15)
BATCH = 200
# Errors a later run may overcome: the mail server refused or could not be reached.
RETRYABLE = (smtplib.SMTPException, OSError)

Send = Callable[[Recipient], None]


@dataclass
class DeliveryReport:
    """How many people one run told, and how many it left for later or could not reach."""

    sent: int = 0
    already: int = 0
    no_address: int = 0
    failed: int = 0
    failed_subjects: list = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.sent + self.already + self.no_address + self.failed


def deliveries_send(
    *,
    topic: str,
    recipients: Iterable[Recipient],
    send: Send,
    on_skipped: Callable[[Recipient, str], None] | None = None,
    batch_size: int = BATCH,
    now: Callable[[], dt.datetime] = timezone.now,
) -> DeliveryReport:
    """Send `topic`'s notice, through `send`, to each recipient not yet told.

    Works through `recipients` in batches of `batch_size`, reading each batch's
    deliveries with one query. Returns the counts; `on_skipped` hears of each person
    left without the notice (no address, or a failure to retry).
    """
    report = DeliveryReport()
    for batch in _batches(recipients, batch_size):
        done = _states(topic, batch)
        for recipient in batch:
            state = done.get(recipient.subject_id)
            if state in (DeliveryState.SENT, DeliveryState.NO_ADDRESS):
                report.already += 1
                continue
            _deliver(topic, recipient, send, report, on_skipped, now)
    return report


def _batches(items: Iterable[Recipient], size: int) -> Iterator[list[Recipient]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _states(topic: str, batch: list[Recipient]) -> dict:
    rows = NoticeDelivery.objects.filter(
        topic=topic, subject_id__in=[r.subject_id for r in batch]
    ).values_list("subject_id", "state")
    return dict(rows)


def _deliver(
    topic: str,
    recipient: Recipient,
    send: Send,
    report: DeliveryReport,
    on_skipped: Callable[[Recipient, str], None] | None,
    now: Callable[[], dt.datetime],
) -> None:
    if not _claim(topic, recipient.subject_id, now()):
        report.already += 1
        return
    rows = NoticeDelivery.objects.filter(topic=topic, subject_id=recipient.subject_id)
    if not recipient.address:
        rows.update(state=DeliveryState.NO_ADDRESS)
        report.no_address += 1
        if on_skipped:
            on_skipped(recipient, DeliveryState.NO_ADDRESS)
        return
    try:
        send(recipient)
    except RETRYABLE:
        rows.update(state=DeliveryState.FAILED)
        report.failed += 1
        report.failed_subjects.append(recipient.subject_id)
        if on_skipped:
            on_skipped(recipient, DeliveryState.FAILED)
        return
    rows.update(state=DeliveryState.SENT, sent_at=now())
    report.sent += 1


def _claim(topic: str, subject_id, moment: dt.datetime) -> bool:
    """Take the delivery for this run; False if it is sent or another sender holds it."""
    try:
        with transaction.atomic():
            NoticeDelivery.objects.create(
                topic=topic,
                subject_id=subject_id,
                state=DeliveryState.CLAIMED,
                claimed_at=moment,
                attempts=1,
            )
        return True
    except IntegrityError:
        pass
    # A conditional update: of two runs retrying the same person, only one wins.
    retry = NoticeDelivery.objects.filter(topic=topic, subject_id=subject_id).filter(
        _retryable(moment)
    )
    claimed = retry.update(
        state=DeliveryState.CLAIMED, claimed_at=moment, attempts=F("attempts") + 1
    )
    return claimed == 1


def _retryable(moment: dt.datetime) -> Q:
    """Return the deliveries a run may take over: failed ones, and stale claims."""
    return Q(state=DeliveryState.FAILED) | Q(
        state=DeliveryState.CLAIMED, claimed_at__lt=moment - STALE_CLAIM
    )
