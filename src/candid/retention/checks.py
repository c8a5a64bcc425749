"""Start-up checks of retention: every declared rule can be applied where data is kept.

A rule that no model can apply is a promise in the published policy that nothing
keeps (RET-01, RET-02). Retention owns candid.E700-E719 and W700-W709; ids are never
reused.

| Id          | Meaning                                                                  |
|-------------|--------------------------------------------------------------------------|
| candid.E700 | A model's `Retention` annotation has the wrong shape.                    |
| candid.E701 | A trigger of a `Retention` annotation does not lead to a date field.     |
| candid.E702 | A declared category rule reaches a model but cannot empty its field.     |
| candid.E703 | `Retention.files` names a field that holds no storage name.              |
| candid.E704 | CANDID_FINANCIAL_YEAR_START is not a day of the year (MM-DD).          |
| candid.W700 | A declared rule has no model able to apply it, though Candid stores the data. |
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.apps import AppConfig, apps
from django.core.checks import CheckMessage, Error, Warning
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from candid.datamap.annotations import AnnotationError, annotation_of
from candid.datamap.checks import declaration_for_checks
from candid.policy.schema import Declaration
from candid.policy.schema.processing import RetentionRule
from candid.retention import conf
from candid.retention.annotations import (
    RetentionAnnotation,
    RetentionAnnotationError,
    date_field,
    file_field_names,
    retention_of,
)
from candid.retention.schedule import rule_key, target_of


class Messages:
    MALFORMED = "{model} has a malformed Retention annotation: {reason}."
    TRIGGER = "{model}.Retention.triggers['{trigger}'] is unusable: {reason}."
    CANNOT_EMPTY = (
        "Rule '{rule}' ({action} after {period}) reaches {model}, but {reason}: "
        "the sweep could not remove that data."
    )
    FILES = "{model}.Retention.files is unusable: {reason}."
    YEAR_START = "{reason}: financial-year retention periods cannot be counted."
    NO_MODEL = (
        "Rule '{rule}' ({action} after {period}) is declared, but no model maps "
        "the trigger '{trigger}' for {what}: nothing would apply it."
    )


class Hints:
    MALFORMED = (
        'Write record = "<record type>" or None, triggers = {"<trigger>": '
        '"<date field path>"}, delete_row_for = {"<category>"}, files = ("<field>",).'
    )
    TRIGGER = 'Point it at a DateField or DateTimeField, e.g. "gallery__delivered_at".'
    CANNOT_EMPTY = (
        "Make the field nullable, list the category in Retention.delete_row_for to "
        "delete the whole row, or remove the trigger from Retention.triggers."
    )
    FILES = "List only CharFields or FileFields that hold storage names."
    YEAR_START = 'Set it to the first day of the financial year, e.g. "04-06".'
    NO_MODEL = (
        "Give the model that keeps this data a Retention annotation mapping the "
        "trigger to a date, or change the rule in the policy."
    )


class Codes:
    MALFORMED = "candid.E700"
    TRIGGER = "candid.E701"
    CANNOT_EMPTY = "candid.E702"
    FILES = "candid.E703"
    YEAR_START = "candid.E704"
    NO_MODEL = "candid.W700"


def check_retention(
    app_configs: Iterable[AppConfig] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """Refuse start-up while a retention annotation is unusable; warn of unkept rules.

    Every `Retention` annotation must be well formed, its triggers must lead to
    dates and its files to storage names; each declared rule that reaches a model
    must be able to delete or empty the data there. A declared rule that reaches no
    model, for data Candid stores, is reported too.
    """
    declaration = declaration_for_checks()
    if isinstance(declaration, Error):
        return []  # candid.E009 of the data map reports it.
    annotated: list[tuple[type[models.Model], RetentionAnnotation]] = []
    messages: list[CheckMessage] = year_start_messages()
    for model in _models(app_configs):
        found, problems = annotation_messages(model)
        messages += problems
        if found is not None and not problems:
            annotated.append((model, found))
    messages += rule_messages(declaration, annotated, stored=_stored_categories())
    return messages


def year_start_messages() -> list[CheckMessage]:
    """Return an error if CANDID_FINANCIAL_YEAR_START is not a day of the year."""
    try:
        conf.financial_year_start()
    except ImproperlyConfigured as error:
        return [_error("YEAR_START", None, reason=error)]
    return []


def _models(app_configs: Iterable[AppConfig] | None) -> list[type[models.Model]]:
    if app_configs is None:
        return list(apps.get_models())
    return [model for config in app_configs for model in config.get_models()]


def annotation_messages(
    model: type[models.Model],
) -> tuple[RetentionAnnotation | None, list[CheckMessage]]:
    """Return a model's annotation (if it parses) and every problem with it."""
    label = model._meta.label
    try:
        found = retention_of(model)
    except RetentionAnnotationError as error:
        return None, [_error("MALFORMED", model, model=label, reason=error)]
    if found is None:
        return None, []
    problems: list[CheckMessage] = []
    for trigger, path in sorted(found.triggers.items()):
        try:
            date_field(model, path)
        except RetentionAnnotationError as error:
            problems.append(
                _error("TRIGGER", model, model=label, trigger=trigger, reason=error)
            )
    try:
        file_field_names(model, found.files)
    except RetentionAnnotationError as error:
        problems.append(_error("FILES", model, model=label, reason=error))
    return found, problems


def rule_messages(
    declaration: Declaration,
    annotated: list[tuple[type[models.Model], RetentionAnnotation]],
    *,
    stored: frozenset[str],
) -> list[CheckMessage]:
    """Return, per declared rule, the models it cannot empty and whether any applies."""
    messages: list[CheckMessage] = []
    for rule in declaration.retention:
        applied = False
        for model, found in annotated:
            try:
                applied |= target_of(rule, model, found) is not None
            except RetentionAnnotationError as error:
                messages.append(_cannot_empty(rule, model, error))
                applied = True
        if not applied and _stored(rule, stored):
            messages.append(_no_model(rule))
    return messages


def _stored(rule: RetentionRule, stored: frozenset[str]) -> bool:
    if rule.record is not None:
        return True
    category = rule.category or ""
    return any(held == category or held.startswith(category + ".") for held in stored)


def _stored_categories() -> frozenset[str]:
    held = set()
    for model in apps.get_models():
        try:
            annotation = annotation_of(model)
        except AnnotationError:
            continue
        if annotation is not None:
            held |= {c for c in annotation.fields.values() if c is not None}
    return frozenset(held)


def _cannot_empty(rule: RetentionRule, model: type[models.Model], error: Any) -> Error:
    return _error(
        "CANNOT_EMPTY",
        model,
        rule=rule_key(rule),
        action=rule.action,
        period=rule.period,
        model=model._meta.label,
        reason=error,
    )


def _no_model(rule: RetentionRule) -> Warning:
    what = f"record '{rule.record}'" if rule.record else f"category '{rule.category}'"
    return Warning(
        Messages.NO_MODEL.format(
            rule=rule_key(rule),
            action=rule.action,
            period=rule.period,
            trigger=rule.trigger,
            what=what,
        ),
        hint=Hints.NO_MODEL,
        id=Codes.NO_MODEL,
    )


def _error(kind: str, obj: Any, **values: Any) -> Error:
    return Error(
        getattr(Messages, kind).format(**values),
        hint=getattr(Hints, kind),
        obj=obj,
        id=getattr(Codes, kind),
    )
