"""The GDPR Art. 30(1) record, built from the active declaration and the data map."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from candid.policy import Declaration

SECTIONS = {
    "a": "Controller, DPO and representatives",
    "b": "Purposes of the processing",
    "c": "Categories of data subjects and personal data",
    "d": "Recipients",
    "e": "Transfers to third countries and safeguards",
    "f": "Time limits for erasure",
    "g": "Security measures",
}

MECHANISMS = {
    "adequacy": "Adequacy decision",
    "dpf": "EU-U.S. Data Privacy Framework",
    "scc": "Standard contractual clauses",
    "idta": "UK International Data Transfer Agreement",
    "uk_addendum": "UK Addendum to the standard contractual clauses",
    "bcr": "Binding corporate rules",
    "derogation": "Derogation (Art. 49)",
}

WhereStored = Callable[[str], list[str]]


@dataclass(frozen=True)
class Row:
    """One line of the record: its Art. 30(1) point, what it names, and the details."""

    section: str
    item: str
    detail: str

    @property
    def heading(self) -> str:
        return SECTIONS[self.section]


def records_rows(*, declaration: Declaration, where_stored: WhereStored) -> list[Row]:
    """Build every row of the Art. 30 record, points (a) to (g) in order (PRC-04)."""
    return [
        *_controller_rows(declaration),
        *_purpose_rows(declaration),
        *_category_rows(declaration, where_stored),
        *_recipient_rows(declaration),
        *_transfer_rows(declaration),
        *_retention_rows(declaration),
        *_security_rows(declaration),
    ]


def _person(role: str, person) -> Iterable[Row]:
    if person is None:
        return []
    contact = ", ".join(p for p in (person.email, person.postal_address) if p)
    return [Row("a", role, f"{person.name} ({contact})" if contact else person.name)]


def _controller_rows(declaration: Declaration) -> list[Row]:
    c = declaration.controller
    contact = ", ".join(p for p in (c.email, c.postal_address, c.phone) if p)
    return [
        Row("a", "Controller", f"{c.legal_name or c.name} ({contact})"),
        *_person("Data protection officer", c.dpo),
        *_person("Privacy lead", c.privacy_lead),
        *_person("EU representative", c.eu_representative),
        *_person("UK representative", c.uk_representative),
    ]


def _purpose_rows(declaration: Declaration) -> list[Row]:
    return [
        Row("b", p.name, f"{p.description} Legal basis: {p.legal_basis or 'n/a'}.")
        for p in declaration.purposes
    ]


def _category_rows(declaration: Declaration, where_stored: WhereStored) -> list[Row]:
    subjects = [Row("c", "Data subjects", s.label) for s in declaration.data_subjects]
    categories = [
        Row(
            "c", c.label, f"{c.key}; stored in: {', '.join(where_stored(c.key)) or '-'}"
        )
        for c in declaration.data_categories
    ]
    return subjects + categories


def category_labels(declaration: Declaration, keys: Iterable[str]) -> list[str]:
    """Return the declared label of each category key (the key itself if undeclared)."""
    labels = {c.key: c.label for c in declaration.data_categories}
    return [labels.get(key, key) for key in keys]


def _recipient_rows(declaration: Declaration) -> list[Row]:
    return [
        Row(
            "d",
            r.name,
            f"{r.role}: {r.service}; data: "
            f"{', '.join(category_labels(declaration, r.data_categories))}; "
            f"countries: {', '.join(r.countries)}; "
            f"service-provider terms: {'yes' if r.contract.service_provider_terms else 'no'}",
        )
        for r in declaration.recipients
    ]


def _transfer_rows(declaration: Declaration) -> list[Row]:
    return [
        Row("e", r.name, f"{MECHANISMS[r.transfer.mechanism]}: {r.transfer.details}")
        for r in declaration.recipients
        if r.transfer is not None
    ]


def _retention_rows(declaration: Declaration) -> list[Row]:
    return [
        Row("f", rule.category or rule.record or "-", _retention_detail(rule))
        for rule in declaration.retention
    ]


def _retention_detail(rule) -> str:
    return f"{rule.period} after {rule.trigger}, then {rule.action}: {rule.reason}"


def _security_rows(declaration: Declaration) -> list[Row]:
    s = declaration.security
    details = [*s.measures, s.transport, s.card_data, s.staff_access]
    return [Row("g", "Measure", detail) for detail in details]
