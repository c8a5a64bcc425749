"""Read the `Retention` annotation of a model: which rules it can apply, and how.

A model that a retention rule of the declaration may reach says so in an inner
class, beside its `PersonalData` annotation:

    class Retention:
        record = "share_link"                     # a declared RecordType, or None
        triggers = {"collected": "created_at",    # trigger -> date lookup path
                    "gallery_delivered": "gallery__delivered_at"}
        delete_row_for = {"user.content.self_image"}  # categories whose expiry
                                                  # deletes the row, not the fields
        files = ("original_name", "preview_name") # storage names deleted with it

A rule naming `record: share_link` deletes (or anonymises) whole rows of the model
whose `record` it is; a rule naming a data category empties the fields holding that
category (or a narrower one) on every model holding it, or deletes the row when the
category is in `delete_row_for`. Either applies only where the model maps the rule's
trigger to the date it starts from; a row whose date is empty has not reached its
trigger yet. `candid.retention.checks` reports what is wrong with an annotation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import get_args

from django.core.exceptions import FieldDoesNotExist
from django.db import models

from candid.policy.schema.vocabulary import RecordType, RetentionTrigger

RECORD_TYPES = frozenset(get_args(RecordType))
TRIGGERS = frozenset(get_args(RetentionTrigger))


class RetentionAnnotationError(ValueError):
    """A `Retention` annotation has the wrong shape or names what does not exist."""


@dataclass(frozen=True)
class RetentionAnnotation:
    """A model's `Retention`, checked for shape."""

    record: str | None
    triggers: Mapping[str, str]
    delete_row_for: frozenset[str]
    files: tuple[str, ...]


def retention_of(model: type[models.Model]) -> RetentionAnnotation | None:
    """Return the model's annotation, None if it has none, or raise the error."""
    declared = getattr(model, "Retention", None)
    if declared is None:
        return None
    record = getattr(declared, "record", None)
    if record is not None and record not in RECORD_TYPES:
        raise RetentionAnnotationError(
            f"Retention.record {record!r} is not a record type of the declaration "
            f"vocabulary ({', '.join(sorted(RECORD_TYPES))})"
        )
    return RetentionAnnotation(
        record=record,
        triggers=_triggers(getattr(declared, "triggers", {})),
        delete_row_for=_names(
            getattr(declared, "delete_row_for", ()), "delete_row_for"
        ),
        files=tuple(sorted(_names(getattr(declared, "files", ()), "files"))),
    )


def _triggers(triggers: object) -> dict[str, str]:
    if not isinstance(triggers, Mapping):
        raise RetentionAnnotationError(
            f"Retention.triggers must be a dict of trigger to date field, not {triggers!r}"
        )
    for trigger, path in triggers.items():
        if trigger not in TRIGGERS:
            raise RetentionAnnotationError(
                f"Retention.triggers names {trigger!r}, which is not a retention "
                f"trigger ({', '.join(sorted(TRIGGERS))})"
            )
        if not (isinstance(path, str) and path):
            raise RetentionAnnotationError(
                f"Retention.triggers[{trigger!r}] must be a date lookup path, "
                f"not {path!r}"
            )
    return dict(triggers)


def _names(values: object, attribute: str) -> frozenset[str]:
    if isinstance(values, str) or not all(
        isinstance(value, str) and value
        for value in values  # type: ignore[attr-defined]
    ):
        raise RetentionAnnotationError(
            f"Retention.{attribute} must be a set or tuple of names, not {values!r}"
        )
    return frozenset(values)  # type: ignore[arg-type]


def date_field(model: type[models.Model], path: str) -> models.Field:
    """Return the date or datetime field a trigger path ends at, or raise the error.

    The path follows forward foreign keys (`gallery__delivered_at`), as a filter does.
    """
    current: type[models.Model] = model
    names = path.split("__")
    for position, name in enumerate(names):
        try:
            field = current._meta.get_field(name)
        except FieldDoesNotExist:
            raise RetentionAnnotationError(
                f"trigger path '{path}': {current._meta.label} has no field '{name}'"
            ) from None
        if position < len(names) - 1:
            if not (field.many_to_one or field.one_to_one) or not field.concrete:
                raise RetentionAnnotationError(
                    f"trigger path '{path}': '{name}' is not a forward foreign key"
                )
            current = field.related_model
    if not isinstance(field, models.DateField):
        raise RetentionAnnotationError(
            f"trigger path '{path}' ends at {type(field).__name__} '{field.name}', "
            "not a date or datetime field"
        )
    return field


def file_field_names(model: type[models.Model], names: tuple[str, ...]) -> None:
    """Raise the error unless every name is a text field holding a storage name."""
    for name in names:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            raise RetentionAnnotationError(
                f"Retention.files names '{name}', which {model._meta.label} does not store"
            ) from None
        if not isinstance(field, (models.CharField, models.FileField)):
            raise RetentionAnnotationError(
                f"Retention.files names '{name}', a {type(field).__name__}, not a "
                "field holding a storage name"
            )


def emptied_value(field: models.Field) -> object:
    """Return the value that empties `field`, or raise the error if none can.

    Nullable fields (encrypted ones included) become None; text fields that may be
    blank become "". Anything else would need the whole row deleted.
    """
    if field.null:
        return None
    if isinstance(field, (models.CharField, models.TextField)) and field.blank:
        if not getattr(field, "encrypted", False):
            return ""
    raise RetentionAnnotationError(
        f"{field.model._meta.label}.{field.name} cannot be emptied (it is neither "
        "nullable nor a text field that may be blank)"
    )
