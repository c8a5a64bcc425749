"""Approve a drafted breach notice and send it to the people affected (BR-03).

Notices to people go out only after staff approve the draft, through the declared
`security_notice` service message, one e-mail per person, recorded so that a
rerun after a crash or an SMTP failure tells only those not yet told.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db import transaction
from django.utils import timezone

from candid.audit.entries import Actor
from candid.mail.declared import service_message_get
from candid.mail.exceptions import UndeclaredMessage
from candid.mail.services import mail_send_service
from candid.notices.deliveries import DeliveryReport, deliveries_send
from candid.notices.recipients import Recipient, client_recipients
from candid.notices.selectors import declaration_active
from candid.registry.breaches.selectors import affected_find
from candid.registry.events import breach_step
from candid.registry.exceptions import BreachInvalid
from candid.registry.models import Audience, Breach, BreachNotice

MESSAGE_KEY = "security_notice"
ACTOR = Actor.system("breach_notices")


def breach_notice_approve(
    *, notice: BreachNotice, user, now: dt.datetime | None = None
) -> BreachNotice:
    """Approve a draft; a notice to people is then sent, a public one counts as given.

    Only the newest draft for its audience may be approved, and only once.
    """
    breach = notice.breach
    if breach.closed_at is not None:
        raise BreachInvalid(f"Breach {breach.pk} is closed; it can no longer change.")
    if notice.approved_at is not None:
        raise BreachInvalid("This notice is already approved.")
    newest = breach.notices.filter(audience=notice.audience).latest("drafted_at", "pk")
    if newest.pk != notice.pk:
        raise BreachInvalid("A newer draft exists: review and approve that one.")
    if notice.audience == Audience.SUBJECTS:
        _message_declared()
    now = now or timezone.now()
    with transaction.atomic():
        notice.approved_at, notice.approved_by = now, user
        notice.save(update_fields=["approved_at", "approved_by"])
        breach_step(
            breach=breach,
            action="notice_approved",
            actor=Actor.staff(user.pk),
            now=now,
            notice=notice.pk,
            audience=notice.audience,
        )
        if notice.audience == Audience.PUBLIC:
            _subjects_notified(breach, notice, now, sent=0, without_address=0)
        if notice.audience == Audience.SUBJECTS:
            transaction.on_commit(lambda: _enqueue(notice.pk))
    return notice


def _message_declared() -> None:
    try:
        service_message_get(declaration=declaration_active(), message_key=MESSAGE_KEY)
    except UndeclaredMessage as error:
        raise BreachInvalid(
            f"The declaration cannot e-mail people about a breach: {error}. Declare "
            "it, or publish the notice instead."
        ) from None


def _enqueue(notice_id: int) -> None:
    from candid.registry.tasks import breach_notices_send_task

    breach_notices_send_task.enqueue(notice_id)


def affected_recipients(breach: Breach) -> Iterator[Recipient]:
    """Yield each person the breach affects, with their address if they have one."""
    affected = affected_find(
        categories=breach.data_categories,
        record_types=breach.record_types,
        window_start=breach.window_start,
        window_end=breach.window_end,
    )
    reached = set()
    people = client_recipients(subject_ids=affected.subject_ids, include_staff=True)
    for recipient in people:
        reached.add(recipient.subject_id)
        yield recipient
    for subject_id in sorted(affected.subject_ids - reached, key=str):
        yield Recipient(subject_id=subject_id, address=None)


def breach_notices_send(
    *, notice: BreachNotice, batch_size: int = 200, now: dt.datetime | None = None
) -> DeliveryReport:
    """E-mail an approved notice to every person affected not yet told (Art. 34(1)).

    Bounded (batches of `batch_size`), resumable and idempotent: one e-mail per
    person per breach. Once nobody is left to retry, the breach records when the
    people were told and how many had no address (they need another route).
    """
    if notice.audience != Audience.SUBJECTS or notice.approved_at is None:
        raise BreachInvalid("Only an approved notice to people can be sent.")
    breach = notice.breach

    def send(recipient: Recipient) -> None:
        mail_send_service(
            message_key=MESSAGE_KEY,
            to=recipient.address or "",
            subject=notice.subject_line,
            text_template="registry/breach/email.txt",
            html_template="registry/breach/email.html",
            context={"text": notice.text, "html": notice.html},
        )

    report = deliveries_send(
        topic=f"breach:{breach.pk}",
        recipients=affected_recipients(breach),
        send=send,
        batch_size=batch_size,
    )
    if report.failed == 0:
        now = now or timezone.now()
        with transaction.atomic():
            _subjects_notified(
                breach, notice, now, sent=report.sent, without_address=report.no_address
            )
    return report


def _subjects_notified(
    breach: Breach,
    notice: BreachNotice,
    now: dt.datetime,
    *,
    sent: int,
    without_address: int,
) -> None:
    notice.sent_at = now
    notice.save(update_fields=["sent_at"])
    if breach.subjects_notified_at is None:
        breach.subjects_notified_at = now
        breach.save(update_fields=["subjects_notified_at"])
    breach_step(
        breach=breach,
        action="subjects_notified",
        actor=ACTOR,
        now=now,
        notice=notice.pk,
        audience=notice.audience,
        sent=sent,
        without_address=without_address,
    )
