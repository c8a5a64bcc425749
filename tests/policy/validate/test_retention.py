"""Every category has exactly one retention rule, and keeping names its law (RET-01)."""

import copy

from tests.policy.conftest import messages


def test_a_rule_naming_neither_category_nor_record_is_refused(problems_after):
    problems = problems_after(lambda d: d["retention"][15].pop("record"))

    assert messages(problems) == [
        ("retention[15]", "a retention rule names exactly one of category or record")
    ]


def test_a_rule_that_keeps_data_without_naming_the_law_is_refused(problems_after):
    problems = problems_after(lambda d: d["retention"][4].pop("legal_obligation"))

    assert messages(problems) == [
        (
            "retention[4].legal_obligation",
            "a rule that keeps data against an erasure request must name the legal "
            "obligation",
        )
    ]


def test_two_rules_for_one_category_are_refused(problems_after):
    problems = problems_after(
        lambda d: d["retention"].append(copy.deepcopy(d["retention"][0]))
    )

    assert messages(problems) == [
        ("retention", "'user.name' has more than one retention rule")
    ]


def test_two_rules_for_one_record_type_are_refused(problems_after):
    problems = problems_after(
        lambda d: d["retention"].append(copy.deepcopy(d["retention"][15]))
    )

    assert messages(problems) == [
        ("retention", "record 'invoice' has more than one retention rule")
    ]
