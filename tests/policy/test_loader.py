import pytest

from candid.policy import DeclarationError, load_declaration, parse_declaration


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
