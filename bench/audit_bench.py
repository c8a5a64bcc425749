"""Benchmark the audit log: batched appends per second, and verifying a million events.

    .venv/bin/python -m bench.audit_bench            # print the figures
    .venv/bin/python -m bench.audit_bench --write    # and update bench/RESULTS.md

Runs on a throwaway SQLite database file in a temporary directory (never the test or
demo database), one process pinned to one core. Targets (issue 3): at least 20,000
events per second appended in batches, and 1,000,000 events verified in under 5 s.
Appends are timed end to end: building and checking each `AuditEntry`, hashing,
inserting, committing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

APPEND_TARGET = 20_000
VERIFY_TARGET = 5.0
VERIFY_EVENTS = 1_000_000
RESULTS = Path(__file__).with_name("RESULTS.md")
HEADING = "## Audit"


def _set_up(data_dir: Path) -> None:
    os.environ["CANDID_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "candid.settings.test")
    # Always the throwaway SQLite file, whatever the shell points at.
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("CANDID_KEYSTORE_URL", None)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, skip_checks=True)


def _entries(count: int, subjects: list[uuid.UUID]) -> list:
    """Return `count` staff reads of one field each, as recorders write them."""
    from candid.audit import events
    from candid.audit.entries import Actor, AuditEntry

    return [
        AuditEntry(
            action=events.DATA_READ,
            actor=Actor.staff(7),
            subject_id=subjects[n % len(subjects)],
            purpose="customer_support",
            categories=["user.contact.email", "user.name"],
            objects=[("accounts.User", 1000 + n % len(subjects))],
            details={"fields": ["email", "full_name"]},
        )
        for n in range(count)
    ]


def append_rate(batch: int, batches: int, subjects: list[uuid.UUID]) -> float:
    """Return events per second appended `batch` at a time, entries built included."""
    from candid.audit.services import audit_record_many

    start = time.perf_counter()
    for _ in range(batches):
        audit_record_many(_entries(batch, subjects))
    return batch * batches / (time.perf_counter() - start)


def single_rate(count: int, subjects: list[uuid.UUID]) -> float:
    """Return events per second appended one per transaction with audit_record."""
    from candid.audit import events
    from candid.audit.entries import Actor
    from candid.audit.services import audit_record

    start = time.perf_counter()
    for n in range(count):
        audit_record(
            action=events.DATA_READ,
            actor=Actor.staff(7),
            subject_id=subjects[n % len(subjects)],
            purpose="customer_support",
            categories=["user.contact.email"],
            details={"fields": ["email"]},
        )
    return count / (time.perf_counter() - start)


def fill_to(total: int, subjects: list[uuid.UUID]) -> None:
    from candid.audit.models import AuditChainHead
    from candid.audit.services import audit_record_many

    def recorded() -> int:
        return AuditChainHead.objects.values_list("sequence", flat=True).first() or 0

    while (missing := total - recorded()) > 0:
        audit_record_many(_entries(min(missing, 10_000), subjects))


def verify_seconds() -> tuple[float, int]:
    """Return the seconds one full verification takes, and the events it checked."""
    from candid.audit.verification import audit_verify

    start = time.perf_counter()
    result = audit_verify()
    elapsed = time.perf_counter() - start
    if not result.intact:
        raise SystemExit(result.message)
    return elapsed, result.events_checked


def prune_seconds(count: int) -> float:
    """Return the seconds a prune of the `count` oldest events takes (verify + delete)."""
    from candid.audit.entries import Actor
    from candid.audit.models import AuditChainHead
    from candid.audit.pruning import audit_prune

    through = AuditChainHead.objects.get().pruned_through + count
    start = time.perf_counter()
    audit_prune(through_sequence=through, actor=Actor.system("bench"))
    return time.perf_counter() - start


def measure() -> dict:
    """Run every benchmark and return its figures."""
    subjects = [uuid.uuid4() for _ in range(1_000)]
    batch_100 = [append_rate(100, 200, subjects) for _ in range(3)]
    batch_1k = [append_rate(1_000, 20, subjects) for _ in range(3)]
    batch_10k = [append_rate(10_000, 2, subjects) for _ in range(3)]
    single = single_rate(2_000, subjects)
    fill_to(VERIFY_EVENTS, subjects)
    verify = [verify_seconds() for _ in range(3)]
    return {
        "batch_100": batch_100,
        "batch_1k": batch_1k,
        "batch_10k": batch_10k,
        "single": single,
        "verify": [seconds for seconds, _ in verify],
        "verified": verify[0][1],
        "prune": prune_seconds(100_000),
    }


def _machine() -> str:
    model = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    return f"{os.cpu_count()} CPUs (nproc), {model}, {platform.machine()}"


def report(figures: dict, *, today: dt.date) -> str:
    """Return the Audit section of bench/RESULTS.md."""
    import sqlite3

    import django

    def rate(name: str) -> str:
        rates = figures[name]
        return f"{max(rates):,.0f}/s | {statistics.median(rates):,.0f}/s"

    def appended(name: str) -> str:
        return "met" if max(figures[name]) >= APPEND_TARGET else "MISSED"

    best_verify, median_verify = min(figures["verify"]), statistics.median(figures["verify"])
    verified = "met" if best_verify < VERIFY_TARGET else "MISSED"
    return f"""{HEADING}

Measured {today.isoformat()} on {_machine()}; Python {platform.python_version()},
Django {django.__version__}, SQLite {sqlite3.sqlite_version} (WAL, synchronous=NORMAL,
a temporary database file); one process pinned to one core.
Command: `.venv/bin/python -m bench.audit_bench --write`.

| Benchmark | Best | Median | Target |
|---|---|---|---|
| `audit_record_many`, batches of 10,000 (entries built and checked, hashed, inserted, committed) | {rate("batch_10k")} | >= {APPEND_TARGET:,}/s, {appended("batch_10k")} |
| same, batches of 1,000 | {rate("batch_1k")} | >= {APPEND_TARGET:,}/s, {appended("batch_1k")} |
| same, batches of 100 | {rate("batch_100")} | (information) |
| `audit_record`, one event per transaction | {figures["single"]:,.0f}/s | | (information) |
| `audit_verify` of {figures["verified"]:,} events (batches of 10,000) | {best_verify:.2f} s | {median_verify:.2f} s | < {VERIFY_TARGET:.0f} s, {verified} |
| `audit_prune` of the 100,000 oldest events (verify, checkpoint, delete) | {figures["prune"]:.2f} s | | (information) |
"""  # noqa: E501


def write_section(section: str, path: Path = RESULTS) -> None:
    """Replace the Audit section of RESULTS.md (other sections stay as they are)."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.strip() == HEADING), None)
    if start is None:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = next(
            (i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")),
            len(lines),
        )
        tail = "".join(lines[end:])
        text = "".join(lines[:start]) + section + ("\n" + tail if tail else "")
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    arguments = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    with tempfile.TemporaryDirectory(prefix="candid-audit-bench-") as folder:
        _set_up(Path(folder))
        figures = measure()
    section = report(figures, today=dt.datetime.now(dt.UTC).date())
    print(section)
    if arguments.write:
        write_section(section)
    met = max(figures["batch_10k"]) >= APPEND_TARGET and min(figures["verify"]) < VERIFY_TARGET
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
