"""Model fields the audit log stores its chain in."""

from __future__ import annotations

import json
from typing import Any

from django.db import models

from candid.audit.entries import canonical_json


class SequenceField(models.BigIntegerField):
    """A 64-bit position in the chain that SQLite keeps as the table's rowid.

    SQLite makes an `integer` primary key the rowid, so reading the chain in order
    walks the table itself rather than a second index; `bigint` would not.
    """

    def db_type(self, connection: Any) -> str | None:
        if connection.vendor == "sqlite":
            return "integer"
        return super().db_type(connection)


class CanonicalJSONField(models.TextField):
    """JSON kept as its canonical text, so the chain hashes exactly what is stored.

    A database JSON type may rewrite the text (PostgreSQL's jsonb reorders keys), and
    the hash must be recomputable from the column as it is.
    """

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> Any:
        return None if value is None else json.loads(value)

    def to_python(self, value: Any) -> Any:
        return value

    def get_prep_value(self, value: Any) -> str | None:
        return None if value is None else canonical_json(value)

    def value_to_string(self, obj: models.Model) -> str | None:
        return self.get_prep_value(self.value_from_object(obj))
