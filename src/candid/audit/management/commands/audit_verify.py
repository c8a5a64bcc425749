import argparse
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from candid.audit.verification import DEFAULT_BATCH_SIZE, audit_verify


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive integer")
    return number


class Command(BaseCommand):
    help = (
        "Verify the audit log's hash chain. Exits 1 at the first broken link: an "
        "event edited, deleted, reordered or forged."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch-size",
            type=_positive,
            default=DEFAULT_BATCH_SIZE,
            help=f"events read per query (default {DEFAULT_BATCH_SIZE})",
        )

    def handle(self, *args: Any, batch_size: int, **options: Any) -> None:
        result = audit_verify(batch_size=batch_size)
        if not result.intact:
            raise CommandError(result.message, returncode=1)
        self.stdout.write(result.message)
