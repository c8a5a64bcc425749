"""Reads of the breach register: clocks, processor notice times, the people affected."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.utils import timezone

from candid.datamap.registry import DataMap, registry
from candid.policy import Declaration
from candid.registry.models import Breach, RiskLevel

# GDPR / UK GDPR Art. 33(1): "not later than 72 hours after having become aware".
AUTHORITY_HOURS = 72
# BR-02 asks for alerts at 24 h and 48 h; the last one leaves 6 hours to file.
REMINDER_HOURS = (24, 48, 66)
# The fields a row's time is read from, to count only rows held in the window.
WINDOW_FIELDS = ("created_at", "date_joined", "received_at", "uploaded_at")


def authority_deadline(breach: Breach) -> dt.datetime:
    """Return when the 72 hours to notify the supervisory authority end (Art. 33(1))."""
    return breach.aware_at + dt.timedelta(hours=AUTHORITY_HOURS)


def time_left(breach: Breach, *, now: dt.datetime | None = None) -> dt.timedelta:
    """Return the time left to notify the authority; negative once the deadline passed."""
    return authority_deadline(breach) - (now or timezone.now())


def authority_notice_due(breach: Breach) -> bool:
    """Say whether the authority must still be told: risk not ruled out, not yet told.

    Until the risk is assessed, the clock runs as if notice were due (deny by default).
    """
    return breach.authority_notified_at is None and breach.risk != RiskLevel.NONE


def notified_late(breach: Breach, notified_at: dt.datetime) -> bool:
    """Say whether a notification at `notified_at` comes after the 72 hours (BR-02)."""
    return notified_at > authority_deadline(breach)


def breaches_open() -> list[Breach]:
    """Return every open breach, the one aware of longest first (its clock ends first)."""
    return list(Breach.objects.filter(closed_at__isnull=True).order_by("aware_at"))


@dataclass(frozen=True)
class ProcessorNotice:
    """When a processor had to tell the studio of a breach, under its contract (BR-04)."""

    name: str
    hours: int | None
    due_at: dt.datetime | None
    late: bool | None


def processor_notice(
    breach: Breach, declaration: Declaration
) -> ProcessorNotice | None:
    """Return the processor's contractual notice time for this breach, or None.

    The processor had `contract.breach_notice_hours` from its own awareness to tell
    the studio; the studio's awareness (`aware_at`) is when it was told. `late` is
    None when the contract sets no hours or the processor's awareness is unknown.
    """
    if not breach.processor_key:
        return None
    recipient = next(
        (r for r in declaration.recipients if r.key == breach.processor_key), None
    )
    if recipient is None:
        return ProcessorNotice(breach.processor_key, None, None, None)
    hours = recipient.contract.breach_notice_hours
    if hours is None or breach.processor_aware_at is None:
        return ProcessorNotice(recipient.name, hours, None, None)
    due_at = breach.processor_aware_at + dt.timedelta(hours=hours)
    return ProcessorNotice(recipient.name, hours, due_at, breach.aware_at > due_at)


@dataclass(frozen=True)
class ModelCount:
    """The rows of one model a breach reaches, and whether the window could apply."""

    label: str
    records: int
    subjects: int
    windowed: bool


@dataclass(frozen=True)
class Affected:
    """The people and records a breach reaches, found from the data map (BR-01)."""

    subject_ids: frozenset[uuid.UUID]
    records: int
    models: tuple[ModelCount, ...]

    @property
    def subjects(self) -> int:
        return len(self.subject_ids)


def affected_models(
    *, data_map: DataMap, categories: Iterable[str], record_types: Iterable[str]
) -> list[type[models.Model]]:
    """Return the models holding any of `categories`, and those named in `record_types`."""
    chosen = {label.lower() for label in record_types}
    found: dict[str, type[models.Model]] = {}
    for category in categories:
        for model in data_map.models_holding(category):
            found[model._meta.label] = model
    for entry in data_map.entries:
        if entry.model._meta.label.lower() in chosen:
            found[entry.model._meta.label] = entry.model
    return [found[label] for label in sorted(found)]


def affected_find(
    *,
    categories: Iterable[str],
    record_types: Iterable[str],
    window_start: dt.datetime | None = None,
    window_end: dt.datetime | None = None,
) -> Affected:
    """Return who a breach of these categories or record types in a window affects.

    Each model of the data map that holds a chosen category (or is a chosen record
    type) and whose rows reach a subject is counted: its rows held in the window,
    by the first time field of WINDOW_FIELDS it has (all its rows if it has none,
    which `windowed` says), and the distinct subjects they belong to.
    """
    data_map = registry()
    subject_ids: set[uuid.UUID] = set()
    counts = []
    total = 0
    for model in affected_models(
        data_map=data_map, categories=categories, record_types=record_types
    ):
        path = data_map.entry(model).subject_path
        if path is None:
            continue
        rows, windowed = _in_window(model, window_start, window_end)
        found = set(rows.exclude(**{path: None}).values_list(path, flat=True))
        records = rows.count()
        subject_ids |= found
        total += records
        counts.append(ModelCount(model._meta.label, records, len(found), windowed))
    return Affected(frozenset(subject_ids), total, tuple(counts))


def _in_window(
    model: type[models.Model], start: dt.datetime | None, end: dt.datetime | None
) -> tuple[models.QuerySet, bool]:
    rows = model._default_manager.all()
    names = {field.name for field in model._meta.concrete_fields}
    time_field = next((name for name in WINDOW_FIELDS if name in names), None)
    if time_field is None:
        return rows, start is None and end is None
    if start is not None:
        rows = rows.filter(**{f"{time_field}__gte": start})
    if end is not None:
        rows = rows.filter(**{f"{time_field}__lte": end})
    return rows, True
