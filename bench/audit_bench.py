"""Benchmark the audit log: batched appends per second, and verifying a million events.

    .venv/bin/python -m bench.audit_bench            # print the figures
    .venv/bin/python -m bench.audit_bench --write    # and update bench/RESULTS.md

Runs on a throwaway SQLite database file in a temporary directory (never the test or
demo database), in one single-threaded process. The machine is shared, so the report
gives the CPU time beside the wall-clock time, and the load average. Targets (issue 3): at least 20,000
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

from bench.results import section_replace

APPEND_TARGET = 20_000
VERIFY_TARGET = 5.0
VERIFY_EVENTS = 1_000_000
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


class Clock:
    """Time a block in wall-clock and CPU seconds: on a shared machine they differ."""

    def __enter__(self) -> Clock:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu


def append_rates(batch: int, batches: int, subjects: list[uuid.UUID]) -> tuple:
    """Return events per second (wall, CPU) appended `batch` at a time, entries built."""
    from candid.audit.services import audit_record_many

    with Clock() as clock:
        for _ in range(batches):
            audit_record_many(_entries(batch, subjects))
    return batch * batches / clock.wall, batch * batches / clock.cpu


def single_rates(count: int, subjects: list[uuid.UUID]) -> tuple:
    """Return events per second (wall, CPU) appended one per transaction."""
    from candid.audit import events
    from candid.audit.entries import Actor
    from candid.audit.services import audit_record

    with Clock() as clock:
        for n in range(count):
            audit_record(
                action=events.DATA_READ,
                actor=Actor.staff(7),
                subject_id=subjects[n % len(subjects)],
                purpose="customer_support",
                categories=["user.contact.email"],
                details={"fields": ["email"]},
            )
    return count / clock.wall, count / clock.cpu


def fill_to(total: int, subjects: list[uuid.UUID]) -> None:
    from candid.audit.models import AuditChainHead
    from candid.audit.services import audit_record_many

    def recorded() -> int:
        return AuditChainHead.objects.values_list("sequence", flat=True).first() or 0

    while (missing := total - recorded()) > 0:
        audit_record_many(_entries(min(missing, 10_000), subjects))


def verify_seconds() -> tuple[float, float, int]:
    """Return the wall and CPU seconds of one full verification, and its events."""
    from candid.audit.verification import audit_verify

    with Clock() as clock:
        result = audit_verify()
    if not result.intact:
        raise SystemExit(result.message)
    return clock.wall, clock.cpu, result.events_checked


def prune_seconds(count: int) -> tuple[float, float]:
    """Return the seconds a prune of the `count` oldest events takes (verify + delete)."""
    from candid.audit.entries import Actor
    from candid.audit.models import AuditChainHead
    from candid.audit.pruning import audit_prune

    through = AuditChainHead.objects.get().pruned_through + count
    with Clock() as clock:
        audit_prune(through_sequence=through, actor=Actor.system("bench"))
    return clock.wall, clock.cpu


def measure() -> dict:
    """Run every benchmark and return its figures."""
    subjects = [uuid.uuid4() for _ in range(1_000)]
    load_before = os.getloadavg()[0]
    figures = {
        "batch_100": [append_rates(100, 200, subjects) for _ in range(3)],
        "batch_1k": [append_rates(1_000, 20, subjects) for _ in range(3)],
        "batch_10k": [append_rates(10_000, 2, subjects) for _ in range(3)],
        "single": [single_rates(2_000, subjects)],
    }
    fill_to(VERIFY_EVENTS, subjects)
    verify = [verify_seconds() for _ in range(3)]
    figures["verify"] = [(wall, cpu) for wall, cpu, _ in verify]
    figures["verified"] = verify[0][2]
    figures["prune"] = [prune_seconds(100_000)]
    figures["load"] = (load_before, os.getloadavg()[0])
    return figures


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

    def rates(name: str) -> str:
        walls = [wall for wall, _ in figures[name]]
        cpu = max(cpu for _, cpu in figures[name])
        return f"{max(walls):,.0f}/s | {statistics.median(walls):,.0f}/s | {cpu:,.0f}/s"

    def seconds(name: str) -> str:
        walls = [wall for wall, _ in figures[name]]
        cpu = min(cpu for _, cpu in figures[name])
        return f"{min(walls):.2f} s | {statistics.median(walls):.2f} s | {cpu:.2f} s"

    appended = "met" if met_append(figures) else "MISSED"
    verified = "met" if met_verify(figures) else "MISSED"
    before, after = figures["load"]
    return f"""{HEADING}

Measured {today.isoformat()} on {_machine()}; Python {platform.python_version()},
Django {django.__version__}, SQLite {sqlite3.sqlite_version} (WAL, synchronous=NORMAL,
a temporary database file); one single-threaded process. The machine was shared
with other sessions' test runs: load average {before:.1f} at the start, {after:.1f} at
the end, on 2 CPUs, so wall-clock figures vary from run to run; the CPU column is
the process's own CPU time (best run).
Command: `.venv/bin/python -m bench.audit_bench --write`.

| Benchmark | Best (wall) | Median (wall) | CPU time | Target |
|---|---|---|---|---|
| `audit_record_many`, batches of 10,000 (entries built and checked, hashed, inserted, committed) | {rates("batch_10k")} | >= {APPEND_TARGET:,}/s, {appended} |
| same, batches of 1,000 | {rates("batch_1k")} | (information) |
| same, batches of 100 | {rates("batch_100")} | (information) |
| `audit_record`, one event per transaction | {rates("single")} | (information) |
| `audit_verify` of {figures["verified"]:,} events (batches of 10,000) | {seconds("verify")} | < {VERIFY_TARGET:.0f} s, {verified} |
| `audit_prune` of the 100,000 oldest events (verify, checkpoint, delete) | {seconds("prune")} | (information) |
"""  # noqa: E501


def met_append(figures: dict) -> bool:
    return max(wall for wall, _ in figures["batch_10k"]) >= APPEND_TARGET


def met_verify(figures: dict) -> bool:
    return min(wall for wall, _ in figures["verify"]) < VERIFY_TARGET


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    arguments = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="candid-audit-bench-") as folder:
        _set_up(Path(folder))
        figures = measure()
    section = report(figures, today=dt.datetime.now(dt.UTC).date())
    print(section)
    if arguments.write:
        section_replace(section, heading=HEADING)
    return 0 if met_append(figures) and met_verify(figures) else 1


if __name__ == "__main__":
    sys.exit(main())
