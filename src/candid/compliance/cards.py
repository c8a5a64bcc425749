"""No card numbers anywhere (SEC-02): a Luhn scan of every stored text field."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from django.db import models

from candid.compliance.results import CheckResult, record_label
from candid.datamap.registry import DataMap, registry
from candid.vault.exceptions import DecryptionFailed

NAME = "No card numbers stored (SEC-02)"
# 13 to 19 digits, optionally grouped by single spaces or hyphens, not part of a
# longer alphanumeric run (hex digests and UUIDs are not card numbers).
_CANDIDATE = re.compile(r"(?<![0-9A-Za-z])\d(?:[ -]?\d){12,18}(?![0-9A-Za-z])")
_TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)
CHUNK_SIZE = 2_000


def luhn_valid(digits: str) -> bool:
    """Say whether a string of digits passes the Luhn checksum of payment cards."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def contains_card_number(text: str) -> bool:
    """Say whether `text` holds a 13-19 digit sequence that passes the Luhn check."""
    for match in _CANDIDATE.finditer(text):
        digits = re.sub(r"[ -]", "", match.group())
        if luhn_valid(digits):
            return True
    return False


def check_card_numbers(*, data_map: DataMap | None = None) -> CheckResult:
    """Check that no stored text field holds a card number (SEC-02).

    Scans every text and JSON field of every model in the data map, the audit and
    consent ledgers included, reading encrypted fields through their attribute so
    they are scanned decrypted. Names each offending row and field, never the value.
    """
    entries = (data_map or registry()).entries
    failures = [
        f"{record_label(model, pk)} field '{field}'"
        for model in (entry.model for entry in entries)
        for pk, field in _rows_with_card_numbers(model)
    ]
    return CheckResult.of(NAME, failures)


def _rows_with_card_numbers(model: type[models.Model]) -> Iterator[tuple[Any, str]]:
    names = _text_field_names(model)
    if not names:
        return
    rows = model._default_manager.order_by("pk").iterator(chunk_size=CHUNK_SIZE)
    for row in rows:
        for name in names:
            if contains_card_number(_text_of(row, name)):
                yield row.pk, name


def _text_field_names(model: type[models.Model]) -> list[str]:
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, _TEXT_FIELDS)
    ]


def _text_of(row: models.Model, name: str) -> str:
    try:
        value = getattr(row, name)
    except DecryptionFailed:
        # Unreadable ciphertext holds nothing the studio could leak in clear.
        return ""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, default=str)
