"""Every promise of the four seed policies is in its declaration and on its published page.

Each promise quotes the seed. It is checked twice: the loaded declaration holds it (a
typed fact), and the rendered policy, in Markdown and in HTML, states it. Where a seed is
unlawful or contradicts itself, the compliant reading of REQUIREMENTS.md section 4
(C-xx) is checked the same way, and the seed's wording must not reappear (LAW-06, NOT-01).
"""

import pytest

from tests.policy.seeds import (
    WRITERS,
    Promise,
    declaration,
    normalise,
    page,
    raw_page,
    seed_text,
)
from tests.policy.seeds import cinetrum_studio as s000
from tests.policy.seeds import so_captures as s001
from tests.policy.seeds import subscription_platform as s003
from tests.policy.seeds import three_d_studio_production as s002

SEEDS = (s000, s001, s002, s003)
PROMISES = [(seed.SEED, promise) for seed in SEEDS for promise in seed.PROMISES]
OVERRIDES = [(seed.SEED, promise) for seed in SEEDS for promise in seed.OVERRIDES]


def _id(case: tuple[str, Promise]) -> str:
    seed, promise = case
    prefix = f"{seed} {promise.rule}" if promise.rule else seed
    return f"{prefix}: {promise.quote[:70]}"


def _cases(cases: list[tuple[str, Promise]]):
    return pytest.mark.parametrize(("seed", "promise"), cases, ids=map(_id, cases))


def _with_writers(cases: list[tuple[str, Promise]]):
    return pytest.mark.parametrize(
        ("seed", "promise", "writer"),
        [(seed, promise, writer) for seed, promise in cases for writer in WRITERS],
        ids=[f"{_id(case)} [{writer}]" for case in cases for writer in WRITERS],
    )


@_cases(PROMISES + OVERRIDES)
def test_every_promise_quotes_the_seed_word_for_word(seed, promise):
    assert normalise(promise.quote) in seed_text(seed)


@_cases(PROMISES)
def test_the_declaration_keeps_the_seed_promise(seed, promise):
    # when
    actual = promise.actual(declaration(seed))

    # then
    assert actual == promise.expected


@_with_writers(PROMISES)
def test_the_published_policy_states_the_seed_promise(seed, promise, writer):
    text = page(seed, writer)

    assert [said for said in promise.says if said not in text] == []


@_cases(OVERRIDES)
def test_the_declaration_takes_the_compliant_reading_of_the_seed(seed, promise):
    # when
    actual = promise.actual(declaration(seed))

    # then
    assert actual == promise.expected


@_with_writers(OVERRIDES)
def test_the_published_policy_states_the_compliant_reading_not_the_seed(
    seed, promise, writer
):
    text = page(seed, writer)

    assert [said for said in promise.says if said not in text] == []
    assert [said for said in promise.unsaid if said in text] == []


def test_every_seed_has_a_few_dozen_promises():
    counts = {seed.SEED: len(seed.PROMISES) for seed in SEEDS}

    assert [seed for seed, count in counts.items() if count < 24] == []


# NOT-01: GDPR Art. 13 items, each under its own heading (level 2, or 3 for a sub-part).
ART_13_HEADINGS = (
    ("13(1)(a) controller and contact", 2, "Who we are"),
    (
        "13(1)(c) purposes and legal bases",
        2,
        "How we use your data and our legal basis",
    ),
    ("13(1)(e) recipients", 2, "Who we share your data with"),
    ("13(1)(f) transfers", 2, "International transfers"),
    ("13(2)(a) retention", 2, "How long we keep your data"),
    ("13(2)(b) rights", 2, "Your rights"),
    ("13(2)(c) withdrawal of consent", 2, "Consent and how to withdraw it"),
    ("13(2)(d) complaint to an authority", 3, "Complaints"),
    ("13(2)(e) whether data is required", 2, "The personal data we collect"),
    ("13(2)(f) automated decisions", 2, "Automated decisions"),
)


def _heading(writer: str, level: int, title: str) -> str:
    if writer == "markdown":
        return f"\n{'#' * level} {title}\n"
    return f"<h{level}>{title}</h{level}>"


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize(
    ("item", "level", "title"), ART_13_HEADINGS, ids=[h[0] for h in ART_13_HEADINGS]
)
@pytest.mark.parametrize("seed", [seed.SEED for seed in SEEDS])
def test_the_published_policy_has_every_art_13_heading(
    seed, item, level, title, writer
):
    assert _heading(writer, level, title) in raw_page(seed, writer)


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("seed", [seed.SEED for seed in SEEDS])
def test_the_published_policy_says_for_each_data_category_whether_it_is_required(
    seed, writer
):
    d = declaration(seed)
    text = page(seed, writer)

    assert "If you do not give it" in text
    assert [c.label for c in d.data_categories if c.label not in text] == []


CALIFORNIA = {
    "cinetrum-studio": True,
    "so-captures": False,
    "3d-studio-production": False,
    "subscription-platform": True,
}


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize(("seed", "serves_california"), CALIFORNIA.items())
def test_the_california_notice_appears_exactly_when_the_declaration_serves_california(
    seed, serves_california, writer
):
    # given
    d = declaration(seed)

    # then
    assert ("US-CA" in d.jurisdiction_codes) is serves_california
    assert (
        _heading(writer, 2, "Notice for California residents") in raw_page(seed, writer)
    ) is serves_california
