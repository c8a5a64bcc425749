"""How sure the studio must be, by request and jurisdiction (DSR-05, CCPA regs §7062)."""

from pathlib import Path

import pytest

from candid.policy.loader import load_declaration
from candid.rights.standards import Standard, verification_standard

POLICIES = Path(__file__).resolve().parents[2] / "policies"


@pytest.fixture(scope="module")
def cinetrum():
    return load_declaration(POLICIES / "cinetrum-studio.yaml")


@pytest.fixture(scope="module")
def without_images(cinetrum):
    categories = [
        category
        for category in cinetrum.data_categories
        if category.ccpa_category
        not in {"audio_visual", "sensitive_personal_information"}
    ]
    return cinetrum.model_copy(update={"data_categories": categories})


def _standard(declaration, request_type, jurisdiction="US-CA", scope=""):
    return verification_standard(
        request_type=request_type,
        jurisdiction=jurisdiction,
        scope=scope,
        declaration=declaration,
    )


@pytest.mark.parametrize(
    ("request_type", "expected"),
    [
        ("access", Standard(1, False)),
        ("portability", Standard(1, False)),
        ("erasure", Standard(1, False)),
        ("rectification", Standard(0, False)),
        ("restriction", Standard(0, False)),
        ("objection", Standard(0, False)),
        ("withdraw_consent", Standard(0, False)),
    ],
)
def test_eu_requests_that_show_or_delete_data_need_the_declared_extra_point_dsr_05(
    cinetrum, request_type, expected
):
    assert _standard(cinetrum, request_type, jurisdiction="EU") == expected


def test_california_categories_need_a_reasonable_degree_two_points(cinetrum):
    assert _standard(cinetrum, "know", scope="categories") == Standard(1, False)


@pytest.mark.parametrize(
    ("request_type", "scope"),
    [("know", "specific"), ("know", ""), ("access", ""), ("portability", "")],
)
def test_california_specific_pieces_need_three_points_and_a_signed_declaration(
    cinetrum, request_type, scope
):
    assert _standard(cinetrum, request_type, scope=scope) == Standard(2, True)


@pytest.mark.parametrize("request_type", ["delete", "erasure", "correct"])
def test_california_deleting_a_photographers_data_needs_a_reasonably_high_degree(
    cinetrum, request_type
):
    # the studio declares images of people (audio_visual): family photographs
    assert _standard(cinetrum, request_type) == Standard(2, False)


@pytest.mark.parametrize("request_type", ["delete", "correct"])
def test_california_deleting_less_sensitive_data_needs_a_reasonable_degree(
    without_images, request_type
):
    assert _standard(without_images, request_type) == Standard(1, False)


@pytest.mark.parametrize("request_type", ["opt_out_sale_sharing", "limit_sensitive"])
def test_california_opt_outs_need_no_verification(cinetrum, request_type):
    assert _standard(cinetrum, request_type) == Standard(0, False)


def test_a_higher_declared_baseline_is_never_lowered(cinetrum):
    # given: a studio that asks 3 further points of everyone
    rights = cinetrum.rights.model_copy(
        update={
            "verification": cinetrum.rights.verification.model_copy(
                update={"extra_data_points": 3}
            )
        }
    )
    strict = cinetrum.model_copy(update={"rights": rights})
    # then
    assert _standard(strict, "know", scope="categories") == Standard(3, False)
    assert _standard(strict, "access", jurisdiction="EU") == Standard(3, False)
