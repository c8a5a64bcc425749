"""What one audit event says, checked to hold no personal values before it is written.

An `AuditEntry` names who acted (`Actor`), about which subject, what happened (an
event type of `candid.audit.events`), for which purpose, touching which data
categories and which rows, with a few `details`. Every part is an id, a key, a count
or a boolean: the log must survive a subject's erasure intact, so it may not hold
their e-mail, name or any free text (SEC-07, STYLE §5). The checks are by shape:
lowercase keys and ids, no `@`, spaces, capitals or floats. A one-word lowercase
name would pass as a key, so recorders still pass only ids and keys.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.db import models

from candid.audit.events import EventType, event_type
from candid.audit.exceptions import AuditEntryInvalid

# A key (purpose, data category, field name) or an id (pk, UUID, hex digest).
_VALUE = re.compile(r"[a-z0-9][a-z0-9_.:-]{0,99}")
_KEY = re.compile(r"[a-z][a-z0-9_]{0,63}")
_CATEGORY = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*")
_MODEL_LABEL = re.compile(r"[a-z][a-z0-9_]*\.[A-Za-z][A-Za-z0-9_]*")
_INT_RANGE = range(-(2**63), 2**63)

MAX_CATEGORIES = 50
MAX_OBJECTS = 100
MAX_DETAILS = 20
MAX_LIST_ITEMS = 100

# Canonical JSON: one text per value, so the hash covers exactly what is stored.
_ENCODER = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False
)


def canonical_json(value: Any) -> str:
    """Return the one JSON text of `value`: sorted keys, no spaces, ASCII only."""
    return _ENCODER.encode(value)


class ActorKind(models.TextChoices):
    STAFF = "staff", "Staff member"
    CLIENT = "client", "Client"
    SYSTEM = "system", "Candid itself"
    ANONYMOUS = "anonymous", "Anonymous visitor"


# Plain strings: compared and formatted once per event, they must be cheap.
_KINDS = {kind.value: kind.value for kind in ActorKind}
_ID_REQUIRED = frozenset({ActorKind.STAFF.value, ActorKind.CLIENT.value})


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acted: a kind and an id (a user pk, a visitor id, a task name), never a name."""

    kind: str
    id: str = ""

    def __post_init__(self) -> None:
        kind = _KINDS.get(self.kind) if isinstance(self.kind, str) else None
        if kind is None:
            raise AuditEntryInvalid(
                f"actor kind must be one of {', '.join(ActorKind.values)}"
            )
        actor_id = _id_text(self.id, "actor id", blank=True)
        if not actor_id and kind in _ID_REQUIRED:
            raise AuditEntryInvalid(f"a {kind} actor needs an id")
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "id", actor_id)

    @classmethod
    def staff(cls, user_id: int | str | uuid.UUID) -> Actor:
        return cls(ActorKind.STAFF, user_id)

    @classmethod
    def client(cls, user_id: int | str | uuid.UUID) -> Actor:
        return cls(ActorKind.CLIENT, user_id)

    @classmethod
    def system(cls, component: str = "") -> Actor:
        """Candid itself; `component` names the task or service, e.g. "retention"."""
        return cls(ActorKind.SYSTEM, component)

    @classmethod
    def anonymous(cls, visitor_id: str | uuid.UUID = "") -> Actor:
        return cls(ActorKind.ANONYMOUS, visitor_id)


class ObjectReference(NamedTuple):
    """One row the event touched, by model label and primary key: `shop.Order`, "42"."""

    model: str
    pk: str

    @classmethod
    def of(cls, target: models.Model | tuple[str, Any]) -> ObjectReference:
        """Return the checked reference to a model instance or a (label, pk) pair."""
        if isinstance(target, models.Model):
            label, pk = target._meta.label, target.pk
        elif isinstance(target, tuple) and len(target) == 2:
            label, pk = target
        else:
            raise AuditEntryInvalid(
                "objects must be model instances or (model label, pk) pairs"
            )
        if not (isinstance(label, str) and _MODEL_LABEL.fullmatch(label)):
            raise AuditEntryInvalid(
                "an object's model must be a label like 'shop.Order'"
            )
        return cls(label, _id_text(pk, "the pk of {}", label))

    def as_json(self) -> dict[str, str]:
        return {"model": self.model, "pk": self.pk}

    def json_text(self) -> str:
        """Return `canonical_json(self.as_json())`, cheaply: both parts are checked."""
        return f'{{"model":"{self.model}","pk":"{self.pk}"}}'


class AuditEntry:
    """One event to append, checked and in canonical form (see the module docstring).

    `occurred_at` is when it happened; None means "when it is recorded". The
    `*_json` attributes are the canonical JSON texts the chain hashes and stores.
    Built once per event, so it is a plain slotted class: the checks are the cost.
    """

    __slots__ = (
        "action",
        "actor",
        "subject_id",
        "purpose",
        "categories",
        "objects",
        "details",
        "occurred_at",
        "categories_json",
        "objects_json",
        "details_json",
    )

    def __init__(
        self,
        *,
        action: EventType | str,
        actor: Actor,
        subject_id: uuid.UUID | str | None = None,
        purpose: str | None = "",
        categories: Iterable[str] = (),
        objects: Iterable[Any] = (),
        details: Mapping[str, Any] | None = None,
        occurred_at: dt.datetime | None = None,
    ) -> None:
        if not isinstance(actor, Actor):
            raise AuditEntryInvalid("actor must be an Actor, e.g. Actor.staff(user.pk)")
        self.action = event_type(action)
        self.actor = actor
        self.subject_id = _subject(subject_id)
        self.purpose = _purpose(purpose)
        self.categories = _categories(categories)
        self.objects = _objects(objects)
        self.details = _details(details)
        self.occurred_at = aware_or_none(occurred_at, "occurred_at")
        # Keys and ids are checked to need no JSON escaping.
        self.categories_json = (
            '["' + '","'.join(self.categories) + '"]' if self.categories else "[]"
        )
        self.objects_json = (
            "[" + ",".join(ref.json_text() for ref in self.objects) + "]"
        )
        self.details_json = _details_json(self.details)


def aware_or_none(moment: Any, name: str) -> dt.datetime | None:
    """Return `moment` if it is a timezone-aware datetime or None, else refuse it."""
    if moment is None:
        return None
    if not isinstance(moment, dt.datetime) or moment.utcoffset() is None:
        raise AuditEntryInvalid(f"{name} must be a timezone-aware datetime")
    return moment


def _id_text(value: Any, name: str, *context: str, blank: bool = False) -> str:
    """Return an id as text; `name`, formatted with `context`, says what it is."""
    if type(value) is int and value >= 0:
        return str(value)
    if type(value) is str and _VALUE.fullmatch(value):
        return value
    if isinstance(value, int | uuid.UUID) and not isinstance(value, bool):
        value = str(value)
    if value == "" and blank:
        return ""
    if isinstance(value, bool):
        raise AuditEntryInvalid(f"{name.format(*context)} must be an id, not a boolean")
    if not (isinstance(value, str) and _VALUE.fullmatch(value)):
        raise AuditEntryInvalid(
            f"{name.format(*context)} must be an integer, a UUID or a lowercase key "
            "of at most 100 characters"
        )
    return value


def _subject(subject_id: Any) -> uuid.UUID | None:
    if subject_id is None or type(subject_id) is uuid.UUID:
        return subject_id
    try:
        return uuid.UUID(str(subject_id))
    except ValueError:
        raise AuditEntryInvalid("subject_id must be a subject's UUID or None") from None


def _purpose(purpose: Any) -> str:
    if not purpose and (purpose is None or purpose == ""):
        return ""
    if not (isinstance(purpose, str) and _CATEGORY.fullmatch(purpose)):
        raise AuditEntryInvalid("purpose must be a declared purpose key or None")
    return purpose


def _categories(categories: Any) -> tuple[str, ...]:
    if categories == ():
        return ()
    keys = _sequence(categories, "categories", MAX_CATEGORIES)
    for key in keys:
        if not (isinstance(key, str) and len(key) <= 100 and _CATEGORY.fullmatch(key)):
            raise AuditEntryInvalid(
                "categories must be data category keys like 'user.contact.email'"
            )
    return tuple(sorted(set(keys)))


def _objects(objects: Any) -> tuple[ObjectReference, ...]:
    if objects == ():
        return ()
    items = _sequence(objects, "objects", MAX_OBJECTS)
    # An ObjectReference built directly is a pair like any other: checked too.
    return tuple(ObjectReference.of(item) for item in items)


def _details(details: Any) -> dict[str, Any]:
    if details is None:
        return {}
    if type(details) is not dict and not isinstance(details, Mapping):
        raise AuditEntryInvalid(
            "details must be a dict of key to id, key, count or boolean"
        )
    if not details:
        return {}
    if len(details) > MAX_DETAILS:
        raise AuditEntryInvalid(f"details may hold at most {MAX_DETAILS} entries")
    return {
        _detail_key(key): _detail_value(key, value) for key, value in details.items()
    }


def _details_json(details: dict[str, Any]) -> str:
    """Return `canonical_json(details)` for checked details, without the encoder.

    Checked keys and strings need no escaping, so the text is assembled directly;
    a test holds it equal to `canonical_json`.
    """
    if not details:
        return "{}"
    return (
        "{"
        + ",".join(f'"{key}":{_json_value(details[key])}' for key in sorted(details))
        + "}"
    )


def _json_value(value: Any) -> str:
    if type(value) is list:
        return "[" + ",".join(map(_json_value, value)) + "]"
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is int:
        return str(value)
    return f'"{value}"'


def _detail_key(key: Any) -> str:
    if not (isinstance(key, str) and _KEY.fullmatch(key)):
        raise AuditEntryInvalid(
            "details keys must be lowercase identifiers like 'fields'"
        )
    return key


def _detail_value(key: str, value: Any) -> Any:
    if isinstance(value, list | tuple):
        if len(value) > MAX_LIST_ITEMS:
            raise AuditEntryInvalid(
                f"details[{key!r}] may list at most {MAX_LIST_ITEMS} items"
            )
        return [_detail_scalar(key, item) for item in value]
    return _detail_scalar(key, value)


def _detail_scalar(key: str, value: Any) -> Any:
    kind = type(value)
    if kind is str and _VALUE.fullmatch(value):
        return value
    if kind is int and value in _INT_RANGE or value is None or kind is bool:
        return value
    if kind is uuid.UUID:
        return str(value)
    raise AuditEntryInvalid(
        f"details[{key!r}] holds a {kind.__name__} that is not an id, key, "
        "count or boolean: the audit log holds no personal values"
    )


def _sequence(value: Any, name: str, limit: int) -> list[Any] | tuple[Any, ...]:
    if type(value) in (list, tuple):
        items = value
    elif isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise AuditEntryInvalid(f"{name} must be a list")
    else:
        items = list(value)
    if len(items) > limit:
        raise AuditEntryInvalid(f"{name} may hold at most {limit} items")
    return items
