"""`candid rights_remind`: e-mail the privacy lead the requests coming due."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from candid.rights.services.reminders import requests_remind


class Command(BaseCommand):
    help = "Remind the privacy lead of open requests due soon (once per due date)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--days", type=int, default=7, help="remind this many days ahead"
        )

    def handle(self, *args, days: int, **options) -> None:
        count = requests_remind(days_ahead=days)
        self.stdout.write(f"Reminded of {count} request(s).")
