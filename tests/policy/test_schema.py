"""The declaration's typed parts: durations and the lookups callers rely on."""

import pytest

from candid.policy import load_declaration
from candid.policy.durations import Duration
from candid.policy.schema import Backups
from tests.policy.conftest import CINETRUM, messages


@pytest.fixture(scope="module")
def cinetrum():
    return load_declaration(CINETRUM)


def test_a_duration_given_as_a_duration_is_kept_as_it_is():
    backups = Backups(retention=Duration(35, "days"))

    assert backups.retention == Duration(35, "days")


def test_a_number_where_a_duration_belongs_is_refused_with_how_to_write_one(
    problems_after,
):
    def bare_number(d):
        d["backups"]["retention"] = 35

    problems = problems_after(bare_number)

    assert messages(problems) == [
        (
            "backups.retention",
            "write a duration such as '90 days', '1 month' or '6 years'",
        )
    ]


def test_a_purpose_is_found_by_its_key(cinetrum):
    assert cinetrum.purpose("analytics").name == "Website analytics"


def test_an_undeclared_purpose_cannot_be_looked_up(cinetrum):
    with pytest.raises(KeyError, match="profiling"):
        cinetrum.purpose("profiling")


def test_an_undeclared_data_category_cannot_be_looked_up(cinetrum):
    with pytest.raises(KeyError, match="user.biometric"):
        cinetrum.category("user.biometric")


def test_a_jurisdiction_is_found_by_its_code(cinetrum):
    assert cinetrum.jurisdiction("US-CA").code == "US-CA"


def test_a_law_the_studio_does_not_answer_to_cannot_be_looked_up(cinetrum):
    with pytest.raises(KeyError, match="UK"):
        cinetrum.jurisdiction("UK")
