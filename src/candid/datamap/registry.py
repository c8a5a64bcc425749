"""The data map: where Candid keeps which personal data, and whose it is.

Built once, on first use, from the `PersonalData` annotation of every model of a
`candid.*` app. It answers "where is everything about subject S" with one indexed
filter per model, never a table scan: the subject path of every model ends in a
foreign key to Subject or an indexed subject id (checked at start-up, candid.E007).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from candid.datamap.annotations import (
    AnnotationError,
    SubjectPathError,
    annotation_of,
    field_is_encrypted,
    is_candid_model,
    needs_annotation,
    stored_fields,
    subject_path_fields,
)


@dataclass(frozen=True)
class FieldMap:
    """One stored field: the category it holds (None: nothing personal), encrypted or not."""

    name: str
    category: str | None
    encrypted: bool


@dataclass(frozen=True)
class ModelMap:
    """One model: how its rows reach their subject, and what each field holds."""

    model: type[models.Model]
    subject_path: str | None
    fields: tuple[FieldMap, ...]

    @property
    def categories(self) -> frozenset[str]:
        return frozenset(f.category for f in self.fields if f.category is not None)


@dataclass(frozen=True)
class SubjectLocation:
    """The rows of one model that belong to one subject: `model.filter(**lookup)`."""

    model: type[models.Model]
    lookup: dict[str, Any]

    def queryset(self) -> models.QuerySet:
        return self.model._default_manager.filter(**self.lookup)


class DataMap:
    """The registry of annotated models, with the reads the privacy kernel needs."""

    def __init__(self, entries: Iterable[ModelMap]) -> None:
        ordered = sorted(entries, key=lambda entry: entry.model._meta.label)
        self._entries = {entry.model: entry for entry in ordered}

    @classmethod
    def from_models(cls, candidates: Iterable[type[models.Model]]) -> DataMap:
        """Build the map of `candidates`, refusing any model whose annotation is unusable."""
        return cls(model_map(model) for model in candidates)

    @property
    def entries(self) -> tuple[ModelMap, ...]:
        return tuple(self._entries.values())

    def entry(self, model: type[models.Model]) -> ModelMap:
        """Return the map of one model, or raise LookupError if the data map lacks it."""
        try:
            return self._entries[model]
        except KeyError:
            raise LookupError(
                f"{model._meta.label} is not in the data map: only models of candid.* apps are"
            ) from None

    def models_holding(self, category: str) -> list[type[models.Model]]:
        """Return the models holding `category` or a narrower one, by label.

        `user.contact` finds the models holding `user.contact.email` too, so a request
        about a broad category reaches every place that holds part of it.
        """
        return [
            entry.model
            for entry in self._entries.values()
            if any(_within(held, category) for held in entry.categories)
        ]

    def locations_for_subject(
        self, subject_id: uuid.UUID | str
    ) -> list[SubjectLocation]:
        """Return, for every model whose rows reach a subject, the filter for this one.

        One indexed query per model finds all of a subject's rows (access, export and
        erasure start here). A malformed id raises ValueError before any query.
        """
        subject_uuid = uuid.UUID(str(subject_id))
        return [
            SubjectLocation(entry.model, {entry.subject_path: subject_uuid})
            for entry in self._entries.values()
            if entry.subject_path is not None
        ]

    def categories_of(self, model: type[models.Model]) -> frozenset[str]:
        """Return the data categories the model's fields hold."""
        return self.entry(model).categories


def _within(held: str, category: str) -> bool:
    return held == category or held.startswith(category + ".")


def model_map(model: type[models.Model]) -> ModelMap:
    """Return the map of one model, or raise ImproperlyConfigured if it cannot be trusted.

    The system checks report every problem in detail at start-up; this refusal keeps a
    half-annotated model from ever reaching an erasure or an export.
    """
    label = model._meta.label
    try:
        annotation = annotation_of(model)
        if annotation is None:
            raise AnnotationError("it has no PersonalData annotation")
        if annotation.subject is not None:
            subject_path_fields(model, annotation.subject)
        fields = tuple(
            _field_map(field, annotation.fields) for field in stored_fields(model)
        )
    except (AnnotationError, SubjectPathError) as error:
        raise ImproperlyConfigured(
            f"{label} cannot join the data map: {error}. Run `candid check` for details."
        ) from None
    return ModelMap(model=model, subject_path=annotation.subject, fields=fields)


def _field_map(field: models.Field, categories: dict[str, str | None]) -> FieldMap:
    if field.name not in categories and needs_annotation(field):
        raise AnnotationError(f"field '{field.name}' is not annotated")
    return FieldMap(
        name=field.name,
        category=categories.get(field.name),
        encrypted=field_is_encrypted(field),
    )


def candid_models() -> list[type[models.Model]]:
    """Return every model the data map covers: the concrete models of candid.* apps."""
    return [model for model in apps.get_models() if is_candid_model(model)]


@cache
def registry() -> DataMap:
    """Return the data map of the installed project, built once on first use."""
    return DataMap.from_models(candid_models())


def models_holding(category: str) -> list[type[models.Model]]:
    """Return the installed models holding `category` or a narrower one."""
    return registry().models_holding(category)


def locations_for_subject(subject_id: uuid.UUID | str) -> list[SubjectLocation]:
    """Return one indexed filter per installed model for the rows of `subject_id`."""
    return registry().locations_for_subject(subject_id)


def categories_of(model: type[models.Model]) -> frozenset[str]:
    """Return the data categories an installed model holds."""
    return registry().categories_of(model)
