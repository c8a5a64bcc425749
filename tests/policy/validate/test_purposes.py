"""Each purpose has one legal basis and meets what that basis demands (LAW-01, LAW-02)."""

import copy

import yaml

from candid.policy import parse_declaration
from tests.policy.conftest import find, messages


def test_a_purpose_declared_twice_is_refused(problems_after):
    problems = problems_after(
        lambda d: d["purposes"].append(copy.deepcopy(d["purposes"][9]))
    )

    assert messages(problems) == [
        ("purposes", "purpose 'site_preferences' is declared more than once")
    ]


def test_a_purpose_reaching_an_undeclared_group_of_people_is_refused(problems_after):
    problems = problems_after(
        lambda d: d["purposes"][0]["data_subjects"].append("employee")
    )

    assert messages(problems) == [
        (
            "purposes[0].data_subjects[1]",
            "purpose 'order_fulfilment' names subject 'employee', which is not "
            "declared in data_subjects",
        )
    ]


def test_a_legal_obligation_that_is_not_named_is_refused(problems_after):
    problems = problems_after(
        lambda d: find(d["purposes"], "legal_compliance").pop("legal_obligation")
    )

    assert messages(problems) == [
        (
            "purposes[5]",
            "purpose 'legal_compliance' rests on a legal obligation but does not name "
            "it (legal_obligation)",
        )
    ]


def test_a_consent_purpose_that_says_nothing_of_withdrawal_is_refused(problems_after):
    problems = problems_after(lambda d: find(d["purposes"], "analytics").pop("consent"))

    assert messages(problems) == [
        (
            "purposes[7]",
            "purpose 'analytics' rests on consent but says nothing of how consent is "
            "given and withdrawn",
        )
    ]


def test_consent_rules_on_a_purpose_resting_on_a_contract_are_refused(problems_after):
    def consent_rules(d):
        d["purposes"][0]["consent"] = {"withdraw_via": ["privacy_centre"]}

    problems = problems_after(consent_rules)

    assert messages(problems) == [
        (
            "purposes[0].consent",
            "purpose 'order_fulfilment' has consent rules but its legal basis is contract",
        )
    ]


def test_a_legitimate_interest_people_cannot_object_to_is_refused(problems_after):
    def no_objection(d):
        find(d["purposes"], "fraud_prevention")["objectable"] = False

    problems = problems_after(no_objection)

    assert messages(problems) == [
        (
            "purposes[4].objectable",
            "purpose 'fraud_prevention' rests on legitimate interests, so people can "
            "object to it (GDPR Art. 21): set objectable: true",
        )
    ]


def _marketing_on_legitimate_interests(d):
    purpose = find(d["purposes"], "marketing_email")
    purpose["legal_basis"] = "legitimate_interests"
    purpose.pop("consent")
    purpose["legitimate_interest"] = copy.deepcopy(
        find(d["purposes"], "fraud_prevention")["legitimate_interest"]
    )


def test_marketing_on_a_contract_is_refused(problems_after):
    def on_contract(d):
        purpose = find(d["purposes"], "marketing_email")
        purpose["legal_basis"] = "contract"
        purpose.pop("consent")

    problems = problems_after(on_contract)

    assert messages(problems) == [
        (
            "purposes[3].legal_basis",
            "marketing purpose 'marketing_email' needs consent (or a declared soft "
            "opt-in), not contract",
        )
    ]


def test_marketing_on_legitimate_interests_without_a_soft_opt_in_is_refused(
    problems_after,
):
    problems = problems_after(_marketing_on_legitimate_interests)

    assert messages(problems) == [
        (
            "purposes[3].legal_basis",
            "marketing purpose 'marketing_email' rests on legitimate interests, which "
            "is only allowed with communications.soft_opt_in",
        )
    ]


def test_marketing_on_legitimate_interests_with_a_declared_soft_opt_in_is_accepted(
    cinetrum_raw,
):
    # given
    raw = copy.deepcopy(cinetrum_raw)
    _marketing_on_legitimate_interests(raw)
    raw["communications"]["soft_opt_in"] = True

    # when
    declaration = parse_declaration(yaml.safe_dump(raw, sort_keys=False))

    # then
    assert declaration.purpose("marketing_email").legal_basis == "legitimate_interests"


def test_marketing_people_cannot_object_to_is_refused(problems_after):
    def no_objection(d):
        find(d["purposes"], "marketing_email")["objectable"] = False

    problems = problems_after(no_objection)

    assert messages(problems) == [
        (
            "purposes[3].objectable",
            "people can always object to direct marketing (GDPR Art. 21(2)): set "
            "objectable: true on 'marketing_email'",
        )
    ]
