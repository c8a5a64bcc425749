"""The `candid policy` command line: exit 0 on success, 1 for an invalid declaration
(every problem on stderr), 2 for a file that cannot be read or written."""

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from candid.cli import main

ROOT = Path(__file__).resolve().parents[1]
CINETRUM = ROOT / "policies" / "cinetrum-studio.yaml"


@pytest.fixture
def broken_file(tmp_path, cinetrum_source) -> Path:
    """Return a copy of the Cinetrum declaration with two wrong legal bases."""
    path = tmp_path / "broken.yaml"
    broken = cinetrum_source.replace(
        "    legal_basis: legitimate_interests\n", "    legal_basis: interest\n"
    ).replace(
        "    legal_basis: legal_obligation\n    legal_obligation: Tax",
        "    legal_basis: law\n    legal_obligation: Tax",
    )
    path.write_text(broken, encoding="utf-8")
    return path


@pytest.fixture
def later_file(tmp_path, cinetrum_source) -> Path:
    path = tmp_path / "later.yaml"
    path.write_text(
        cinetrum_source.replace(
            "{category: user.device.ip_address, period: 90 days",
            "{category: user.device.ip_address, period: 6 months",
        ),
        encoding="utf-8",
    )
    return path


def problem_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("  - ")]


# validate


def test_validate_says_a_valid_declaration_is_valid(capsys):
    status = main(["policy", "validate", str(CINETRUM)])

    assert status == 0
    assert capsys.readouterr().out == f"{CINETRUM}: valid (version 2026.11)\n"


def test_validate_lists_every_problem_of_an_invalid_declaration(capsys, broken_file):
    # when
    status = main(["policy", "validate", str(broken_file)])

    # then
    out, err = capsys.readouterr()
    assert status == 1
    assert out == ""
    assert err.splitlines()[0] == f"{broken_file}: 2 problem(s)"
    assert len(problem_lines(err)) == 2
    assert "purposes[4].legal_basis: must be one of" in problem_lines(err)[0]
    assert "purposes[5].legal_basis: must be one of" in problem_lines(err)[1]


def test_validate_refuses_a_missing_file_with_status_2(capsys, tmp_path):
    missing = tmp_path / "missing.yaml"

    status = main(["policy", "validate", str(missing)])

    assert status == 2
    assert capsys.readouterr().err == (
        f"cannot read {missing}: No such file or directory\n"
    )


def test_validate_refuses_a_file_that_is_not_text_with_status_2(capsys, tmp_path):
    binary = tmp_path / "policy.yaml"
    binary.write_bytes(b"\xff\xfe\x00policy")

    status = main(["policy", "validate", str(binary)])

    assert status == 2
    assert capsys.readouterr().err == f"cannot read {binary}: it is not UTF-8 text\n"


def test_validate_refuses_a_folder_with_status_2(capsys, tmp_path):
    status = main(["policy", "validate", str(tmp_path)])

    assert status == 2
    assert capsys.readouterr().err == f"cannot read {tmp_path}: Is a directory\n"


def test_an_unknown_command_is_refused_by_the_parser(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["policy", "publish", str(CINETRUM)])

    assert caught.value.code == 2
    assert "invalid choice: 'publish'" in capsys.readouterr().err


# render


def test_render_prints_the_policy_as_markdown(capsys):
    status = main(["policy", "render", str(CINETRUM)])

    out = capsys.readouterr().out
    assert status == 0
    assert out.startswith("# Cinetrum Studio Privacy Policy\n")
    assert "Version 2026.11" in out


def test_render_prints_the_policy_as_html(capsys):
    status = main(["policy", "render", "--format", "html", str(CINETRUM)])

    assert status == 0
    assert "<h1>Cinetrum Studio Privacy Policy</h1>" in capsys.readouterr().out


def test_render_of_an_invalid_declaration_fails_with_status_1(capsys, broken_file):
    status = main(["policy", "render", str(broken_file)])

    out, err = capsys.readouterr()
    assert status == 1
    assert out == ""
    assert len(problem_lines(err)) == 2


# diff


def test_diff_of_a_file_with_itself_says_no_changes(capsys):
    status = main(["policy", "diff", str(CINETRUM), str(CINETRUM)])

    assert status == 0
    assert capsys.readouterr().out == "No changes.\n"


def test_diff_says_which_changes_are_significant(capsys, later_file):
    status = main(["policy", "diff", str(CINETRUM), str(later_file)])

    assert status == 0
    assert capsys.readouterr().out == (
        "Significant changes (1):\n"
        "  - user.device.ip_address is now kept 6 months (was 90 days). "
        "[retention[user.device.ip_address].period]\n"
    )


def test_diff_lists_the_problems_of_both_files(capsys, broken_file, tmp_path):
    # given
    other = tmp_path / "other.yaml"
    other.write_text(broken_file.read_text(encoding="utf-8"), encoding="utf-8")

    # when
    status = main(["policy", "diff", str(broken_file), str(other)])

    # then
    err = capsys.readouterr().err
    assert status == 1
    assert f"{broken_file}: 2 problem(s)" in err
    assert f"{other}: 2 problem(s)" in err
    assert len(problem_lines(err)) == 4


def test_diff_with_a_missing_file_fails_with_status_2(capsys, tmp_path):
    status = main(["policy", "diff", str(CINETRUM), str(tmp_path / "new.yaml")])

    assert status == 2


# export-fides


def test_export_fides_prints_systems_and_a_dataset(capsys):
    status = main(["policy", "export-fides", str(CINETRUM)])

    manifest = yaml.safe_load(capsys.readouterr().out)
    assert status == 0
    assert list(manifest) == ["system", "dataset"]
    assert manifest["system"][0]["fides_key"] == "cinetrum_studio"


def test_export_fides_writes_the_output_file(capsys, tmp_path):
    output = tmp_path / "fides.yml"

    status = main(["policy", "export-fides", str(CINETRUM), "-o", str(output)])

    assert status == 0
    assert capsys.readouterr().out == f"wrote {output}\n"
    assert list(yaml.safe_load(output.read_text(encoding="utf-8"))) == [
        "system",
        "dataset",
    ]


def test_export_fides_into_a_missing_folder_fails_with_status_2(capsys, tmp_path):
    output = tmp_path / "no" / "fides.yml"

    status = main(["policy", "export-fides", str(CINETRUM), "--output", str(output)])

    assert status == 2
    assert capsys.readouterr().err == (
        f"cannot write {output}: No such file or directory\n"
    )


def test_export_fides_of_an_invalid_declaration_fails_with_status_1(
    capsys, broken_file
):
    status = main(["policy", "export-fides", str(broken_file)])

    assert status == 1
    assert len(problem_lines(capsys.readouterr().err)) == 2


# python -m candid


def test_python_dash_m_candid_validates_a_declaration():
    result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [sys.executable, "-m", "candid", "policy", "validate", str(CINETRUM)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )

    assert result.returncode == 0
    assert result.stdout == f"{CINETRUM}: valid (version 2026.11)\n"
    assert result.stderr == ""


def test_python_dash_m_candid_exits_1_for_an_invalid_declaration(broken_file):
    result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [sys.executable, "-m", "candid", "policy", "validate", str(broken_file)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )

    assert result.returncode == 1
    assert len(problem_lines(result.stderr)) == 2
