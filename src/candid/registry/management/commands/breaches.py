"""`candid breaches`: the open breaches with the time left to notify the authority."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone

from candid.registry.breaches.reminders import breaches_remind
from candid.registry.breaches.selectors import (
    authority_deadline,
    authority_notice_due,
    breaches_open,
    time_left,
)
from candid.registry.models import Breach


def describe(breach: Breach, now) -> str:
    """Return one line about an open breach: its clock, risk and what is still due."""
    deadline = authority_deadline(breach)
    risk = breach.risk or "not assessed"
    if not authority_notice_due(breach):
        state = (
            "authority notified"
            if breach.authority_notified_at
            else "no notification needed"
        )
    else:
        state = _clock(time_left(breach, now=now))
    return (
        f"Breach {breach.pk}: aware {breach.aware_at:%Y-%m-%d %H:%M} UTC, "
        f"deadline {deadline:%Y-%m-%d %H:%M} UTC, risk {risk}, "
        f"{breach.subjects_count or 0} people, {state}"
    )


def _clock(left: dt.timedelta) -> str:
    seconds = int(abs(left.total_seconds()))
    hours, minutes = seconds // 3600, seconds % 3600 // 60
    if left.total_seconds() >= 0:
        return f"{hours} h {minutes:02d} min left"
    return f"OVERDUE by {hours} h {minutes:02d} min: give reasons for the delay"


class Command(BaseCommand):
    help = (
        "List open personal data breaches with the time left to notify the "
        "authority (GDPR Art. 33); --remind e-mails the reminders now due."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--remind",
            action="store_true",
            help="e-mail the privacy lead the reminders due (24 h, 48 h, 66 h)",
        )

    def handle(self, *args, remind: bool, **options) -> None:
        now = timezone.now()
        if remind:
            reminded = breaches_remind(now=now)
            self.stdout.write(f"Reminded of {len(reminded)} breach(es).")
        open_breaches = breaches_open()
        if not open_breaches:
            self.stdout.write("No open breaches.")
            return
        for breach in open_breaches:
            self.stdout.write(describe(breach, now))
