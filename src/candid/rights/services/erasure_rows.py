"""Row work of an erasure: end sign-in, move kept sealed values, delete or minimise.

Every function here is idempotent: run again on the same rows it changes nothing
more, so a resumed erasure may repeat the batch it died in.
"""

from __future__ import annotations

import logging
import secrets
import uuid
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models.deletion import ProtectedError, RestrictedError

from candid.datamap.models import Subject
from candid.rights.erasure_plan import ModelPlan
from candid.rights.hooks import row_hooks_for

logger = logging.getLogger("candid.rights")


def subject_rows(plan: ModelPlan, subject_id: uuid.UUID) -> models.QuerySet:
    """Return the subject's rows of the plan's model (one indexed filter)."""
    assert plan.entry.subject_path is not None  # noqa: S101 - plans have one
    return plan.model._base_manager.filter(**{plan.entry.subject_path: subject_id})


def empty_value(field: models.Field) -> Any:
    """Return the value that holds nothing for `field`, or raise LookupError.

    None where the column allows it; an empty string, or for a unique column an
    unusable random marker, for text; an empty list or dict for JSON. Other columns
    (dates, numbers) cannot be emptied and stay as they are.
    """
    if field.null:
        return None
    if isinstance(field, models.JSONField):
        return field.get_default() if field.has_default() else []
    if isinstance(field, (models.CharField, models.TextField)):
        if field.unique:
            # The "!" prefix is also Django's mark of an unusable password.
            return "!" + secrets.token_hex(8)
        return ""
    raise LookupError(field.name)


def _emptied(plan: ModelPlan, names: tuple[str, ...]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in names:
        field = plan.model._meta.get_field(name)
        sealed = getattr(field, "encrypted", False)
        if field.many_to_many or (sealed and not field.null):
            continue  # cleared apart / unreadable once the key is destroyed
        try:
            values[field.attname] = empty_value(field)
        except LookupError:
            continue
    return values


def sign_in_end(plan: ModelPlan, subject_id: uuid.UUID) -> int:
    """Delete the subject's sessions, or empty their credentials; return rows touched.

    A model holding only credentials and device data (a session) loses its rows;
    any other (an account, a share link) has its credentials emptied, so no
    password, session or link of the subject works any more.
    """
    rows = subject_rows(plan, subject_id)
    if plan.session_only:
        return rows.delete()[0]
    unique = {n for n in plan.credential_fields if _field(plan, n).unique}
    shared = tuple(n for n in plan.credential_fields if n not in unique)
    touched = rows.update(**_emptied(plan, shared)) if shared else 0
    if unique:
        # A unique column gets its own unusable value per row.
        for pk in rows.values_list("pk", flat=True):
            plan.model._base_manager.filter(pk=pk).update(
                **_emptied(plan, tuple(unique))
            )
            touched += 0 if shared else 1
    return touched


def kept_sealed_move(
    plan: ModelPlan, subject_id: uuid.UUID, retained: Callable[[], uuid.UUID]
) -> int:
    """Seal a legal obligation's kept values again under the retained subject's key.

    Runs before the subject's key is destroyed, which would make them unreadable.
    The row is minimised and moved to the retained subject in one save, so only
    the kept values are sealed again; its other sealed fields are emptied.
    `retained()` returns the retained subject's id, made on the first row moved.
    """
    subject_field = direct_subject_field(plan)
    sealed = [f.name for f in plan.entry.fields if f.encrypted]
    moved = 0
    for row in subject_rows(plan, subject_id).order_by("pk"):
        for name in sealed:
            if name not in plan.kept_fields:
                setattr(row, name, "" if not _field(plan, name).null else None)
        values = _emptied(plan, plan.erased_fields)
        for attname, value in values.items():
            setattr(row, attname, value)
        setattr(row, subject_field.attname, retained())
        changed = {subject_field.name, *sealed, *(_field(plan, a).name for a in values)}
        row.save(update_fields=sorted(changed))
        _many_to_many_clear(plan, row)
        moved += 1
    return moved


def _field(plan: ModelPlan, name: str) -> models.Field:
    # get_field finds a field by its name or its column's attribute name.
    return plan.model._meta.get_field(name)


def direct_subject_field(plan: ModelPlan) -> models.Field:
    """Return the foreign key to Subject a row's kept values can move along."""
    path = plan.entry.subject_path or ""
    field = plan.model._meta.get_field(path.split("__")[0])
    direct = "__" not in path and (field.many_to_one or field.one_to_one)
    if not (direct and field.related_model is Subject):
        raise ImproperlyConfigured(
            f"{plan.label} keeps sealed values under a legal obligation but does not "
            "point at its subject directly: give it a `subject` foreign key."
        )
    return field


def retained_subject_create() -> uuid.UUID:
    """Return a new subject for the values a legal obligation keeps."""
    return Subject.objects.create().id


def row_erase(plan: ModelPlan, row: models.Model) -> str:
    """Delete one row, or keep it minimised; return "deleted" or "minimised".

    Registered hooks run first, then the files the row names are deleted. A row
    holding a kept value, or one that kept rows still point at, is minimised.
    """
    for hook in row_hooks_for(plan.model):
        hook(row)
    _files_delete(plan, row)
    if not plan.keeps_rows:
        try:
            with transaction.atomic():
                row.delete()
        except (ProtectedError, RestrictedError):
            pass
        else:
            return "deleted"
    row_minimise(plan, row)
    return "minimised"


def row_minimise(plan: ModelPlan, row: models.Model) -> None:
    """Empty every personal field of the row that no legal obligation keeps."""
    values = _emptied(plan, plan.erased_fields)
    if values:
        plan.model._base_manager.filter(pk=row.pk).update(**values)
    _many_to_many_clear(plan, row)


def _many_to_many_clear(plan: ModelPlan, row: models.Model) -> None:
    for name in plan.erased_fields:
        field = plan.model._meta.get_field(name)
        if field.many_to_many:
            getattr(row, name).clear()


def _files_delete(plan: ModelPlan, row: models.Model) -> None:
    for name in plan.files:
        if name in plan.kept_fields:
            continue
        stored = getattr(row, name)
        stored_name = getattr(stored, "name", stored)
        if stored_name:
            default_storage.delete(stored_name)
