"""Benchmark retention sweeps: expired rows deleted per second, and memory by table size.

    .venv/bin/python -m bench.retention_bench            # print the figures
    .venv/bin/python -m bench.retention_bench --write    # and update bench/RESULTS.md
    .venv/bin/python -m bench.retention_bench --rows 1000000 --expired 200000

The table is a web-server log (`tests.retention.testapp.WebLogEntry`: bigint key,
time, path, status, truncated network), written in time order with no index but the
primary key (DESIGN, runtime), on a throwaway SQLite file in a temporary directory
(never the test or demo database). The sweep is `candid.retention.sweeps.
retention_sweep` for the declared rule `web_log:collected` (30 days), in batches of
10,000, each batch committed with its cursor and its audit event. Each sweep runs in
its own child process, so its peak RSS (`resource.getrusage`) is the sweep's own,
measured at two table sizes to show memory does not grow with the table. The
machine is shared, so the CPU time is given beside the wall-clock time. Target
(issue 7): 1,000,000 expired rows out of 5,000,000 swept at >= 100,000 rows/s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.results import section_replace

RATE_TARGET = 100_000
SIZES = ((5_000_000, 1_000_000), (1_000_000, 200_000))
BATCH_SIZE = 10_000
FILL_CHUNK = 50_000
NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
HEADING = "## Retention"


def _set_up(data_dir: Path, *, migrate: bool) -> None:
    os.environ["CANDID_DATA_DIR"] = str(data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "candid.settings.test"
    # Always the throwaway SQLite file, whatever the shell points at.
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("CANDID_KEYSTORE_URL", None)
    import django
    from django.core.management import call_command

    django.setup()
    if migrate:
        call_command("migrate", verbosity=0, skip_checks=True)


def fill(rows: int, expired: int) -> float:
    """Write `rows` log lines in time order, the oldest `expired` past 30 days."""
    from django.db import connection, transaction

    from tests.retention.testapp.models import WebLogEntry

    cutoff = NOW - dt.timedelta(days=30)
    step = dt.timedelta(seconds=0.5)
    first = cutoff - step * expired
    adapt = connection.ops.adapt_datetimefield_value
    table = connection.ops.quote_name(WebLogEntry._meta.db_table)
    sql = f"INSERT INTO {table} (at, path, status, network) VALUES (%s, %s, %s, %s)"  # noqa: S608
    started = time.perf_counter()
    for start in range(0, rows, FILL_CHUNK):
        batch = [
            (adapt(first + step * n), f"/gallery/{n % 997}/", 200, "203.0.113.0")
            for n in range(start, min(start + FILL_CHUNK, rows))
        ]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, batch)
    return time.perf_counter() - started


def sweep_child() -> dict:
    """Sweep the filled table (in this fresh process); return the figures as a dict."""
    from django.db import connection

    from tests.retention.testapp.models import WebLogEntry

    from candid.retention.sweeps import retention_sweep

    before_rows = WebLogEntry.objects.count()
    connection.close()
    rss_before = _rss_kib()
    wall, cpu = time.perf_counter(), time.process_time()
    report = retention_sweep(
        now=NOW, rules=["web_log:collected"], batch_size=BATCH_SIZE
    )
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    (outcome,) = report.outcomes
    return {
        "rows": before_rows,
        "deleted": outcome.rows,
        "batches": outcome.batches,
        "left": WebLogEntry.objects.count(),
        "wall": wall,
        "cpu": cpu,
        "rss_before_kib": rss_before,
        "peak_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }


def _rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def measure_size(rows: int, expired: int) -> dict:
    """Fill a fresh database, then sweep it in a child process; return the figures."""
    with tempfile.TemporaryDirectory(prefix="candid-retention-bench-") as folder:
        code = (
            "import json, sys; from pathlib import Path; "
            "from bench import retention_bench as b; "
            f"b._set_up(Path({folder!r}), migrate=True); "
            f"print(json.dumps({{'fill': b.fill({rows}, {expired})}}))"
        )
        filled = json.loads(_run(code))
        code = (
            "import json; from pathlib import Path; "
            "from bench import retention_bench as b; "
            f"b._set_up(Path({folder!r}), migrate=False); "
            "print(json.dumps(b.sweep_child()))"
        )
        figures = json.loads(_run(code))
    return {**figures, "fill": filled["fill"], "expired": expired}


def _run(code: str) -> str:
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    return result.stdout.strip().splitlines()[-1]


def _machine() -> str:
    model = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    return f"{os.cpu_count()} CPUs (nproc), {model}, {platform.machine()}"


def report(runs: list[dict], load: tuple[float, float], *, today: dt.date) -> str:
    """Return the Retention section of bench/RESULTS.md."""
    import sqlite3

    import django

    rows = []
    for position, run in enumerate(runs):
        rate_wall = run["deleted"] / run["wall"]
        rate_cpu = run["deleted"] / run["cpu"]
        verdict = f">= {RATE_TARGET:,}/s, " + ("met" if met(run) else "MISSED")
        if position:
            verdict = "(memory comparison)"
        growth = (run["peak_rss_kib"] - run["rss_before_kib"]) / 1024
        rows.append(
            f"| {run['deleted']:,} expired of {run['rows']:,} "
            f"({run['batches']} batches) | {run['wall']:.2f} s | {rate_wall:,.0f}/s "
            f"| {rate_cpu:,.0f}/s | {run['peak_rss_kib'] / 1024:.1f} MiB "
            f"(+{growth:.1f} MiB during the sweep) | {verdict} |"
        )
    table = "\n".join(rows)
    return f"""{HEADING}

Measured {today.isoformat()} on {_machine()}; Python {platform.python_version()},
Django {django.__version__}, SQLite {sqlite3.sqlite_version} (WAL, synchronous=NORMAL,
a temporary database file). The table is a web-server log written in time order
with no index but the primary key; `retention_sweep` for the rule `web_log:collected`
(delete 30 days after collection), batches of {BATCH_SIZE:,} rows, each batch one
transaction with its cursor and its audit event, the sweep's totals a last event.
Each sweep ran alone in a fresh child process; peak RSS is that process's
`ru_maxrss` (Python, Django and the app included), the growth is over the RSS just
before the sweep. The machine was shared with other sessions' tests: load average
{load[0]:.1f} at the start, {load[1]:.1f} at the end, on 2 CPUs; the CPU column is
the process's own CPU time.
Command: `.venv/bin/python -m bench.retention_bench --write`.

| Sweep | Wall time | Rows/s (wall) | Rows/s (CPU) | Peak RSS | Target |
|---|---|---|---|---|---|
{table}
"""


def met(run: dict) -> bool:
    return (
        run["deleted"] == run["expired"]
        and run["left"] == run["rows"] - run["expired"]
        and run["deleted"] / run["wall"] >= RATE_TARGET
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    parser.add_argument("--rows", type=int, help="one run of this many rows")
    parser.add_argument("--expired", type=int, help="of which this many expired")
    arguments = parser.parse_args(argv)
    sizes = SIZES
    if arguments.rows:
        sizes = ((arguments.rows, arguments.expired or arguments.rows // 5),)
    load_before = os.getloadavg()[0]
    runs = [measure_size(rows, expired) for rows, expired in sizes]
    section = report(
        runs, (load_before, os.getloadavg()[0]), today=dt.datetime.now(dt.UTC).date()
    )
    print(section)
    if arguments.write:
        section_replace(section, heading=HEADING)
    return (
        0
        if met(runs[0]) and all(run["deleted"] == run["expired"] for run in runs)
        else 1
    )


if __name__ == "__main__":
    sys.exit(main())
