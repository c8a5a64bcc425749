from typing import Any

from django.core.management.base import BaseCommand, CommandError

from candid.compliance.report import compliance_audit, report_text


class Command(BaseCommand):
    help = (
        "Check the promises of the declaration in force against live data and logs. "
        "Exits 1 if any check fails, naming the records involved."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        results = compliance_audit()
        self.stdout.write(report_text(results))
        if not all(result.passed for result in results):
            raise CommandError("compliance audit failed", returncode=1)
