"""Remind the privacy lead of a breach's 72-hour deadline: at 24 h, 48 h and 66 h."""

from __future__ import annotations

import datetime as dt

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone

from candid.audit.entries import Actor
from candid.mail import conf as mail_conf
from candid.notices.selectors import declaration_active
from candid.registry.breaches.selectors import (
    REMINDER_HOURS,
    authority_deadline,
    authority_notice_due,
    breaches_open,
)
from candid.registry.events import breach_step
from candid.registry.models import Breach

ACTOR = Actor.system("breaches_remind")


def reminder_stage(breach: Breach, now: dt.datetime) -> int:
    """Return how many reminder times (24 h, 48 h, 66 h after awareness) have passed."""
    elapsed = now - breach.aware_at
    return sum(elapsed >= dt.timedelta(hours=hours) for hours in REMINDER_HOURS)


def breaches_remind(*, now: dt.datetime | None = None) -> list[Breach]:
    """E-mail the privacy lead (and DPO) of each open breach whose reminder is due.

    BR-02: alerts at 24 h and 48 h after awareness, and a last one 6 hours before
    the deadline, while the authority still has to be notified. Each stage is sent
    once: a conditional update claims it, so two runs never both send. The message
    names breach ids and times only. Returns the breaches reminded.
    """
    now = now or timezone.now()
    addresses = _addresses()
    reminded = []
    for breach in breaches_open():
        stage = reminder_stage(breach, now)
        if not authority_notice_due(breach) or stage <= breach.reminded_stage:
            continue
        if not _claim(breach, stage):
            continue
        if addresses:
            _send(addresses, breach, now)
        breach_step(
            breach=breach,
            action="reminder_sent",
            actor=ACTOR,
            now=now,
            stage=stage,
            hours_left=_hours(authority_deadline(breach) - now),
            recipients=len(addresses),
        )
        reminded.append(breach)
    return reminded


def _hours(left: dt.timedelta) -> int:
    return int(left.total_seconds() // 3600)


def _addresses() -> list[str]:
    controller = declaration_active().controller
    people = [controller.privacy_lead, controller.dpo]
    found = [p.email for p in people if p is not None and p.email]
    return list(dict.fromkeys(found)) or [controller.email]


def _claim(breach: Breach, stage: int) -> bool:
    updated = Breach.objects.filter(pk=breach.pk, reminded_stage__lt=stage).update(
        reminded_stage=stage
    )
    breach.reminded_stage = stage
    return updated == 1


def _send(addresses: list[str], breach: Breach, now: dt.datetime) -> None:
    deadline = authority_deadline(breach)
    body = render_to_string(
        "registry/breach/reminder.txt",
        {"breach": breach, "deadline": deadline, "hours_left": _hours(deadline - now)},
    )
    send_mail(
        subject=f"Breach {breach.pk}: notify the authority by "
        f"{deadline:%Y-%m-%d %H:%M} UTC",
        message=body,
        from_email=mail_conf.from_service(),
        recipient_list=addresses,
    )
