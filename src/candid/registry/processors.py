"""The public list of processors and other recipients, from the declaration (PRC-01)."""

from __future__ import annotations

from dataclasses import dataclass

from candid.policy import Declaration
from candid.registry.records import MECHANISMS, category_labels


@dataclass(frozen=True)
class SubProcessor:
    """One recipient as the public sees it."""

    name: str
    role: str
    service: str
    categories: list[str]
    countries: list[str]
    mechanism: str | None
    safeguards: str | None
    copy_from: str | None


def sub_processors(declaration: Declaration) -> list[SubProcessor]:
    """List every recipient of `declaration` with its transfer safeguards, in order."""
    return [
        SubProcessor(
            name=r.name,
            role=r.role.replace("_", " "),
            service=r.service,
            categories=category_labels(declaration, r.data_categories),
            countries=list(r.countries),
            mechanism=MECHANISMS[r.transfer.mechanism] if r.transfer else None,
            safeguards=r.transfer.details if r.transfer else None,
            copy_from=r.transfer.copy_available_from if r.transfer else None,
        )
        for r in declaration.recipients
    ]
