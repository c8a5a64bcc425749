"""Read the `PersonalData` annotation of a model, and follow its subject path.

Every model of a Candid app (`candid.*`) says, in an inner class, which data category
each stored field holds and how a row reaches its data subject:

    class PersonalData:
        subject = "booking__subject"        # or "id" on Subject, or None
        fields = {"email": "user.contact.email", "created_at": None}

This module only reads and resolves annotations; `candid.datamap.checks` says what is
wrong with them and `candid.datamap.registry` builds the data map from them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db import models

SUBJECT_MODEL = "datamap.Subject"
CANDID_APP_PREFIX = "candid."


class AnnotationError(ValueError):
    """A `PersonalData` annotation has the wrong shape."""


class SubjectPathError(ValueError):
    """A subject path does not lead from a row to its subject's id."""


@dataclass(frozen=True)
class Annotation:
    """A model's `PersonalData`, checked for shape: the subject path and field map."""

    subject: str | None
    fields: Mapping[str, str | None]


def is_candid_model(model: type[models.Model]) -> bool:
    """Say whether the data map covers `model`: a concrete model of a `candid.*` app."""
    opts = model._meta
    if opts.proxy or opts.swapped:
        return False
    return opts.app_config is not None and opts.app_config.name.startswith(
        CANDID_APP_PREFIX
    )


def annotation_of(model: type[models.Model]) -> Annotation | None:
    """Return the model's annotation, None when it has none, or raise AnnotationError."""
    # Inherited like any class attribute, so an abstract base can annotate the
    # fields it gives its children.
    declared = getattr(model, "PersonalData", None)
    if declared is None:
        return None
    subject = getattr(declared, "subject", None)
    if subject is not None and not (isinstance(subject, str) and subject):
        raise AnnotationError(
            f"PersonalData.subject must be a lookup path or None, not {subject!r}"
        )
    return Annotation(
        subject=subject, fields=_checked_fields(getattr(declared, "fields", None))
    )


def _checked_fields(fields: object) -> dict[str, str | None]:
    if not isinstance(fields, Mapping):
        raise AnnotationError(
            f"PersonalData.fields must be a dict of field name to category, not {fields!r}"
        )
    for name, category in fields.items():
        if not isinstance(name, str) or not (
            category is None or (isinstance(category, str) and category)
        ):
            raise AnnotationError(
                f"PersonalData.fields[{name!r}] must name a data category or be None, "
                f"not {category!r}"
            )
    return dict(fields)


def stored_fields(model: type[models.Model]) -> list[models.Field]:
    """Return the fields the model itself stores: its columns and many-to-many tables."""
    opts = model._meta
    return [*opts.local_concrete_fields, *opts.local_many_to_many]


def needs_annotation(field: models.Field) -> bool:
    """Say whether a stored field must be annotated.

    Fields Django creates itself (the automatic `id`, a parent link) carry no meaning
    of their own, so they are implicitly None; every field a developer writes is not.
    """
    return not field.auto_created


def subject_path_fields(model: type[models.Model], path: str) -> list[models.Field]:
    """Return the fields a subject path crosses, the last holding the subject's id.

    The path follows forward foreign keys only (`booking__subject`) and ends at a
    foreign key to Subject or at a UUID field holding a subject id (`id` on Subject,
    `subject_id` on the kernel ledgers). Raise SubjectPathError otherwise.
    """
    names = path.split("__")
    crossed: list[models.Field] = []
    current = model
    for position, name in enumerate(names):
        field = _field_named(current, name, path)
        crossed.append(field)
        if position < len(names) - 1:
            current = _next_model(field, path)
    _require_subject_id(crossed[-1], path)
    return crossed


def _field_named(model: type[models.Model], name: str, path: str) -> models.Field:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        raise SubjectPathError(
            f"'{path}': {model._meta.label} has no field '{name}'"
        ) from None
    if not field.concrete:
        raise SubjectPathError(
            f"'{path}': '{name}' on {model._meta.label} is not a stored field"
            " (reverse relations are not followed)"
        )
    return field


def _next_model(field: models.Field, path: str) -> type[models.Model]:
    if not (field.many_to_one or field.one_to_one):
        raise SubjectPathError(
            f"'{path}': '{field.name}' on {field.model._meta.label} is not a foreign key"
        )
    return field.related_model


def _require_subject_id(field: models.Field, path: str) -> None:
    if field.many_to_one or field.one_to_one:
        target = field.related_model._meta.label
        if target == SUBJECT_MODEL:
            return
        raise SubjectPathError(
            f"'{path}' ends at a foreign key to {target}, not at the subject"
        )
    if not isinstance(field, models.UUIDField):
        raise SubjectPathError(
            f"'{path}' ends at {type(field).__name__} '{field.name}', which cannot"
            " hold a subject id (a foreign key to Subject or a UUID field can)"
        )


def is_indexed(field: models.Field) -> bool:
    """Say whether the database can find rows by this field without a table scan."""
    if field.primary_key or field.unique or field.db_index:
        return True
    return field.name in _index_leaders(field.model)


def _index_leaders(model: type[models.Model]) -> set[str]:
    """Return the fields that lead a composite index or unique constraint."""
    opts = model._meta
    leaders = {index.fields[0].lstrip("-") for index in opts.indexes if index.fields}
    leaders |= {
        constraint.fields[0]
        for constraint in opts.constraints
        if isinstance(constraint, models.UniqueConstraint) and constraint.fields
    }
    leaders |= {fields[0] for fields in opts.unique_together if fields}
    return leaders


def field_is_encrypted(field: models.Field) -> bool:
    """Say whether the field encrypts its values (vault fields set `encrypted = True`)."""
    return getattr(field, "encrypted", False) is True
