"""Social login, print vendors and digital sales stay within the declaration."""

from tests.policy.conftest import messages


def test_social_login_importing_undeclared_data_is_refused(problems_after):
    def social_login(d):
        d["accounts"]["social_login_providers"] = ["Google"]
        d["accounts"]["social_login_fields"] = ["user.name", "user.demographic.gender"]

    problems = problems_after(social_login)

    assert messages(problems) == [
        (
            "accounts.social_login_fields[1]",
            "social login imports 'user.demographic.gender', which is not a declared "
            "data category",
        )
    ]


def test_a_print_vendor_for_an_undeclared_purpose_is_refused(problems_after):
    def print_vendor(d):
        d["images"]["print_vendor_purpose"] = "print_orders"

    problems = problems_after(print_vendor)

    assert messages(problems) == [
        ("images.print_vendor_purpose", "'print_orders' is not a declared purpose")
    ]


def test_downloads_final_without_the_withdrawal_waiver_are_refused_in_the_eu(
    problems_after,
):
    def no_waiver(d):
        d["commerce"]["digital_products"]["withdrawal_waiver_required"] = False

    problems = problems_after(no_waiver)

    assert messages(problems) == [
        (
            "commerce.digital_products.withdrawal_waiver_required",
            "in the EU and UK a sale is final on download only after the buyer's "
            "express waiver of the 14-day withdrawal right",
        )
    ]
