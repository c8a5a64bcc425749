import pytest

from candid.policy import (
    DeclarationError,
    Problem,
    load_declaration,
    parse_declaration,
    text_digest,
)


def test_the_demo_declaration_loads_with_its_version_and_date(policies_dir):
    # when
    declaration = load_declaration(policies_dir / "cinetrum-studio.yaml")

    # then
    assert declaration.policy.version == "2026.11"
    assert str(declaration.policy.effective_date) == "2026-11-01"
    assert declaration.controller.email == "support@cinetrum.com"


def test_every_declaration_in_policies_is_valid(policies_dir):
    files = sorted(policies_dir.glob("*.yaml"))

    loaded = [load_declaration(path) for path in files]

    assert len(loaded) == len(files) >= 1


def test_invalid_yaml_is_reported_with_its_line():
    with pytest.raises(DeclarationError) as caught:
        parse_declaration("policy:\n  version: [unclosed\n", source="bad.yaml")

    (problem,) = caught.value.problems
    assert problem.message.startswith("not valid YAML")
    assert problem.line == 3


def test_a_declaration_that_is_not_a_mapping_is_refused():
    with pytest.raises(DeclarationError) as caught:
        parse_declaration("- just\n- a list\n")

    assert [p.message for p in caught.value.problems] == [
        "the declaration must be a YAML mapping"
    ]


def test_problems_name_the_line_of_the_field_in_the_file(cinetrum_source):
    broken = cinetrum_source.replace(
        "  website: https://cinetrum.com\n", "  webiste: https://cinetrum.com\n"
    )
    line = broken.splitlines().index("  webiste: https://cinetrum.com") + 1

    with pytest.raises(DeclarationError) as caught:
        parse_declaration(broken)

    messages = {(p.path, p.line, p.message) for p in caught.value.problems}
    assert (
        "controller.webiste",
        line,
        "'webiste' is not a field here; did you mean 'website'?",
    ) in messages
    assert ("controller.website", None, "is missing") in {
        (p.path, None, p.message) for p in caught.value.problems
    }


def test_every_problem_is_reported_at_once(cinetrum_source):
    broken = cinetrum_source.replace("legal_basis: contract", "legal_basis: contrakt")

    with pytest.raises(DeclarationError) as caught:
        parse_declaration(broken)

    assert len(caught.value.problems) == cinetrum_source.count("legal_basis: contract")


def test_an_empty_file_is_refused_as_not_a_declaration():
    with pytest.raises(DeclarationError) as caught:
        parse_declaration("", source="empty.yaml")

    assert caught.value.problems == [
        Problem("", "the declaration must be a YAML mapping")
    ]
    assert str(caught.value) == (
        "empty.yaml: 1 problem(s)\n  - (top): the declaration must be a YAML mapping"
    )


def test_a_section_missing_from_the_top_is_reported_where_the_declaration_starts(
    cinetrum_source,
):
    # given: the security section, and everything after it, cut off
    cut = cinetrum_source[: cinetrum_source.index("\nsecurity:")] + "\n"
    tail = cinetrum_source[cinetrum_source.index("\nsecurity:") :]
    after = [line.split(":")[0] for line in tail.splitlines() if line[:1].isalpha()]
    start = cinetrum_source.splitlines().index("schema_version: 1") + 1

    # when
    with pytest.raises(DeclarationError) as caught:
        parse_declaration(cut)

    # then
    assert [(p.path, p.line, p.message) for p in caught.value.problems] == [
        (name, start, "is missing")
        for name in after
        if name not in ("images", "commerce")
    ]


def test_a_duration_that_cannot_be_read_says_how_to_write_one(cinetrum_source):
    broken = cinetrum_source.replace("retention: 35 days", "retention: forever")
    line = broken.splitlines().index("  retention: forever") + 1

    with pytest.raises(DeclarationError) as caught:
        parse_declaration(broken)

    assert caught.value.problems == [
        Problem(
            "backups.retention",
            "'forever' is not a duration; write a number and a unit, "
            "such as '90 days', '1 month' or '6 years'",
            line,
        )
    ]


def test_a_value_of_the_wrong_type_gets_the_validator_message_and_its_line(
    problems_after,
):
    def age_in_words(d):
        d["accounts"]["minimum_age"] = "sixteen"

    problems = problems_after(age_in_words)

    assert [(p.path, p.message) for p in problems] == [
        (
            "accounts.minimum_age",
            "Input should be a valid integer, unable to parse string as an integer",
        )
    ]
    assert problems[0].line is not None


def test_an_item_of_a_plain_list_of_the_wrong_type_is_reported_at_its_place(
    problems_after,
):
    def numeric_country(d):
        d["recipients"][0]["countries"] = ["IE", 49]

    problems = problems_after(numeric_country)

    assert [(p.path, p.message) for p in problems] == [
        ("recipients[0].countries[1]", "Input should be a valid string")
    ]


def test_the_digest_of_a_text_is_its_sha256_in_hex():
    """LAW-03 stores this digest of the text a person saw with their consent."""
    assert text_digest("abc") == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )
