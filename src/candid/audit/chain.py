"""The hash chain: what each event's SHA-256 covers, written once for Python and SQL.

An event's hash is SHA-256 over its fields and the hash of the event before it, so
editing, deleting, inserting or reordering any row breaks the chain from there on
(SEC-07). The preimage is the event's stored values as text, in this order, joined
by the ASCII unit separator (0x1F):

    sequence, occurred_at, actor_kind, actor_id, subject_id, action, purpose,
    categories, object_references, details, previous_hash

with `occurred_at` in UTC as `YYYY-MM-DD HH:MM:SS[.ffffff]` (Python's `str()` of
the naive UTC datetime; microseconds only when not zero), `subject_id` as 32
lowercase hex digits or empty, and the three JSON fields as canonical JSON
(`entries.canonical_json`). No value may contain the separator: JSON escapes control
characters and every other field is checked to be a key or an id, so the fields
split back one way only. The first event follows GENESIS_HASH.

The verifier rebuilds the preimage inside the database (`preimage_sql`), so
1,000,000 rows are checked without loading them as Python objects.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid

SEPARATOR = "\x1f"
GENESIS_HASH = "0" * 64
FIELD_COUNT = 11
_FORMAT = SEPARATOR.join(["%s"] * FIELD_COUNT)


def time_text(moment: dt.datetime) -> str:
    """Return `moment` as the chain writes it: naive UTC, e.g. 2025-03-01 10:00:00.5."""
    return str(moment.astimezone(dt.UTC).replace(tzinfo=None))


def subject_text(subject_id: uuid.UUID | None) -> str:
    return "" if subject_id is None else subject_id.hex


def preimage(*values: object) -> str:
    """Return the text one event's hash covers, from its fields in chain order."""
    if len(values) != FIELD_COUNT:
        raise ValueError(
            f"an event's preimage has {FIELD_COUNT} fields, not {len(values)}"
        )
    return _FORMAT % values


def digest(text: str) -> str:
    """Return the SHA-256 of a preimage, as 64 lowercase hex digits."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# The same preimage, computed by each database from the stored columns. The format
# string is passed as the one query parameter.
_SQLITE_COLUMNS = (
    "sequence, occurred_at, actor_kind, actor_id, COALESCE(subject_id, ''), action, "
    "purpose, categories, object_references, details, previous_hash"
)
_POSTGRESQL_COLUMNS = (
    "sequence, "
    "to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || CASE "
    "WHEN mod(extract(microseconds FROM occurred_at)::bigint, 1000000) = 0 THEN '' "
    "ELSE to_char(occurred_at AT TIME ZONE 'UTC', '.US') END, "
    "actor_kind, actor_id, COALESCE(replace(subject_id::text, '-', ''), ''), action, "
    "purpose, categories, object_references, details, previous_hash"
)
# printf is SQLite's older name for format, so any SQLite Django supports has it.
# Both return the UTF-8 bytes, ready to hash, rather than text to decode and encode.
_EXPRESSIONS = {
    "sqlite": f"CAST(printf(%s, {_SQLITE_COLUMNS}) AS BLOB)",
    "postgresql": f"convert_to(format(%s, {_POSTGRESQL_COLUMNS}), 'UTF8')",
}


def preimage_sql(vendor: str) -> tuple[str, str]:
    """Return the SQL expression of the preimage bytes for `vendor`, and its parameter."""
    try:
        return _EXPRESSIONS[vendor], _FORMAT
    except KeyError:
        raise NotImplementedError(
            f"the audit chain runs on SQLite and PostgreSQL, not {vendor}"
        ) from None
