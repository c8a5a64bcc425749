"""Benchmark the purpose gate: warm checks per second, and withdrawal honoured at once.

    .venv/bin/python -m bench.consent_bench            # print the figures
    .venv/bin/python -m bench.consent_bench --write    # and update bench/RESULTS.md

Runs pinned to one core on a throwaway data folder (SQLite database and counter file
in a temporary directory), with the demo declaration published as the policy in
force. Target (issue 3): >= 200,000 `require_purpose` checks per second on a warm
path, and the very next check after a withdrawal denies, including a withdrawal
committed by another process.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from bench.results import section_replace

TARGET = 200_000
HEADING = "## Consent gate"
SHOWN = "Send me news about sessions and presets by e-mail."
WITHDRAW_ELSEWHERE = """
import sys, uuid, django
django.setup()
from candid.consent.services import consent_withdraw
consent_withdraw(subject_id=uuid.UUID(sys.argv[1]), purpose="marketing_email",
                 surface="unsubscribe_link")
"""


def _set_up(data_dir: Path) -> None:
    os.environ["CANDID_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "candid.settings.test")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from django.conf import settings

    from candid.notices.services import policy_publish

    # As in production: the declaration in force is a published version.
    policy_publish(source=settings.CANDID_POLICY_FILE.read_text(encoding="utf-8"))
    # Denials are logged at INFO; the figures measure the gate, not the log handler.
    logging.getLogger("candid.consent").setLevel(logging.WARNING)


def _subject(*, consenting: bool) -> uuid.UUID:
    from candid.consent.services import consent_grant
    from candid.datamap.models import Subject

    subject_id = Subject.objects.create().id
    if consenting:
        consent_grant(
            subject_id=subject_id,
            purpose="marketing_email",
            surface="privacy_centre",
            mechanism="checkbox",
            text=SHOWN,
        )
    return subject_id


def _best_rate(run: Callable[[], float], repeats: int) -> tuple[float, float]:
    """Return the best and the median of `repeats` rates."""
    rates = [run() for _ in range(repeats)]
    return max(rates), statistics.median(rates)


def warm_checks(subject_ids: list[uuid.UUID], purpose: str, rounds: int) -> float:
    """Return allowed checks per second, cycling over already-cached subjects."""
    from candid.consent.purposes import require_purpose

    for subject_id in subject_ids:
        require_purpose(subject_id, purpose)
    cycle = (subject_ids * (rounds // len(subject_ids) + 1))[:rounds]
    start = time.perf_counter()
    for subject_id in cycle:
        require_purpose(subject_id, purpose)
    return rounds / (time.perf_counter() - start)


def warm_denials(subject_id: uuid.UUID, rounds: int) -> float:
    """Return denied checks per second (the exception raised and caught)."""
    from candid.consent.exceptions import PurposeDenied
    from candid.consent.purposes import require_purpose

    start = time.perf_counter()
    for _ in range(rounds):
        try:
            require_purpose(subject_id, "marketing_email")
        except PurposeDenied:
            pass
    return rounds / (time.perf_counter() - start)


def cold_checks(subject_id: uuid.UUID, rounds: int) -> float:
    """Return checks per second when every check must re-read the ledgers."""
    from candid.consent.purposes import _gate, require_purpose

    counters = _gate.counters()
    start = time.perf_counter()
    for _ in range(rounds):
        counters.bump_subject(subject_id)
        require_purpose(subject_id, "marketing_email")
    return rounds / (time.perf_counter() - start)


def _next_check_denies(subject_id: uuid.UUID) -> bool:
    from candid.consent.exceptions import PurposeDenied
    from candid.consent.purposes import require_purpose

    try:
        require_purpose(subject_id, "marketing_email")
    except PurposeDenied as denied:
        return denied.reason == "consent_withdrawn"
    return False


def withdrawal_here() -> bool:
    """Say whether the next check after a withdrawal in this process denies."""
    from candid.consent.purposes import require_purpose
    from candid.consent.services import consent_withdraw

    subject_id = _subject(consenting=True)
    require_purpose(subject_id, "marketing_email")
    consent_withdraw(
        subject_id=subject_id, purpose="marketing_email", surface="privacy_centre"
    )
    return _next_check_denies(subject_id)


def withdrawal_elsewhere() -> bool:
    """Say whether the next check here denies after another process withdrew."""
    from candid.consent.purposes import require_purpose

    subject_id = _subject(consenting=True)
    require_purpose(subject_id, "marketing_email")
    subprocess.run(  # noqa: S603
        [sys.executable, "-c", WITHDRAW_ELSEWHERE, str(subject_id)],
        check=True,
        env=os.environ.copy(),
    )
    return _next_check_denies(subject_id)


def measure() -> dict:
    """Run every benchmark and return its figures."""
    one = [_subject(consenting=True)]
    many = [_subject(consenting=True) for _ in range(1_000)]
    refused = _subject(consenting=False)
    best, median = _best_rate(lambda: warm_checks(one, "marketing_email", 1_000_000), 5)
    spread, spread_median = _best_rate(
        lambda: warm_checks(many, "marketing_email", 1_000_000), 5
    )
    denied, _ = _best_rate(lambda: warm_denials(refused, 200_000), 3)
    cold, _ = _best_rate(lambda: cold_checks(one[0], 2_000), 3)
    return {
        "best": best,
        "median": median,
        "spread": spread,
        "spread_median": spread_median,
        "denied": denied,
        "cold": cold,
        "here": withdrawal_here(),
        "elsewhere": withdrawal_elsewhere(),
    }


def _machine() -> str:
    model = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    return f"{os.cpu_count()} CPUs (nproc), {model}, {platform.machine()}"


def report(figures: dict, *, today: dt.date) -> str:
    """Return the Consent gate section of bench/RESULTS.md."""
    import django

    def verdict(value: float) -> str:
        return "met" if value >= TARGET else "MISSED"

    def shown(honoured: bool) -> str:
        return "denied (consent_withdrawn), met" if honoured else "ALLOWED, MISSED"

    return f"""{HEADING}

Measured {today.isoformat()} on {_machine()}; Python {platform.python_version()},
Django {django.__version__}, SQLite; one process pinned to one core.
Command: `.venv/bin/python -m bench.consent_bench --write`.

| Benchmark | Best | Median | Target |
|---|---|---|---|
| `require_purpose` warm, one subject, consent purpose allowed | {figures["best"]:,.0f}/s | {figures["median"]:,.0f}/s | >= {TARGET:,}/s, {verdict(figures["best"])} |
| same, cycling over 1,000 cached subjects | {figures["spread"]:,.0f}/s | {figures["spread_median"]:,.0f}/s | >= {TARGET:,}/s, {verdict(figures["spread"])} |
| warm denial (`PurposeDenied` raised and caught) | {figures["denied"]:,.0f}/s | | (information) |
| cold check: counter bumped, ledgers re-read from SQLite | {figures["cold"]:,.0f}/s | | (information) |
| next check after a withdrawal in this process | {shown(figures["here"])} | | denied |
| next check here after another process committed a withdrawal | {shown(figures["elsewhere"])} | | denied |
"""  # noqa: E501


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    arguments = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    with tempfile.TemporaryDirectory(prefix="candid-consent-bench-") as folder:
        _set_up(Path(folder))
        figures = measure()
    section = report(figures, today=dt.datetime.now(dt.UTC).date())
    print(section)
    if arguments.write:
        section_replace(section, heading=HEADING)
    return 0 if figures["here"] and figures["elsewhere"] else 1


if __name__ == "__main__":
    sys.exit(main())
