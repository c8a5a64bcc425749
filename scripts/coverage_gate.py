"""Run the test suite once under branch coverage, then hold kernel packages to 100 %.

STYLE §11: the privacy kernel needs 100 % branch coverage, gated as in
`encode/httpx: scripts/coverage`. A package joins `COVERAGE_GATED` when its owner
has brought it there; from then on `make test` fails if any line or branch of it
goes untested. Arguments are passed on to pytest (`make test PYTEST_ARGS=-x`); a
run narrowed to some tests will find the packages they do not reach uncovered.

Usage: python scripts/coverage_gate.py [pytest arguments...]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import coverage
from coverage.exceptions import NoDataError

# Folders under src/, one per gated package. The only list of them.
COVERAGE_GATED = ["candid/policy", "candid/vault"]
REQUIRED_PERCENT = 100.0
ROOT = Path(__file__).resolve().parents[1]


def main(pytest_args: list[str]) -> int:
    """Return pytest's exit status if tests fail, else 1 if a gated package is short."""
    with tempfile.TemporaryDirectory(prefix="candid-coverage-") as folder:
        # A private data file, so that runs side by side never mix their data.
        data_file = Path(folder) / ".coverage"
        status = run_tests(data_file, pytest_args)
        if status != 0:
            return status
        short = packages_below_target(data_file)
    for package, percent in short:
        sys.stderr.write(
            f"coverage gate: {package} is at {percent:.2f} % branch coverage; "
            f"it must stay at {REQUIRED_PERCENT:.0f} % (STYLE §11)\n"
        )
    return 1 if short else 0


def run_tests(data_file: Path, pytest_args: list[str]) -> int:
    """Run pytest once over the whole of `candid`, line and branch coverage on."""
    command = [
        sys.executable,
        "-m",
        "pytest",
        "--cov=candid",
        "--cov-branch",
        "--cov-report=",
        *pytest_args,
    ]
    environment = {**os.environ, "COVERAGE_FILE": str(data_file)}
    # The command is fixed; the arguments are the developer's own.
    return subprocess.run(command, cwd=ROOT, env=environment, check=False).returncode  # noqa: S603


def packages_below_target(data_file: Path) -> list[tuple[str, float]]:
    """Return each gated package under target, with its figure, after listing its gaps."""
    measured = coverage.Coverage(data_file=str(data_file))
    measured.load()
    short = []
    for package in COVERAGE_GATED:
        sys.stdout.write(f"\nBranch coverage of {package}:\n")
        try:
            percent = measured.report(
                include=[f"*/src/{package}/*"], show_missing=True, skip_covered=True
            )
        except NoDataError:
            percent = 0.0
        if percent < REQUIRED_PERCENT:
            short.append((package, percent))
    return short


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
