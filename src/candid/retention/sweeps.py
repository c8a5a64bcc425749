"""Sweep the declared retention schedule: delete or anonymise what is past its period.

A sweep walks each target (one rule over one model, `candid.retention.schedule`) in
bounded batches by primary key. Each batch is one transaction: it locks the
target's cursor, takes the next `batch_size` expired, unheld rows after it, deletes
them (with their files, and what cascades from them) or empties the category's
fields, moves the cursor past them and records the counts in the audit log. A crash
loses at most the open batch; the next sweep resumes after the last committed one.
Rows already deleted or emptied no longer match, so a second sweep changes nothing
(RET-02). Legal holds keep their records out of every batch (RET-03).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.files.storage import default_storage
from django.db import connections, models, router, transaction
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.utils import timezone

from candid.audit.entries import Actor
from candid.notices.selectors import declaration_active
from candid.retention import events
from candid.retention.annotations import RetentionAnnotationError, retention_of
from candid.retention.auditlog import AUDIT_EVENT, audit_events_prune
from candid.retention.exceptions import RetentionError, UnknownRule
from candid.retention.models import SweepCursor
from candid.retention.schedule import (
    Target,
    rule_key,
    subject_path_of,
    targets_for,
)
from candid.retention.selectors import Holds, rows_not_held

DEFAULT_BATCH_SIZE = 10_000
MAX_BATCH_SIZE = 100_000


@dataclass
class TargetOutcome:
    """What a sweep did (or, in a dry run, would do) to one model for one rule."""

    rule: str
    model: str
    action: str
    rows: int = 0
    held: int = 0
    blocked: int = 0
    files: int = 0
    batches: int = 0


@dataclass
class SweepReport:
    """The outcome of one sweep, target by target."""

    dry_run: bool
    now: dt.datetime
    outcomes: list[TargetOutcome] = field(default_factory=list)

    def total(self, action: str) -> int:
        return sum(o.rows for o in self.outcomes if o.action == action)

    @property
    def blocked(self) -> int:
        return sum(o.blocked for o in self.outcomes)

    @property
    def held(self) -> int:
        return sum(o.held for o in self.outcomes)


def retention_sweep(
    *,
    now: dt.datetime | None = None,
    dry_run: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    rules: Iterable[str] | None = None,
    actor: Actor | None = None,
) -> SweepReport:
    """Delete or anonymise every row past its declared retention period (RET-02).

    `rules` limits the sweep to some rule keys ("share_link:collected"); an unknown
    key or a batch size outside 1..100,000 raises before anything changes. A dry
    run counts, per rule and model, what would go and what legal holds keep, and
    changes nothing. A real sweep records each batch's counts, and then the sweep's
    totals, in the audit log.
    """
    now = now or timezone.now()
    _check_batch_size(batch_size)
    declaration = declaration_active()
    wanted = _checked_rules(declaration, rules)
    actor = actor or Actor.system("retention")
    report = SweepReport(dry_run=dry_run, now=now)
    for target in targets_for(declaration, wanted):
        if dry_run:
            report.outcomes.append(target_count(target, now=now))
        else:
            report.outcomes.append(
                _sweep_target(target, now=now, batch_size=batch_size, actor=actor)
            )
    if not dry_run:
        events.sweep_finished(report=report, actor=actor)
    return report


def _check_batch_size(batch_size: int) -> None:
    if isinstance(batch_size, bool) or not isinstance(batch_size, int):
        raise RetentionError("The batch size must be a whole number.")
    if not 1 <= batch_size <= MAX_BATCH_SIZE:
        raise RetentionError(f"The batch size must be 1 to {MAX_BATCH_SIZE:,}.")


def _checked_rules(declaration, rules: Iterable[str] | None) -> list[str] | None:
    if rules is None:
        return None
    wanted = list(rules)
    declared = {rule_key(rule) for rule in declaration.retention}
    unknown = sorted(set(wanted) - declared)
    if unknown:
        raise UnknownRule(
            f"The declaration in force has no retention rule {', '.join(unknown)}; "
            f"its rules are {', '.join(sorted(declared))}."
        )
    return wanted


def target_count(target: Target, *, now: dt.datetime) -> TargetOutcome:
    """Return how many rows of a target are past their period, and how many are held."""
    return TargetOutcome(
        rule=target.rule_key,
        model=target.label,
        action=target.action,
        rows=expired_unheld(target, now=now).count(),
        held=_held_count(target, now=now),
    )


def expired_unheld(target: Target, *, now: dt.datetime) -> models.QuerySet:
    """Return the rows of a target a sweep at `now` would act on."""
    return rows_not_held(target.expired(now), now=now)


def _held_count(target: Target, *, now: dt.datetime) -> int:
    expired = target.expired(now)
    kept = rows_not_held(expired, now=now)
    return 0 if kept is expired else expired.count() - kept.count()


def _sweep_target(
    target: Target, *, now: dt.datetime, batch_size: int, actor: Actor
) -> TargetOutcome:
    if target.label == AUDIT_EVENT:
        rows, batches, held = audit_events_prune(
            target, now=now, batch_size=batch_size, actor=actor
        )
        return TargetOutcome(
            rule=target.rule_key,
            model=target.label,
            action=target.action,
            rows=rows,
            batches=batches,
            held=held,
        )
    outcome = TargetOutcome(
        rule=target.rule_key,
        model=target.label,
        action=target.action,
        held=_held_count(target, now=now),
    )
    while _sweep_batch(target, outcome, now=now, batch_size=batch_size, actor=actor):
        pass
    return outcome


def _sweep_batch(
    target: Target,
    outcome: TargetOutcome,
    *,
    now: dt.datetime,
    batch_size: int,
    actor: Actor,
) -> bool:
    """Act on the next batch of one target; return False once the pass is over."""
    pk_field = target.model._meta.pk
    with transaction.atomic(using=router.db_for_write(target.model)):
        cursor = _locked_cursor(target.key, now)
        rows = expired_unheld(target, now=now)
        if cursor.last_pk:
            rows = rows.filter(pk__gt=pk_field.to_python(cursor.last_pk))
        raw_pks = _next_raw_pks(rows, batch_size)
        if not raw_pks:
            _finish(cursor, now)
            return False
        last = pk_field.to_python(raw_pks[-1])
        window = rows.filter(pk__lte=last)
        if target.deletes_rows:
            acted, blocked, files = _delete(target, window, now=now)
        else:
            acted, blocked, files = window.update(**target.empty), 0, 0
        _advance(cursor, last_pk=last, acted=acted, blocked=blocked)
        more = len(raw_pks) == batch_size
        if not more:
            _finish(cursor, now)
        events.batch_swept(
            target=target, rows=acted, blocked=blocked, files=files, actor=actor
        )
    outcome.rows += acted
    outcome.blocked += blocked
    outcome.files += files
    outcome.batches += 1
    return more


def _next_raw_pks(rows: models.QuerySet, batch_size: int) -> list:
    """Return the next `batch_size` primary keys as the database gives them.

    Only the last is turned into a Python value: building ten thousand through
    the ORM's row iterator would cost more than deleting their rows.
    """
    query = rows.order_by("pk").values_list("pk", flat=True)[:batch_size]
    sql, params = query.query.get_compiler(using=query.db).as_sql()
    with connections[query.db].cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def _finish(cursor: SweepCursor, now: dt.datetime) -> None:
    """End the pass: the next sweep starts again from the first row."""
    cursor.last_pk, cursor.finished_at, cursor.pass_started_at = "", now, None
    cursor.save(update_fields=["last_pk", "finished_at", "pass_started_at"])


def _locked_cursor(key: str, now: dt.datetime) -> SweepCursor:
    SweepCursor.objects.get_or_create(target=key)
    cursor = SweepCursor.objects.select_for_update().get(target=key)
    if cursor.pass_started_at is None:
        cursor.pass_started_at, cursor.batches, cursor.acted, cursor.blocked = (
            now,
            0,
            0,
            0,
        )
    return cursor


def _advance(cursor: SweepCursor, *, last_pk: object, acted: int, blocked: int) -> None:
    cursor.last_pk = str(last_pk)
    cursor.batches += 1
    cursor.acted += acted
    cursor.blocked += blocked
    cursor.save(
        update_fields=[
            "last_pk",
            "pass_started_at",
            "batches",
            "acted",
            "blocked",
        ]
    )


def _delete(
    target: Target, window: models.QuerySet, *, now: dt.datetime
) -> tuple[int, int, int]:
    """Delete a batch with its cascade and files; return deleted, blocked, files.

    A row whose deletion a protecting foreign key refuses, or whose cascade would
    reach a held record, is left (blocked) and reported; the rest of the batch goes.
    """
    holds = Holds.at(now)
    try:
        with transaction.atomic(using=window.db):
            deleted, files = _delete_rows(target, window, holds)
    except (ProtectedError, RestrictedError, CascadeHeld):
        pass
    else:
        return deleted, 0, files
    deleted = files = blocked = 0
    for pk in list(window.order_by("pk").values_list("pk", flat=True)):
        try:
            with transaction.atomic(using=window.db):
                count, removed = _delete_rows(target, window.filter(pk=pk), holds)
        except (ProtectedError, RestrictedError, CascadeHeld):
            blocked += 1
            continue
        deleted += count
        files += removed
    return deleted, blocked, files


class CascadeHeld(RetentionError):
    """Deleting a row would delete, through a cascade, a record under legal hold."""


def _delete_rows(
    target: Target, rows: models.QuerySet, holds: Holds
) -> tuple[int, int]:
    """Delete rows and what cascades from them, then their files; return the counts.

    Files go after the rows, inside the transaction: if the commit then fails the
    rows stay, past their period, and the next sweep deletes them and the (already
    missing) files again.
    """
    collector = Collector(using=rows.db, origin=rows)
    collector.collect(rows)
    names: list[str] = []
    for model, instances in collector.data.items():
        pks = [instance.pk for instance in instances]
        _refuse_held(model._default_manager.filter(pk__in=pks), holds)
        names += _file_names(model._default_manager.filter(pk__in=pks))
    for queryset in collector.fast_deletes:
        _refuse_held(queryset, holds)
        names += _file_names(queryset)
    _, per_model = collector.delete()
    for name in names:
        default_storage.delete(name)
    return per_model.get(target.label, 0), len(names)


def _refuse_held(rows: models.QuerySet, holds: Holds) -> None:
    subject_path = subject_path_of(rows.model)
    if (
        holds.holds_any(rows.model, subject_path)
        and rows.filter(holds.condition(rows.model, subject_path)).exists()
    ):
        raise CascadeHeld(f"a cascade reaches a held {rows.model._meta.label}")


def _file_names(rows: models.QuerySet) -> list[str]:
    try:
        annotation = retention_of(rows.model)
    except RetentionAnnotationError:
        annotation = None
    if annotation is None or not annotation.files:
        return []
    return [
        name
        for values in rows.values_list(*annotation.files)
        for name in values
        if name
    ]
