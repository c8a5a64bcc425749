"""Consent given before a version widened its purpose no longer covers it (NOT-03)."""

from __future__ import annotations

import datetime as dt

import pytest

from candid.consent.basis import SubjectFacts, denial_for
from candid.consent.declared import PurposeRule
from candid.consent.exceptions import DenialReason
from candid.consent.scope import consent_scopes, reconsent_pending_for, widened_purposes
from candid.consent.services import consent_grant, consent_withdraw
from candid.datamap.models import Subject
from candid.notices.models import PolicyVersion

NOON = dt.datetime(2026, 10, 1, 12, 0, tzinfo=dt.UTC)


def rule(consent_versions=None) -> PurposeRule:
    return PurposeRule(
        key="p",
        basis="consent",
        marketing=True,
        objectable=True,
        categories=frozenset({"user.contact.email"}),
        consent_versions=consent_versions,
    )


@pytest.mark.parametrize(
    ("given_under", "expected"),
    [("2027.01", None), ("2027.02", None), ("2026.11", DenialReason.CONSENT_OUTDATED)],
)
def test_a_grant_counts_only_under_a_version_covering_the_widened_scope(
    given_under, expected
):
    facts = SubjectFacts(consents={"p": "granted"}, consent_versions={"p": given_under})
    covering = frozenset({"2027.01", "2027.02"})
    assert denial_for(rule(covering), facts) == expected


def test_a_grant_without_a_known_version_is_outdated_once_a_scope_widened():
    facts = SubjectFacts(consents={"p": "granted"})
    assert (
        denial_for(rule(frozenset({"2027.01"})), facts) == DenialReason.CONSENT_OUTDATED
    )


def test_any_grant_counts_while_no_version_widened_the_purpose():
    facts = SubjectFacts(consents={"p": "granted"}, consent_versions={"p": "2026.11"})
    assert denial_for(rule(None), facts) is None


def test_only_significant_changes_widen_purposes():
    changes = [
        {"significant": True, "purposes": ["marketing_email"]},
        {"significant": False, "purposes": ["analytics"]},
        {"significant": True},
    ]
    assert widened_purposes(changes) == frozenset({"marketing_email"})


def version(
    source: str, name: str, effective: dt.date, widened: tuple[str, ...] = ()
) -> None:
    PolicyVersion.objects.create(
        version=name,
        effective_date=effective,
        published_at=NOON,
        source=source,
        source_sha256="0" * 64,
        rendered_html="-",
        rendered_sha256="0" * 64,
        significant=bool(widened),
        changes=[{"significant": True, "purposes": list(widened)}] if widened else [],
    )


@pytest.fixture
def versions(db, cinetrum_source):
    """2026.11 in force; 2026.12 widens marketing e-mail, 2027.01 analytics."""
    version(cinetrum_source, "2026.11", dt.date(2026, 11, 1))
    version(cinetrum_source, "2026.12", dt.date(2026, 12, 1), ("marketing_email",))
    version(cinetrum_source, "2027.01", dt.date(2027, 1, 1), ("analytics",))


def test_a_widening_counts_from_its_effective_date(versions):
    # when
    before = consent_scopes(today=dt.date(2026, 11, 30))
    after = consent_scopes(today=dt.date(2026, 12, 1))
    # then
    assert before == {}
    assert after == {"marketing_email": frozenset({"2026.12", "2027.01"})}


def test_a_standing_grant_under_the_old_version_is_pending_renewal(versions):
    # given
    subject = Subject.objects.create()
    consent_grant(
        subject_id=subject.id,
        purpose="marketing_email",
        surface="privacy_centre",
        mechanism="checkbox",
        policy_version="2026.11",
        text="Marketing e-mails",
    )
    # when
    pending = reconsent_pending_for(subject.id, today=dt.date(2026, 11, 20))
    # then
    assert [(p.purpose, p.version, p.in_force) for p in pending] == [
        ("marketing_email", "2026.12", False)
    ]


def test_a_withdrawn_consent_is_not_pending_renewal(versions):
    # given
    subject = Subject.objects.create()
    consent_withdraw(
        subject_id=subject.id, purpose="marketing_email", surface="privacy_centre"
    )
    # when
    pending = reconsent_pending_for(subject.id)
    # then
    assert pending == []


def test_nothing_is_pending_when_no_version_widened_a_purpose(db):
    # given
    subject = Subject.objects.create()
    # then
    assert reconsent_pending_for(subject.id) == []
