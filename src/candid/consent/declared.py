"""What the declaration in force says about purposes, in the shape the gate needs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from candid.consent.exceptions import ConsentError
from candid.policy import Declaration
from candid.policy.schema import Purpose


@dataclass(frozen=True)
class PurposeRule:
    """One declared purpose: its legal basis and what can stop it for a subject."""

    key: str
    basis: str | None
    marketing: bool
    objectable: bool
    categories: frozenset[str]
    # The policy versions whose grants still cover the purpose, once a version in
    # force widened its scope (NOT-03); None: any grant covers it.
    consent_versions: frozenset[str] | None = None


def purpose_rules(
    declaration: Declaration,
    scopes: Mapping[str, frozenset[str]] | None = None,
) -> dict[str, PurposeRule]:
    """Return every declared purpose's rule, by key.

    `scopes` maps a consent purpose whose scope a version in force widened to the
    versions whose grants still cover it (`candid.consent.scope`).
    """
    scopes = scopes or {}
    return {
        purpose.key: PurposeRule(
            key=purpose.key,
            basis=purpose.legal_basis,
            marketing=purpose.is_marketing,
            objectable=purpose.objectable or purpose.is_marketing,
            categories=frozenset(purpose.data_categories),
            consent_versions=scopes.get(purpose.key),
        )
        for purpose in declaration.purposes
    }


def declared_purpose(declaration: Declaration, key: str) -> Purpose:
    """Return the declared purpose `key`, or raise ConsentError naming the choices."""
    try:
        return declaration.purpose(key)
    except KeyError:
        known = ", ".join(p.key for p in declaration.purposes)
        raise ConsentError(
            f"'{key}' is not a purpose of the policy in force "
            f"({declaration.policy.version}); declared purposes: {known}."
        ) from None


def consent_purpose(declaration: Declaration, key: str) -> Purpose:
    """Return the declared purpose `key` if it rests on consent, else raise ConsentError.

    Consent to a purpose on another basis would mislead the person: refusing it
    would change nothing (LAW-01, LAW-06).
    """
    purpose = declared_purpose(declaration, key)
    if not purpose.needs_consent:
        raise ConsentError(
            f"Purpose '{key}' rests on {purpose.legal_basis}, not consent: "
            "consent to it can be neither given nor withdrawn."
        )
    return purpose


def sale_or_sharing_purposes(declaration: Declaration) -> list[str]:
    """Return the keys of purposes whose recipients or cookies sell or share data (CK-05)."""
    keys = {
        key
        for recipient in declaration.recipients
        if recipient.sale_or_sharing
        for key in recipient.purposes
    }
    keys |= {
        category.purpose
        for category in declaration.cookies.categories
        if category.sale_or_sharing and category.purpose
    }
    return sorted(keys)
