"""`candid change_notices`: send (or finish sending) a policy version's change notice."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from candid.notices.changes import change_notices_send
from candid.notices.models import PolicyVersion


class Command(BaseCommand):
    help = (
        "E-mail every client not yet told of a significant policy version (NOT-03); "
        "safe to rerun: nobody is told twice."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--policy-version", dest="policy_version", help="default: the newest one"
        )

    def handle(self, *args, policy_version: str | None, **options) -> None:
        versions = PolicyVersion.objects.order_by("-effective_date", "-published_at")
        if policy_version:
            versions = versions.filter(version=policy_version)
        version = versions.first()
        if version is None:
            raise CommandError(f"No published policy version {policy_version or ''}.")
        if not version.significant:
            self.stdout.write(
                f"Version {version.version} is not a significant change: announced "
                "on the site only, no e-mail."
            )
            return
        report = change_notices_send(version=version)
        self.stdout.write(
            f"Version {version.version}: {report.sent} sent, {report.already} already "
            f"told, {report.no_address} without an address, {report.failed} failed "
            "(rerun to retry)."
        )
        if report.failed:
            raise CommandError(f"{report.failed} notice(s) could not be sent.")
