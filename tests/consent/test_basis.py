"""The legal-basis rules, one fact at a time, without the database."""

from __future__ import annotations

import pytest

from candid.consent.basis import SubjectFacts, denial_for
from candid.consent.declared import PurposeRule
from candid.consent.exceptions import DenialReason


def rule(basis: str | None, key: str = "p", categories=("user.name",)) -> PurposeRule:
    return PurposeRule(
        key=key,
        basis=basis,
        marketing=False,
        objectable=basis == "legitimate_interests",
        categories=frozenset(categories),
    )


def test_a_purpose_without_a_legal_basis_is_denied():
    assert denial_for(rule(None), SubjectFacts()) == DenialReason.NO_LEGAL_BASIS


@pytest.mark.parametrize(
    ("consents", "expected"),
    [
        ({}, DenialReason.NO_CONSENT),
        ({"p": "withdrawn"}, DenialReason.CONSENT_WITHDRAWN),
        ({"p": "granted"}, None),
        ({"other": "granted"}, DenialReason.NO_CONSENT),
    ],
)
def test_a_consent_purpose_needs_its_own_standing_grant(consents, expected):
    assert denial_for(rule("consent"), SubjectFacts(consents=consents)) == expected


def test_a_stale_objection_never_blocks_a_legal_obligation():
    facts = SubjectFacts(objections=frozenset({"p"}))

    assert denial_for(rule("legal_obligation"), facts) is None


def test_an_objection_to_another_purpose_changes_nothing():
    facts = SubjectFacts(objections=frozenset({"other"}))

    assert denial_for(rule("legitimate_interests"), facts) is None


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (SubjectFacts(restricted_all=True), DenialReason.RESTRICTION),
        (
            SubjectFacts(restricted_categories=frozenset({"user.name"})),
            DenialReason.RESTRICTION,
        ),
        (SubjectFacts(restricted_categories=frozenset({"user.payment"})), None),
    ],
)
def test_a_restriction_blocks_a_legitimate_interest_using_a_restricted_category(
    facts, expected
):
    assert denial_for(rule("legitimate_interests"), facts) == expected
