"""Reads of retention: which holds are in force, and what a hold keeps out of a sweep."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.db.models import Q

from candid.retention.models import LegalHold


def holds_active_at(now: dt.datetime) -> models.QuerySet[LegalHold]:
    """Return the legal holds in force at `now`: started, not ended, not released."""
    return LegalHold.objects.filter(
        Q(released_at__isnull=True) | Q(released_at__gt=now),
        Q(ends_at__isnull=True) | Q(ends_at__gt=now),
        starts_at__lte=now,
    )


@dataclass(frozen=True)
class Holds:
    """The holds in force at one moment: held records by model label, held subjects."""

    records: dict[str, frozenset[str]]
    subjects: frozenset[str]

    @classmethod
    def at(cls, now: dt.datetime) -> Holds:
        records: dict[str, set[str]] = {}
        subjects = set()
        rows = holds_active_at(now).values_list(
            "record_model", "record_pk", "subject_id"
        )
        for label, pk, subject_id in rows:
            if subject_id is not None:
                subjects.add(str(subject_id))
            else:
                records.setdefault(label, set()).add(pk)
        return cls(
            records={label: frozenset(pks) for label, pks in records.items()},
            subjects=frozenset(subjects),
        )

    def condition(self, model: type[models.Model], subject_path: str | None) -> Q:
        """Return the filter matching the rows of `model` these holds keep."""
        held = Q(pk__in=[])
        pks = self.records.get(model._meta.label)
        if pks:
            field = model._meta.pk
            held |= Q(pk__in=[field.to_python(pk) for pk in pks])
        if self.subjects and subject_path is not None:
            held |= Q(**{f"{subject_path}__in": sorted(self.subjects)})
        return held

    def holds_any(self, model: type[models.Model], subject_path: str | None) -> bool:
        return bool(self.records.get(model._meta.label)) or bool(
            self.subjects and subject_path is not None
        )


def rows_not_held(rows: models.QuerySet, *, now: dt.datetime) -> models.QuerySet:
    """Return `rows` without those a legal hold in force keeps (RET-03).

    Erasure and sweeps pass what they are about to delete or empty through this,
    so a held record, or any record of a held subject, is left as it is.
    """
    from candid.retention.schedule import subject_path_of

    holds = Holds.at(now)
    subject_path = subject_path_of(rows.model)
    if not holds.holds_any(rows.model, subject_path):
        return rows
    return rows.exclude(holds.condition(rows.model, subject_path))
