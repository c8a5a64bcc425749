"""The retention schedule as Candid applies it: one target per rule and model.

Each rule of the declaration's `retention:` reaches the models able to apply it (see
`candid.retention.annotations`): a record rule the model whose `Retention.record` it
names, a category rule every model holding the category, in both cases only where
the model maps the rule's trigger to a date. A `Target` says which rows of one model
are past the rule's period at a moment, and what the sweep does to them.

`delete` and `anonymise` act once the period is over. A `keep` rule holds the data
for its period under its legal obligation (erasure leaves it alone); past the
period nothing justifies it any more, so the sweep deletes it as `delete` would.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Q

from candid.datamap.annotations import AnnotationError, annotation_of
from candid.policy.durations import Duration, add_months
from candid.policy.schema import Declaration
from candid.policy.schema.processing import RetentionRule
from candid.retention import conf
from candid.retention.annotations import (
    RetentionAnnotation,
    RetentionAnnotationError,
    date_field,
    emptied_value,
    retention_of,
)

FINANCIAL_YEAR_END = "end_of_financial_year"


def rule_key(rule: RetentionRule) -> str:
    """Return the stable name of a rule: what it covers and its trigger."""
    return f"{rule.record or rule.category}:{rule.trigger}"


@dataclass(frozen=True)
class Target:
    """What one rule does to one model: `deletes_rows`, or empties `empty`'s fields."""

    rule: RetentionRule
    model: type[models.Model]
    date_path: str
    deletes_rows: bool
    empty: dict[str, Any] = field(default_factory=dict)
    files: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    subject_path: str | None = None

    @property
    def rule_key(self) -> str:
        return rule_key(self.rule)

    @property
    def label(self) -> str:
        return self.model._meta.label

    @property
    def key(self) -> str:
        """Return the cursor key: rule and model, e.g. "share_link:collected@..."."""
        return f"{self.rule_key}@{self.model._meta.label_lower}"

    @property
    def action(self) -> str:
        return "delete" if self.deletes_rows else "anonymise"

    def cutoff(self, now: dt.datetime) -> dt.datetime:
        """Return the moment before which the trigger date puts a row past its period."""
        return period_start(
            self.rule.period,
            self.rule.trigger,
            now,
            year_start=conf.financial_year_start(),
        )

    def expired(self, now: dt.datetime) -> models.QuerySet:
        """Return the rows past the rule's period at `now` that still hold the data."""
        cutoff = self.cutoff(now)
        if isinstance(date_field(self.model, self.date_path), models.DateTimeField):
            condition = Q(**{f"{self.date_path}__lt": cutoff})
        else:
            condition = Q(**{f"{self.date_path}__lt": cutoff.date()})
        rows = self.model._default_manager.filter(condition)
        if self.deletes_rows:
            return rows
        return rows.filter(_any_not_empty(self.empty))


def _any_not_empty(empty: dict[str, Any]) -> Q:
    condition = Q()
    for name, value in empty.items():
        if value is None:
            condition |= Q(**{f"{name}__isnull": False})
        else:
            condition |= ~Q(**{name: value})
    return condition


def period_start(
    period: Duration,
    trigger: str,
    now: dt.datetime,
    *,
    year_start: tuple[int, int] = (1, 1),
) -> dt.datetime:
    """Return the cut-off: a row whose trigger date is before it is past `period`.

    For `end_of_financial_year` the period runs from the end of the financial year
    (starting each year on `year_start`, month and day) of the date: a row is past
    it once that year's end plus the period is past, that is when its date is
    before the start of the financial year holding `now` minus the period.
    """
    start = before(period, now)
    if trigger != FINANCIAL_YEAR_END:
        return start
    month, day = year_start
    year = start.year if (start.month, start.day) >= (month, day) else start.year - 1
    return start.replace(
        year=year, month=month, day=day, hour=0, minute=0, second=0, microsecond=0
    )


def before(period: Duration, now: dt.datetime) -> dt.datetime:
    """Return the moment `period` before `now` (months end-of-month aware)."""
    if period.unit in ("months", "years"):
        return add_months(now, -period.amount * (12 if period.unit == "years" else 1))
    if period.unit == "business_days":
        current, remaining = now, period.amount
        while remaining > 0:
            current -= dt.timedelta(days=1)
            remaining -= current.weekday() < 5
        return current
    return now - dt.timedelta(**{period.unit: period.amount})


def retention_models() -> list[tuple[type[models.Model], RetentionAnnotation]]:
    """Return every installed model with a well-formed `Retention`, by label."""
    found = []
    for model in sorted(apps.get_models(), key=lambda m: m._meta.label):
        try:
            annotation = retention_of(model)
        except RetentionAnnotationError:
            continue  # candid.E700 reports it.
        if annotation is not None:
            found.append((model, annotation))
    return found


def targets_for(
    declaration: Declaration, rule_keys: Iterable[str] | None = None
) -> list[Target]:
    """Return the targets of the declared rules (only `rule_keys`, if given).

    Targets that cannot be built (an annotation error) are left out; start-up
    checks report them, so a sweep never guesses.
    """
    wanted = set(rule_keys) if rule_keys is not None else None
    annotated = retention_models()
    targets = []
    for rule in declaration.retention:
        if wanted is not None and rule_key(rule) not in wanted:
            continue
        for model, annotation in annotated:
            try:
                target = target_of(rule, model, annotation)
            except RetentionAnnotationError:
                continue
            if target is not None:
                targets.append(target)
    return targets


def target_of(
    rule: RetentionRule, model: type[models.Model], annotation: RetentionAnnotation
) -> Target | None:
    """Return what `rule` does to `model`, None if it does not reach it.

    Raise RetentionAnnotationError when it should reach it but cannot: the trigger
    path is no date, or a field to empty cannot be emptied.
    """
    path = annotation.triggers.get(rule.trigger)
    if path is None:
        return None
    if rule.record is not None:
        if annotation.record != rule.record:
            return None
        fields = _personal_fields(model, lambda category: True)
        categories = tuple(sorted(set(fields.values())))
        deletes_rows = rule.action != "anonymise"
    else:
        category = rule.category or ""
        fields = _personal_fields(model, lambda held: _within(held, category))
        if not fields:
            return None
        categories = tuple(sorted(set(fields.values())))
        deletes_rows = bool(annotation.delete_row_for & set(categories))
    date_field(model, path)
    if not deletes_rows and not fields:
        return None  # Nothing personal to empty.
    empty = {} if deletes_rows else _empty_values(model, fields)
    return Target(
        rule=rule,
        model=model,
        date_path=path,
        deletes_rows=deletes_rows,
        empty=empty,
        files=annotation.files if deletes_rows else (),
        categories=categories,
        subject_path=subject_path_of(model),
    )


def _within(held: str, category: str) -> bool:
    return held == category or held.startswith(category + ".")


def _personal_fields(model: type[models.Model], wanted: Any) -> dict[str, str]:
    try:
        annotation = annotation_of(model)
    except AnnotationError:
        return {}
    if annotation is None:
        return {}
    return {
        name: category
        for name, category in annotation.fields.items()
        if category is not None and wanted(category)
    }


def _empty_values(model: type[models.Model], fields: dict[str, str]) -> dict[str, Any]:
    empty = {}
    for name in sorted(fields):
        field_ = model._meta.get_field(name)
        if field_.many_to_many:
            raise RetentionAnnotationError(
                f"{model._meta.label}.{name} is a many-to-many field: list its "
                "category in Retention.delete_row_for"
            )
        empty[field_.attname] = emptied_value(field_)
    return empty


def subject_path_of(model: type[models.Model]) -> str | None:
    """Return the model's subject path from its `PersonalData`, None if it has none."""
    try:
        annotation = annotation_of(model)
    except AnnotationError:
        return None
    return annotation.subject if annotation is not None else None
