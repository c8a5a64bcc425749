"""The access export: everything the data map finds about one subject (DSR-07, DSR-08).

Kernel code: it never imports a studio app. The data map says where a subject's rows
are and which category each field holds; the declaration in force says, per category,
why it is used, who receives it, how long it is kept and where it came from. Encrypted
fields are read through normal attribute access, so the vault decrypts them.
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from typing import Any

from django.db import models

from candid.datamap.registry import ModelMap, registry
from candid.notices.selectors import declaration_active
from candid.rights.purpose import records_purpose_require

LEDGER_APPS = frozenset({"audit", "consent", "rights"})
"""Apps whose rows record a person's privacy choices rather than studio data."""

CREDENTIALS = "user.authorization.credentials"
WITHHELD = "withheld for your security"


def access_export_build(*, subject_id: uuid.UUID | str) -> dict[str, Any]:
    """Return everything Candid holds about the subject, explained, as plain JSON data.

    Keeps the promise of a complete copy (DSR-07): every model of the data map with a
    row of the subject and a field holding personal data appears, grouped by its
    verbose name; ledger rows appear as "records of your privacy choices". Each
    category used is explained with its purposes, recipients, retention and source
    (DSR-08), and the Art 15(1) information closes the export. The purpose gate
    allows the read first; if it denies it, TransitionRefused and nothing is read.
    """
    records_purpose_require(subject_id)
    declaration = declaration_active()
    data: dict[str, list[dict[str, Any]]] = {}
    choices: dict[str, list[dict[str, Any]]] = {}
    used: set[str] = set()
    data_map = registry()
    labels = {c.key: c.label for c in declaration.data_categories}
    for location in data_map.locations_for_subject(subject_id):
        entry = data_map.entry(location.model)
        personal = [field for field in entry.fields if field.category is not None]
        if not personal:
            continue
        rows = [
            _row(record, entry, labels) for record in location.queryset().order_by("pk")
        ]
        if not rows:
            continue
        used.update(field.category for field in personal)
        target = choices if location.model._meta.app_label in LEDGER_APPS else data
        target[str(location.model._meta.verbose_name)] = rows
    return {
        "subject_id": str(uuid.UUID(str(subject_id))),
        "policy_version": declaration.policy.version,
        "data": data,
        "records_of_your_privacy_choices": choices,
        "categories": {key: _category(declaration, key) for key in sorted(used)},
        "about_this_processing": _article_15(declaration),
    }


def _row(
    record: models.Model, entry: ModelMap, labels: dict[str, str]
) -> list[dict[str, Any]]:
    """Return the row's personal fields, each with its category, in field order."""
    fields = []
    for field in entry.fields:
        if field.category is None:
            continue
        value = getattr(record, entry.model._meta.get_field(field.name).attname)
        if field.category == CREDENTIALS and value:
            value = WITHHELD
        fields.append(
            {
                "field": field.name,
                "category": field.category,
                "category_label": labels.get(field.category, field.category),
                "value": plain(value),
            }
        )
    return fields


def plain(value: Any) -> Any:
    """Return `value` as JSON can hold it: dates ISO, ids and decimals as text."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID | decimal.Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if hasattr(value, "name") and hasattr(value, "storage"):
        return value.name or None  # a stored file: its name, not its bytes
    return str(value)


def _covers(declared: str, held: str) -> bool:
    # A purpose declaring "user.contact" uses the "user.contact.email" it contains.
    return held == declared or held.startswith(declared + ".")


def _category(declaration, key: str) -> dict[str, Any]:
    """Return what the declaration says about one category: why, who, how long, whence."""
    declared = {c.key: c for c in declaration.data_categories}.get(key)
    return {
        "label": declared.label if declared else key,
        "source": declared.source if declared else None,
        "purposes": [
            {"key": p.key, "name": p.name, "legal_basis": plain(p.legal_basis)}
            for p in declaration.purposes
            if any(_covers(c, key) for c in p.data_categories)
        ],
        "recipients": [
            {"name": r.name, "role": r.role, "countries": list(r.countries)}
            for r in declaration.recipients
            if any(_covers(c, key) for c in r.data_categories)
        ],
        "retention": _retention(declaration, key),
    }


def _retention(declaration, key: str) -> dict[str, Any] | None:
    """Return the most specific retention rule covering the category, if any."""
    rules = [
        rule
        for rule in declaration.retention
        if rule.category is not None and _covers(rule.category, key)
    ]
    if not rules:
        return None
    rule = max(rules, key=lambda candidate: len(candidate.category))
    return {
        "period": str(rule.period),
        "trigger": rule.trigger,
        "action": rule.action,
        "legal_obligation": rule.legal_obligation,
        "reason": rule.reason,
    }


def _article_15(declaration) -> dict[str, Any]:
    """Return who the controller is, the rights offered and where to complain."""
    controller = declaration.controller
    return {
        "controller": {
            "name": controller.legal_name or controller.name,
            "email": controller.email,
            "postal_address": controller.postal_address,
            "website": controller.website,
        },
        "rights": list(declaration.rights.offered),
        "complaint_authorities": [
            {
                "jurisdiction": j.code,
                "name": j.supervisory_authority.name,
                "url": j.supervisory_authority.url,
            }
            for j in declaration.jurisdictions
        ],
    }
