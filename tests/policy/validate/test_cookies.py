"""Only strictly necessary cookies go without consent (ePrivacy Art. 5(3), CK-01)."""

import copy

from tests.policy.conftest import messages


def test_cookies_without_an_essential_category_are_refused(problems_after):
    def nothing_essential(d):
        d["cookies"]["categories"][0]["essential"] = False

    problems = problems_after(nothing_essential)

    assert messages(problems) == [
        (
            "cookies.categories",
            "declare the strictly necessary cookies as an essential category",
        ),
        (
            "cookies.categories[0].purpose",
            "cookie category 'necessary' must name a declared purpose",
        ),
    ]


def test_a_cookie_category_declared_twice_is_refused(problems_after):
    def twice(d):
        categories = d["cookies"]["categories"]
        categories.append(copy.deepcopy(categories[1]))

    problems = problems_after(twice)

    assert messages(problems) == [
        (
            "cookies.categories",
            "cookie category 'preferences' is declared more than once",
        )
    ]


def test_strictly_necessary_cookies_that_load_scripts_are_refused(problems_after):
    def scripts(d):
        categories = d["cookies"]["categories"]
        categories[0]["scripts"] = copy.deepcopy(categories[2]["scripts"])

    problems = problems_after(scripts)

    assert messages(problems) == [
        (
            "cookies.categories[0].scripts",
            "strictly necessary cookies may not load third-party scripts",
        )
    ]


def test_optional_cookies_for_an_undeclared_purpose_are_refused(problems_after):
    def undeclared(d):
        d["cookies"]["categories"][1]["purpose"] = "personalisation"

    problems = problems_after(undeclared)

    assert messages(problems) == [
        (
            "cookies.categories[1].purpose",
            "cookie category 'preferences' must name a declared purpose",
        )
    ]
