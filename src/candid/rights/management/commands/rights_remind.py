"""`candid rights_remind`: confirm receipts due, remind the privacy lead, retry recipients.

Run it daily (cron, or the platform's scheduler): it e-mails every receipt
confirmation due (CA-02) and the privacy lead the open requests coming due, and
asks again every recipient of an erasure, correction or restriction whose last
attempt failed (PRC-06).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from candid.audit.entries import Actor
from candid.rights.services.propagation import propagations_retry
from candid.rights.services.receipts import receipts_confirm_due
from candid.rights.services.reminders import requests_remind


class Command(BaseCommand):
    help = (
        "Confirm receipt of requests that need it, remind the privacy lead of "
        "open requests due soon (once per due date), and ask again the recipients "
        "whose last attempt failed."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--days", type=int, default=7, help="remind this many days ahead"
        )

    def handle(self, *args, days: int, **options) -> None:
        confirmed = receipts_confirm_due(actor=Actor.system("rights_remind"))
        self.stdout.write(f"Confirmed receipt of {confirmed} request(s).")
        count = requests_remind(days_ahead=days)
        self.stdout.write(f"Reminded of {count} request(s).")
        retried = propagations_retry()
        self.stdout.write(f"Asked {retried} recipient(s) again.")
