"""Start-up checks of the data map: every field of a Candid model says what it holds.

A model of a `candid.*` app whose personal data the data map cannot account for would
escape access requests, erasure and retention, so start-up stops (Art. 30 records,
DSR-01). Ids are never reused; the datamap owns candid.E001-E019 and W001-W009.

| Id          | Meaning                                                                 |
|-------------|-------------------------------------------------------------------------|
| candid.E001 | A stored field of a Candid model has no annotation.                     |
| candid.E002 | The annotation names a field the model does not store.                  |
| candid.E003 | A field holds a data category the active declaration does not declare.  |
| candid.E004 | A model holds personal data but has no subject path.                    |
| candid.E005 | A category declared `encrypted_at_rest` is stored in an unencrypted field. |
| candid.E006 | The subject path does not lead from a row to its subject's id.         |
| candid.E007 | The subject path crosses an unindexed field, so finding a subject's rows would scan the table. |
| candid.E008 | The `PersonalData` annotation has the wrong shape.                      |
| candid.E009 | The active declaration cannot be loaded.                                |
| candid.E010 | A category configured as never stored by Candid is stored by a model.   |
| candid.E011 | CANDID_DATAMAP_NOT_STORED is not a dict of category to reason.          |
| candid.W001 | A category a purpose uses is stored nowhere and not declared as held elsewhere. |
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning
from django.db import DatabaseError, models

from candid.datamap import conf
from candid.datamap.annotations import (
    Annotation,
    AnnotationError,
    SubjectPathError,
    annotation_of,
    field_is_encrypted,
    is_candid_model,
    is_indexed,
    needs_annotation,
    stored_fields,
    subject_path_fields,
)
from candid.datamap.registry import candid_models
from candid.policy import Declaration, DeclarationError, load_declaration
from candid.policy.taxonomy import nearest


class Messages:
    UNANNOTATED = "{field} is not annotated: the data map cannot say what it holds."
    UNKNOWN_FIELD = (
        "{model}.PersonalData.fields names '{name}', which {model} does not store."
    )
    UNDECLARED = (
        "{field} holds '{category}', a data category the active declaration "
        "(policy {version}) does not declare."
    )
    NO_SUBJECT = (
        "{model} holds personal data ({categories}) but PersonalData.subject is None: "
        "its rows cannot be found for an access or erasure request."
    )
    NOT_ENCRYPTED = (
        "{field} holds '{category}', which the declaration promises is encrypted at "
        "rest, but the field stores it in clear."
    )
    PATH_UNRESOLVED = (
        "{model}.PersonalData.subject does not reach the subject: {reason}."
    )
    PATH_UNINDEXED = (
        "{model}.PersonalData.subject '{path}' crosses {field}, which has no index: "
        "finding a subject's rows would scan the table."
    )
    MALFORMED = "{model} has a malformed annotation: {reason}."
    NO_DECLARATION = "The active privacy declaration cannot be loaded: {reason}"
    STORED_ANYWAY = (
        "'{category}' is configured as never stored by Candid "
        "(CANDID_DATAMAP_NOT_STORED), but {fields} stores it."
    )
    NOT_STORED_MALFORMED = (
        "CANDID_DATAMAP_NOT_STORED must map each data category to the reason Candid "
        "never stores it, not {value!r}."
    )
    STORED_NOWHERE = (
        "'{category}' is used by purpose(s) {purposes}, but no Candid model stores it."
    )


class Hints:
    UNANNOTATED = (
        'Add "{name}": "<data category>" (or None if it holds no personal data) '
        "to {model}.PersonalData.fields."
    )
    NO_ANNOTATION = (
        'Give {model} an inner class PersonalData with subject = "<path to Subject>" '
        '(or None) and fields = {{"{name}": "<data category>" or None, ...}}.'
    )
    UNKNOWN_FIELD = (
        "Remove it, or fix its name. Fields inherited from a concrete parent model are "
        "annotated on the parent."
    )
    UNDECLARED = "Use a declared category{nearest}, or declare it in the policy."
    NO_SUBJECT = (
        "Set PersonalData.subject to the lookup path from a row to its Subject, "
        'e.g. "subject" or "booking__subject".'
    )
    NOT_ENCRYPTED = (
        "Store it in an encrypted field, e.g. candid.vault.fields.EncryptedTextField."
    )
    PATH_UNRESOLVED = (
        "Follow forward foreign keys to a ForeignKey(Subject) or an indexed UUID "
        'subject_id, e.g. "subject" or "booking__subject".'
    )
    PATH_UNINDEXED = "Add db_index=True to that field, or an index that starts with it."
    MALFORMED = (
        'Write subject = "<lookup path>" or None, and fields = a dict of field name '
        "to a data category or None."
    )
    NO_DECLARATION = "Fix the published policy or settings.CANDID_POLICY_FILE."
    STORED_ANYWAY = "Remove it from CANDID_DATAMAP_NOT_STORED, or stop storing it."
    NOT_STORED_MALFORMED = (
        'Write e.g. {"user.device.cookie_id": "Set and read by the analytics '
        "provider's own script.\"}."
    )
    STORED_NOWHERE = (
        "Annotate the field that stores it, or, if only a third party holds it, add it "
        "to settings.CANDID_DATAMAP_NOT_STORED with the reason."
    )


class Codes:
    UNANNOTATED = "candid.E001"
    UNKNOWN_FIELD = "candid.E002"
    UNDECLARED = "candid.E003"
    NO_SUBJECT = "candid.E004"
    NOT_ENCRYPTED = "candid.E005"
    PATH_UNRESOLVED = "candid.E006"
    PATH_UNINDEXED = "candid.E007"
    MALFORMED = "candid.E008"
    NO_DECLARATION = "candid.E009"
    STORED_ANYWAY = "candid.E010"
    NOT_STORED_MALFORMED = "candid.E011"
    STORED_NOWHERE = "candid.W001"


def check_data_map(
    app_configs: Iterable[AppConfig] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """Refuse start-up while a Candid model holds data the data map cannot account for.

    Every stored field is annotated with a category the declaration in force declares
    (or None), encrypted where the declaration promises encryption at rest, and every
    row reaches its subject through indexed fields. Then the data map and the
    declaration must describe the same data (records of processing, Art. 30): a
    category a purpose uses is stored by a model, or listed with the reason in
    CANDID_DATAMAP_NOT_STORED (a warning, while studio apps are still arriving).
    """
    declaration = declaration_for_checks()
    if isinstance(declaration, Error):
        return [declaration]
    return [
        *(
            message
            for model in _models_of(app_configs)
            for message in model_messages(model, declaration)
        ),
        *storage_messages(candid_models(), declaration, conf.not_stored()),
    ]


def declaration_for_checks() -> Declaration | Error:
    """Return the declaration in force, from the file while the database is not ready.

    Checks also run before `migrate`, when the published versions' table may not
    exist yet; the configured file is then the policy in force.
    """
    from candid.notices.selectors import declaration_active

    try:
        try:
            return declaration_active()
        except DatabaseError:
            return load_declaration(settings.CANDID_POLICY_FILE)
    except (DeclarationError, OSError) as error:
        return Error(
            Messages.NO_DECLARATION.format(reason=error),
            hint=Hints.NO_DECLARATION,
            id=Codes.NO_DECLARATION,
        )


def _models_of(app_configs: Iterable[AppConfig] | None) -> list[type[models.Model]]:
    if app_configs is None:
        return candid_models()
    return [
        model
        for app_config in app_configs
        for model in app_config.get_models()
        if is_candid_model(model)
    ]


def model_messages(
    model: type[models.Model], declaration: Declaration
) -> list[CheckMessage]:
    """Return every problem with one model's annotation, in a stable order."""
    try:
        annotation = annotation_of(model)
    except AnnotationError as error:
        return [_error("MALFORMED", model, model=_label(model), reason=error)]
    if annotation is None:
        return _unannotated(model, Annotation(subject=None, fields={}), missing=True)
    return [
        *_unannotated(model, annotation),
        *_unknown_fields(model, annotation),
        *_subject_path(model, annotation),
        *_categories(model, annotation, declaration),
    ]


def _unannotated(
    model: type[models.Model], annotation: Annotation, *, missing: bool = False
) -> list[Error]:
    return [
        Error(
            Messages.UNANNOTATED.format(field=_label(model, field.name)),
            hint=(Hints.NO_ANNOTATION if missing else Hints.UNANNOTATED).format(
                name=field.name, model=model.__name__
            ),
            obj=model,
            id=Codes.UNANNOTATED,
        )
        for field in stored_fields(model)
        if needs_annotation(field) and field.name not in annotation.fields
    ]


def _unknown_fields(model: type[models.Model], annotation: Annotation) -> list[Error]:
    stored = {field.name for field in stored_fields(model)}
    return [
        _error("UNKNOWN_FIELD", model, model=_label(model), name=name)
        for name in annotation.fields
        if name not in stored
    ]


def _subject_path(model: type[models.Model], annotation: Annotation) -> list[Error]:
    if annotation.subject is None:
        held = sorted({c for c in annotation.fields.values() if c is not None})
        if not held:
            return []
        categories = ", ".join(held)
        return [_error("NO_SUBJECT", model, model=_label(model), categories=categories)]
    try:
        crossed = subject_path_fields(model, annotation.subject)
    except SubjectPathError as error:
        return [_error("PATH_UNRESOLVED", model, model=_label(model), reason=error)]
    return [
        _error(
            "PATH_UNINDEXED",
            model,
            model=_label(model),
            path=annotation.subject,
            field=_label(field.model, field.name),
        )
        for field in crossed
        if not is_indexed(field)
    ]


def _categories(
    model: type[models.Model], annotation: Annotation, declaration: Declaration
) -> list[Error]:
    declared = {category.key: category for category in declaration.data_categories}
    stored = {field.name: field for field in stored_fields(model)}
    messages = []
    for name, key in annotation.fields.items():
        if key is None or name not in stored:
            continue
        field_label = _label(model, name)
        if key not in declared:
            messages.append(_undeclared(model, field_label, key, declaration))
        elif declared[key].encrypted_at_rest and not field_is_encrypted(stored[name]):
            messages.append(
                _error("NOT_ENCRYPTED", model, field=field_label, category=key)
            )
    return messages


def _undeclared(
    model: type[models.Model], field_label: str, key: str, declaration: Declaration
) -> Error:
    keys = frozenset(category.key for category in declaration.data_categories)
    close = nearest(key, keys)
    suggestion = f" such as {', '.join(repr(k) for k in close)}" if close else ""
    return Error(
        Messages.UNDECLARED.format(
            field=field_label, category=key, version=declaration.policy.version
        ),
        hint=Hints.UNDECLARED.format(nearest=suggestion),
        obj=model,
        id=Codes.UNDECLARED,
    )


def storage_messages(
    candidates: Iterable[type[models.Model]],
    declaration: Declaration,
    not_stored: Any,
) -> list[CheckMessage]:
    """Compare what the declaration's purposes use with what the models store."""
    if not _is_reason_map(not_stored):
        return [_error("NOT_STORED_MALFORMED", None, value=not_stored)]
    holders = _holders(candidates)
    messages: list[CheckMessage] = [
        _error("STORED_ANYWAY", None, category=key, fields=", ".join(holders[key]))
        for key in sorted(not_stored)
        if key in holders
    ]
    for key, purposes in _purposes_by_category(declaration).items():
        if key not in holders and key not in not_stored:
            names = ", ".join(repr(p) for p in purposes)
            messages.append(
                Warning(
                    Messages.STORED_NOWHERE.format(category=key, purposes=names),
                    hint=Hints.STORED_NOWHERE,
                    id=Codes.STORED_NOWHERE,
                )
            )
    return messages


def _is_reason_map(value: Any) -> bool:
    return isinstance(value, Mapping) and all(
        isinstance(key, str) and isinstance(reason, str) and reason.strip()
        for key, reason in value.items()
    )


def _holders(candidates: Iterable[type[models.Model]]) -> dict[str, list[str]]:
    """Return, for each category, the fields that store it (annotations that parse)."""
    holders: dict[str, list[str]] = {}
    for model in candidates:
        try:
            annotation = annotation_of(model)
        except AnnotationError:
            continue  # candid.E008 reports it.
        for name, key in (annotation.fields if annotation else {}).items():
            if key is not None:
                holders.setdefault(key, []).append(_label(model, name))
    return holders


def _purposes_by_category(declaration: Declaration) -> dict[str, list[str]]:
    used: dict[str, list[str]] = {}
    for purpose in declaration.purposes:
        for key in purpose.data_categories:
            used.setdefault(key, []).append(purpose.key)
    return used


def _label(model: type[models.Model], field_name: str | None = None) -> str:
    label = model._meta.label
    return f"{label}.{field_name}" if field_name else label


def _error(kind: str, obj: Any, **values: Any) -> Error:
    return Error(
        getattr(Messages, kind).format(**values),
        hint=getattr(Hints, kind),
        obj=obj,
        id=getattr(Codes, kind),
    )
