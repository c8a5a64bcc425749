"""`candid records_of_processing`: the Art. 30 record for the regulator (PRC-04)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand
from django.template.loader import render_to_string

from candid.registry.exports import records_active, records_csv


class Command(BaseCommand):
    help = "Write the records of processing (GDPR Art. 30) as CSV or HTML."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--format", choices=["csv", "html"], default="csv")
        parser.add_argument("-o", "--output", type=Path, default=None)

    def handle(self, *args, **options) -> None:
        """Write the record of the declaration in force to a file or standard output."""
        rows = records_active()
        if options["format"] == "csv":
            text = records_csv(rows)
        else:
            text = render_to_string("registry/records_document.html", {"rows": rows})
        if options["output"] is None:
            self.stdout.write(text, ending="")
        else:
            options["output"].write_text(text, encoding="utf-8")
