"""The record of processing for the active declaration, as rows, CSV and a download."""

from __future__ import annotations

import csv
import io

from candid.datamap.registry import registry
from candid.notices.selectors import declaration_active
from candid.registry.records import Row, records_rows


def stored_in(category: str) -> list[str]:
    """Return the labels of the models holding `category`, from the data map."""
    return [model._meta.label for model in registry().models_holding(category)]


def records_active() -> list[Row]:
    """Return the Art. 30 record of the declaration in force and the installed data map."""
    return records_rows(declaration=declaration_active(), where_stored=stored_in)


def records_csv(rows: list[Row]) -> str:
    """Write `rows` as CSV with a header line, one row per line (PRC-04)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["section", "heading", "item", "detail"])
    for row in rows:
        writer.writerow([row.section, row.heading, row.item, row.detail])
    return buffer.getvalue()
