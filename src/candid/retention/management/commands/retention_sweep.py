from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from candid.notices.selectors import declaration_active
from candid.retention.backups import backups_overdue
from candid.retention.exceptions import RetentionError
from candid.retention.sweeps import DEFAULT_BATCH_SIZE, SweepReport, retention_sweep
from candid.retention.tasks import retention_sweep_task

PAST = {"delete": "deleted", "anonymise": "anonymised"}


class Command(BaseCommand):
    help = (
        "Delete or anonymise every row past its declared retention period, in "
        "bounded batches (resumes after a crash), and report backups kept too long. "
        "--dry-run only counts."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count what would go; change nothing.",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=DEFAULT_BATCH_SIZE,
            help=f"Rows per transaction (default {DEFAULT_BATCH_SIZE:,}).",
        )
        parser.add_argument(
            "--rule",
            action="append",
            dest="rules",
            metavar="KEY",
            help='Only this rule, e.g. "share_link:collected" (repeatable).',
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Enqueue the sweep for the task worker instead of running it here.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            result = retention_sweep_task.enqueue(batch_size=options["batch_size"])
            self.stdout.write(f"Retention sweep enqueued as task {result.id}.")
            return
        try:
            report = retention_sweep(
                dry_run=options["dry_run"],
                batch_size=options["batch_size"],
                rules=options["rules"],
            )
        except RetentionError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(report_lines(report))
        self.stdout.write(backup_lines(report))


def report_lines(report: SweepReport) -> str:
    """Return the sweep's counts, one line per rule and model."""
    verb = "would " if report.dry_run else ""
    lines = [
        f"{'Dry run' if report.dry_run else 'Sweep'} at {report.now:%Y-%m-%d %H:%M} UTC"
    ]
    for outcome in report.outcomes:
        done = outcome.action if verb else PAST[outcome.action]
        line = f"  {outcome.rule:<52} {outcome.model:<28} {verb}{done} {outcome.rows}"
        extras = [
            f"{count} {name}"
            for name, count in (
                ("held", outcome.held),
                ("blocked", outcome.blocked),
                ("files", outcome.files),
            )
            if count
        ]
        lines.append(line + (f" ({', '.join(extras)})" if extras else ""))
    if not report.outcomes:
        lines.append("  No declared rule reaches a model.")
    return "\n".join(lines)


def backup_lines(report: SweepReport) -> str:
    """Return the backups kept past the declared backup retention, or say none are."""
    declaration = declaration_active()
    overdue = backups_overdue(declaration=declaration, now=report.now or timezone.now())
    retention = declaration.backups.retention
    if not overdue:
        return f"No backup older than {retention}."
    lines = [f"{len(overdue)} backup file(s) older than {retention}:"]
    lines += [f"  {backup.path} ({backup.age_days} days old)" for backup in overdue]
    return "\n".join(lines)
