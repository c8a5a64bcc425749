"""Decide which purposes a subject's facts allow: the legal-basis rules, without I/O.

The gate (`candid.consent.purposes`) loads the facts and caches the decisions; the
rules live here, one condition per line, so each can be read against the law.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from candid.consent.declared import PurposeRule
from candid.consent.exceptions import DenialReason
from candid.consent.models import Action

LEGAL_OBLIGATION = "legal_obligation"


@dataclass(frozen=True)
class SubjectFacts:
    """What the ledgers say about one subject now.

    `consents` maps a purpose to its latest action ("granted" or "withdrawn");
    `objections` holds the purposes with an upheld objection; a restriction covers
    every category when `restricted_all`, else `restricted_categories`.
    """

    erased: bool = False
    consents: Mapping[str, str] | None = None
    # The policy version each latest consent event was given under.
    consent_versions: Mapping[str, str] | None = None
    objections: frozenset[str] = frozenset()
    restricted_all: bool = False
    restricted_categories: frozenset[str] = frozenset()

    def restricts(self, categories: frozenset[str]) -> bool:
        """Say whether an active restriction covers any of these categories."""
        return self.restricted_all or not self.restricted_categories.isdisjoint(
            categories
        )


def denial_for(rule: PurposeRule, facts: SubjectFacts) -> DenialReason | None:
    """Return why `rule`'s purpose is denied for the subject, or None if it is allowed.

    Consent purposes need a standing grant (Art. 6(1)(a), 7(3)); an upheld objection
    stops the purpose (Art. 21; absolute for direct marketing); a restriction stops
    every use except under a legal obligation or with consent (Art. 18(2), DSR-11);
    contract and legal obligation purposes are otherwise allowed. A grant given
    before a version in force widened the purpose's scope no longer counts. A policy
    acknowledgement is not among the facts, so it can never count as consent (LAW-06).
    """
    if rule.basis is None:
        return DenialReason.NO_LEGAL_BASIS
    if facts.erased and rule.basis != LEGAL_OBLIGATION:
        return DenialReason.SUBJECT_ERASED
    if rule.basis == "consent":
        latest = (facts.consents or {}).get(rule.key)
        if latest is None:
            return DenialReason.NO_CONSENT
        if latest != Action.GRANTED:
            return DenialReason.CONSENT_WITHDRAWN
        if not _covers(rule, facts):
            return DenialReason.CONSENT_OUTDATED
    if rule.key in facts.objections and rule.basis != LEGAL_OBLIGATION:
        return DenialReason.OBJECTION
    if rule.basis in ("contract", "legitimate_interests") and facts.restricts(
        rule.categories
    ):
        return DenialReason.RESTRICTION
    return None


def _covers(rule: PurposeRule, facts: SubjectFacts) -> bool:
    """Say whether the subject's grant was given under a version covering the scope.

    Consent given to a purpose before a new version widened its scope does not
    cover the new scope (Art. 4(11) "specific", 7(1); NOT-03).
    """
    if rule.consent_versions is None:
        return True
    version = (facts.consent_versions or {}).get(rule.key)
    return version in rule.consent_versions


def decisions(
    rules: Mapping[str, PurposeRule], facts: SubjectFacts
) -> dict[str, DenialReason | None]:
    """Return, for every declared purpose, why it is denied or None if allowed."""
    return {key: denial_for(rule, facts) for key, rule in rules.items()}
