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
from dataclasses import dataclass, field
from typing import Any

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


_ID_REQUIRED = {ActorKind.STAFF, ActorKind.CLIENT}


@dataclass(frozen=True)
class Actor:
    """Who acted: a kind and an id (a user pk, a visitor id, a task name), never a name."""

    kind: ActorKind
    id: str = ""

    def __post_init__(self) -> None:
        if self.kind not in ActorKind.values:
            raise AuditEntryInvalid(
                f"actor kind must be one of {', '.join(ActorKind.values)}"
            )
        object.__setattr__(self, "kind", ActorKind(self.kind))
        object.__setattr__(self, "id", _id_text(self.id, "actor id", blank=True))
        if not self.id and self.kind in _ID_REQUIRED:
            raise AuditEntryInvalid(f"a {self.kind} actor needs an id")

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


@dataclass(frozen=True)
class ObjectReference:
    """One row the event touched, by model label and primary key: `shop.Order`, "42"."""

    model: str
    pk: str

    @classmethod
    def of(cls, target: models.Model | tuple[str, Any]) -> ObjectReference:
        """Return the reference to a model instance or to a (label, pk) pair."""
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
        return cls(model=label, pk=_id_text(pk, f"the pk of {label}"))

    def as_json(self) -> dict[str, str]:
        return {"model": self.model, "pk": self.pk}


@dataclass(frozen=True, kw_only=True)
class AuditEntry:
    """One event to append, validated and in canonical form (see the module docstring).

    `occurred_at` is when it happened; None means "when it is recorded".
    """

    action: EventType
    actor: Actor
    subject_id: uuid.UUID | None = None
    purpose: str = ""
    categories: tuple[str, ...] = ()
    objects: tuple[ObjectReference, ...] = ()
    details: Mapping[str, Any] = field(default_factory=dict)
    occurred_at: dt.datetime | None = None
    categories_json: str = field(init=False, repr=False, compare=False)
    objects_json: str = field(init=False, repr=False, compare=False)
    details_json: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.actor, Actor):
            raise AuditEntryInvalid("actor must be an Actor, e.g. Actor.staff(user.pk)")
        categories = _categories(self.categories)
        objects = _objects(self.objects)
        details = _details(self.details)
        values = {
            "action": event_type(self.action),
            "subject_id": _subject(self.subject_id),
            "purpose": _purpose(self.purpose),
            "categories": categories,
            "objects": objects,
            "details": details,
            "occurred_at": aware_or_none(self.occurred_at, "occurred_at"),
            "categories_json": canonical_json(categories),
            "objects_json": canonical_json([ref.as_json() for ref in objects]),
            "details_json": canonical_json(details),
        }
        for name, value in values.items():
            object.__setattr__(self, name, value)


def aware_or_none(moment: Any, name: str) -> dt.datetime | None:
    """Return `moment` if it is a timezone-aware datetime or None, else refuse it."""
    if moment is None:
        return None
    if not isinstance(moment, dt.datetime) or moment.utcoffset() is None:
        raise AuditEntryInvalid(f"{name} must be a timezone-aware datetime")
    return moment


def _id_text(value: Any, name: str, *, blank: bool = False) -> str:
    if isinstance(value, bool):
        raise AuditEntryInvalid(f"{name} must be an id, not a boolean")
    if isinstance(value, int | uuid.UUID):
        value = str(value)
    if value == "" and blank:
        return ""
    if not (isinstance(value, str) and _VALUE.fullmatch(value)):
        raise AuditEntryInvalid(
            f"{name} must be an integer, a UUID or a lowercase key of at most 100 "
            "characters"
        )
    return value


def _subject(subject_id: Any) -> uuid.UUID | None:
    if subject_id is None or isinstance(subject_id, uuid.UUID):
        return subject_id
    try:
        return uuid.UUID(str(subject_id))
    except ValueError:
        raise AuditEntryInvalid("subject_id must be a subject's UUID or None") from None


def _purpose(purpose: Any) -> str:
    if purpose is None or purpose == "":
        return ""
    if not (isinstance(purpose, str) and _CATEGORY.fullmatch(purpose)):
        raise AuditEntryInvalid("purpose must be a declared purpose key or None")
    return purpose


def _categories(categories: Any) -> tuple[str, ...]:
    keys = _sequence(categories, "categories", MAX_CATEGORIES)
    for key in keys:
        if not (isinstance(key, str) and len(key) <= 100 and _CATEGORY.fullmatch(key)):
            raise AuditEntryInvalid(
                "categories must be data category keys like 'user.contact.email'"
            )
    return tuple(sorted(set(keys)))


def _objects(objects: Any) -> tuple[ObjectReference, ...]:
    items = _sequence(objects, "objects", MAX_OBJECTS)
    return tuple(
        item if isinstance(item, ObjectReference) else ObjectReference.of(item)
        for item in items
    )


def _details(details: Any) -> dict[str, Any]:
    if details is None:
        return {}
    if not isinstance(details, Mapping):
        raise AuditEntryInvalid(
            "details must be a dict of key to id, key, count or boolean"
        )
    if len(details) > MAX_DETAILS:
        raise AuditEntryInvalid(f"details may hold at most {MAX_DETAILS} entries")
    return {
        _detail_key(key): _detail_value(key, value) for key, value in details.items()
    }


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
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int) and value in _INT_RANGE:
        return value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, str) and _VALUE.fullmatch(value):
        return value
    raise AuditEntryInvalid(
        f"details[{key!r}] holds a {type(value).__name__} that is not an id, key, "
        "count or boolean: the audit log holds no personal values"
    )


def _sequence(value: Any, name: str, limit: int) -> list[Any]:
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise AuditEntryInvalid(f"{name} must be a list")
    items = list(value)
    if len(items) > limit:
        raise AuditEntryInvalid(f"{name} may hold at most {limit} items")
    return items
