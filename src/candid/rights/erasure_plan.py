"""What an erasure does to each model of the data map, read from the declaration.

A field is kept when the declaration keeps its category under a legal obligation
(a retention rule with `action: keep` and `legal_obligation`, for the category or a
broader one, e.g. `user.behavior.purchase_history` for a booking's price), and so is
every field of a model whose record type is kept that way (e.g. `record: invoice`).
A row holding a kept field stays, minimised: every other personal field is emptied.
A row holding none is deleted. The kernel's own records of how data was handled
(consent ledger, audit log, the request log, key-store rows) stay as they are: they
hold ids, keys and flags, never a name or address, and the law asks for them
(GDPR Arts. 5(2), 7(1), 30; CCPA reg §7101).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from django.db import models

from candid.datamap.registry import ModelMap, models_holding, registry
from candid.policy import Declaration
from candid.retention.annotations import RetentionAnnotationError, retention_of

CREDENTIALS = "user.authorization.credentials"
SESSION_CATEGORIES = frozenset({CREDENTIALS, "user.device"})

# The kernel's records of what happened to the data; see the module docstring.
RECORDS_KEPT = frozenset(
    {
        "datamap.Subject",
        "vault.SubjectKey",
        "audit.AuditEvent",
        "consent.ConsentEvent",
        "consent.NoticeAcknowledgement",
        "consent.Objection",
        "consent.Restriction",
        "rights.Request",
        "rights.ErasureJob",
        "rights.Propagation",
        "retention.LegalHold",
    }
)


def kept_categories(declaration: Declaration) -> frozenset[str]:
    """Return the categories the declaration keeps under a legal obligation."""
    return frozenset(
        rule.category
        for rule in declaration.retention
        if rule.category and rule.action == "keep" and rule.legal_obligation
    )


def kept_records(declaration: Declaration) -> frozenset[str]:
    """Return the record types the declaration keeps under a legal obligation."""
    return frozenset(
        rule.record
        for rule in declaration.retention
        if rule.record and rule.action == "keep" and rule.legal_obligation
    )


def _within(category: str, kept: Iterable[str]) -> bool:
    return any(category == k or category.startswith(k + ".") for k in kept)


@dataclass(frozen=True)
class ModelPlan:
    """What the erasure does with one model's rows of the subject."""

    entry: ModelMap
    kept_fields: frozenset[str]
    record_kept: bool

    @property
    def model(self) -> type[models.Model]:
        return self.entry.model

    @property
    def label(self) -> str:
        return self.entry.model._meta.label

    @cached_property
    def erased_fields(self) -> tuple[str, ...]:
        """Return the personal fields to empty on a kept row."""
        return tuple(
            field.name
            for field in self.entry.fields
            if field.category is not None and field.name not in self.kept_fields
        )

    @property
    def keeps_rows(self) -> bool:
        return bool(self.kept_fields)

    @cached_property
    def kept_encrypted(self) -> frozenset[str]:
        """Return the kept fields sealed under the subject's key."""
        return frozenset(
            f.name
            for f in self.entry.fields
            if f.encrypted and f.name in self.kept_fields
        )

    @cached_property
    def files(self) -> tuple[str, ...]:
        """Return the fields holding storage names of files to delete with the row."""
        try:
            annotation = retention_of(self.model)
        except RetentionAnnotationError:
            return ()
        return annotation.files if annotation is not None else ()

    @cached_property
    def session_only(self) -> bool:
        """Say whether every personal field is a credential or device (a session)."""
        categories = {f.category for f in self.entry.fields if f.category}
        return CREDENTIALS in categories and categories <= SESSION_CATEGORIES

    @cached_property
    def credential_fields(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.entry.fields if f.category == CREDENTIALS)


def model_plan(entry: ModelMap, declaration: Declaration) -> ModelPlan:
    """Return what the erasure does with one model, per the declaration in force."""
    categories = kept_categories(declaration)
    record_kept = _record_of(entry.model) in kept_records(declaration)
    kept = frozenset(
        field.name
        for field in entry.fields
        if field.category is not None
        and (record_kept or _within(field.category, categories))
    )
    return ModelPlan(entry=entry, kept_fields=kept, record_kept=record_kept)


def _record_of(model: type[models.Model]) -> str | None:
    try:
        annotation = retention_of(model)
    except RetentionAnnotationError:
        return None
    return annotation.record if annotation is not None else None


_plans: dict[int, tuple[Declaration, list[ModelPlan]]] = {}


def erasure_plans(declaration: Declaration) -> list[ModelPlan]:
    """Return the plan of every model reaching a subject, rows that point first.

    A model is worked on before the models its foreign keys point at, so a row is
    gone (or kept) before the rows it protects are deleted. Worked out once per
    declaration (the synchronous part of an erasure has no time to spare).
    """
    cached = _plans.get(id(declaration))
    if cached is not None and cached[0] is declaration:
        return cached[1]
    plans = _plans_of(declaration)
    _plans.clear()
    _plans[id(declaration)] = (declaration, plans)
    return plans


def _plans_of(declaration: Declaration) -> list[ModelPlan]:
    entries = [
        entry
        for entry in registry().entries
        if entry.subject_path is not None
        and entry.model._meta.label not in RECORDS_KEPT
    ]
    return [model_plan(entry, declaration) for entry in _pointing_first(entries)]


def _pointing_first(entries: list[ModelMap]) -> list[ModelMap]:
    by_model = {entry.model: entry for entry in entries}
    targets = {
        entry.model: {
            field.related_model
            for field in entry.model._meta.get_fields()
            if field.concrete
            and (field.many_to_one or field.one_to_one)
            and field.related_model in by_model
            and field.related_model is not entry.model
        }
        for entry in entries
    }
    ordered: list[ModelMap] = []
    placed: set[type[models.Model]] = set()
    pending = list(by_model)
    while pending:
        # A model goes once nothing still pending points at it.
        ready = [
            m
            for m in pending
            if not any(m in targets[o] for o in pending if o is not m)
        ]
        chosen = ready or pending[:1]  # a cycle: take the first, by label
        for model in chosen:
            ordered.append(by_model[model])
            placed.add(model)
            pending.remove(model)
    return ordered


_recipients: dict[int, tuple[Declaration, list[tuple[str, str]]]] = {}


def recipients_to_ask(declaration: Declaration) -> list[tuple[str, str]]:
    """Return (recipient key, connector) of each recipient an erasure is passed to.

    A recipient is asked unless it declares `erasure_connector: none` or receives
    only categories no model of Candid holds about a subject (e.g. cookie ids that
    an analytics tag collects in the browser, never linked to the person here).
    Worked out once per declaration.
    """
    cached = _recipients.get(id(declaration))
    if cached is not None and cached[0] is declaration:
        return cached[1]
    asked = [
        (r.key, r.erasure_connector)
        for r in declaration.recipients
        if r.erasure_connector != "none"
        and any(models_holding(category) for category in r.data_categories)
    ]
    _recipients.clear()
    _recipients[id(declaration)] = (declaration, asked)
    return asked


def recipients_to_tell(
    declaration: Declaration, categories: Iterable[str] | None
) -> list[tuple[str, str]]:
    """Return (recipient key, connector) of each recipient a change is passed to.

    Art. 19: a rectification or restriction goes to every recipient an erasure
    would go to (`recipients_to_ask`) that received one of the changed
    `categories`, a category and its narrower ones overlapping either way
    ("user.contact" and "user.contact.email"); None means every category (a
    restriction of all the subject's data).
    """
    asked = recipients_to_ask(declaration)
    if categories is None:
        return asked
    wanted = frozenset(categories)
    received = {r.key: r.data_categories for r in declaration.recipients}
    return [
        (key, how)
        for key, how in asked
        if any(categories_overlap(a, b) for a in received[key] for b in wanted)
    ]


def recipient_categories(declaration: Declaration, key: str) -> tuple[str, ...]:
    """Return the categories the declaration says the recipient receives."""
    return next(
        tuple(r.data_categories) for r in declaration.recipients if r.key == key
    )


def categories_overlap(a: str, b: str) -> bool:
    """Say whether two categories overlap: equal, or one within the other."""
    return a == b or a.startswith(b + ".") or b.startswith(a + ".")
