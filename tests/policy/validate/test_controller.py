"""The controller can be reached and has the representatives its laws ask for."""

import copy

from tests.policy.conftest import messages


def test_a_contact_address_without_an_at_sign_is_refused(problems_after):
    def no_at(d):
        d["controller"]["email"] = "support.cinetrum.com"

    problems = problems_after(no_at)

    assert messages(problems) == [
        ("controller.email", "'support.cinetrum.com' is not an e-mail address")
    ]


def test_a_controller_outside_the_eu_serving_the_eu_must_name_a_representative(
    problems_after,
):
    def moved_to_the_us(d):
        d["controller"]["established_in"] = "US"

    problems = problems_after(moved_to_the_us)

    assert messages(problems) == [
        (
            "controller.eu_representative",
            "a controller outside the EU that serves people in the EU names an EU "
            "representative (GDPR Art. 27)",
        )
    ]


def test_a_controller_outside_the_uk_serving_the_uk_must_name_a_representative(
    problems_after,
):
    def serves_the_uk(d):
        uk = copy.deepcopy(d["jurisdictions"][0])
        uk["code"] = "UK"
        d["jurisdictions"].append(uk)

    problems = problems_after(serves_the_uk)

    assert messages(problems) == [
        (
            "controller.uk_representative",
            "a controller outside the UK that serves people in the UK names a UK "
            "representative (UK GDPR Art. 27)",
        )
    ]


def test_a_law_declared_twice_is_refused(problems_after):
    problems = problems_after(
        lambda d: d["jurisdictions"].append(copy.deepcopy(d["jurisdictions"][0]))
    )

    assert messages(problems) == [
        ("jurisdictions", "jurisdiction 'EU' is declared more than once")
    ]
