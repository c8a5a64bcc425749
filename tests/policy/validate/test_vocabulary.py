"""Keys come from fideslang's vocabulary and each data category is declared once."""

import copy

from tests.policy.conftest import messages


def test_a_data_category_declared_twice_is_refused(problems_after):
    problems = problems_after(
        lambda d: d["data_categories"].append(copy.deepcopy(d["data_categories"][0]))
    )

    assert messages(problems) == [
        ("data_categories", "'user.name' is declared more than once")
    ]


def test_a_group_of_people_outside_fideslang_is_refused(problems_after, cinetrum_raw):
    index = len(cinetrum_raw["data_subjects"])

    def photographers(d):
        d["data_subjects"].append({"key": "photographer", "label": "Photographers"})

    problems = problems_after(photographers)

    assert messages(problems) == [
        (
            f"data_subjects[{index}].key",
            "'photographer' is not a fideslang data subject",
        )
    ]


def test_a_misspelt_group_of_people_names_the_nearest_valid_keys(
    problems_after, cinetrum_raw
):
    index = len(cinetrum_raw["data_subjects"])

    def typo(d):
        d["data_subjects"].append({"key": "custmer", "label": "Clients again"})

    problems = problems_after(typo)

    assert messages(problems) == [
        (
            f"data_subjects[{index}].key",
            "'custmer' is not a fideslang data subject; nearest valid keys: "
            "customer, commuter",
        )
    ]
