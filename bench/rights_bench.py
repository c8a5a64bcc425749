"""Benchmark data-subject rights at scale: one subject's access export and erasure.

    .venv/bin/python -m bench.rights_bench                # measure, print the figures
    .venv/bin/python -m bench.rights_bench --write        # and update bench/RESULTS.md
    .venv/bin/python -m bench.rights_bench --generate     # generate missing data first

Target (issue 6): with 1,000,000 clients and 20,000,000 personal-data rows, the
access export of one subject (`candid.rights.exports.access_export_build`, which the
export download runs) in under 200 ms, and an erasure's synchronous part in under
50 ms, on SQLite and on PostgreSQL; the cost must not grow with the number of other
clients, so the same is measured with 10,000 clients.

The data sets come from `bench.rights_data` (real models, real per-subject keys; see
its docstring) and are kept between runs: SQLite files under var/bench/, PostgreSQL
databases candid_bench, candid_bench_keys (1,000,000 clients) and candid_bench_10k,
candid_bench_10k_keys on 127.0.0.1:5432. `--generate` builds a missing one (run it
with `nice -n 19`: it takes tens of minutes for a million clients).

Each data set is measured in its own process. Subjects are drawn at random from a
sample recorded evenly across the data set while generating: the access export for
`--subjects` of them (each a different subject, so their data key is read from the
key store and unwrapped every time, as for a real request), and the erasure for
`--erasures` others never erased before (erasure destroys data, so every run uses
fresh subjects). Both figures are wall time and the benchmark process's own CPU time
(the machine is shared; PostgreSQL's server CPU is not in the CPU column). The
report also shows each export query's plan (EXPLAIN QUERY PLAN / EXPLAIN): one
indexed search per model, never a table scan.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

from bench.results import section_replace

ACCESS_TARGET_MS = 200.0
ERASURE_TARGET_MS = 50.0
SIZES = (10_000, 1_000_000)
BACKENDS = ("sqlite", "postgresql")
HEADING = "## Rights"
SEED = 6
SMALL_TABLE = 1_000  # a scan of fewer rows is the planner's right choice
RAW = Path(__file__).resolve().parent.parent / "var" / "bench" / "rights-results.json"
CACHE = RAW.with_name("rights-{backend}-{clients}.json")


class Clock:
    """Time a block in wall-clock and CPU milliseconds: on a shared machine they differ."""

    def __enter__(self) -> Clock:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = (time.perf_counter() - self.wall) * 1000
        self.cpu = (time.process_time() - self.cpu) * 1000


# --- measuring one data set (child process) ---------------------------------------


def request_scope():
    """Return the scope a web request runs in (the version in force read once).

    Both entry points run inside a request in production: the export download, and
    the staff action that starts an erasure; DeclarationCacheMiddleware opens this
    scope around each request.
    """
    try:
        from candid.notices.selectors import declaration_request_scope
    except ImportError:  # before the scope existed: every read went to the database
        return contextlib.nullcontext()
    return declaration_request_scope()


def query_plans(subject_id: uuid.UUID) -> list[dict]:
    """Return the plan of every model's query for one subject, and whether it scans."""
    from django.db import connections

    from candid.datamap.registry import registry

    data_map = registry()
    plans = []
    for location in data_map.locations_for_subject(subject_id):
        entry = data_map.entry(location.model)
        queryset = location.queryset().order_by("pk")
        connection = connections[queryset.db]
        sql, params = queryset.query.sql_with_params()
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
                lines = [row[3] for row in cursor.fetchall()]
                scans = [
                    line
                    for line in lines
                    if line.startswith("SCAN") and "INDEX" not in line
                ]
            else:
                cursor.execute("EXPLAIN " + sql, params)
                lines = [row[0].strip() for row in cursor.fetchall()]
                scans = [line for line in lines if "Seq Scan" in line]
            cursor.execute(
                f"SELECT COUNT(*) FROM {connection.ops.quote_name(location.model._meta.db_table)}"  # noqa: S608
            )
            table_rows = cursor.fetchone()[0]
            index = _first_hop_index(
                connection, cursor, location.model, entry.subject_path
            )
        if scans and table_rows == 0 and index:
            # PostgreSQL reads an empty table whole at no cost; once it holds rows
            # the planner takes the index on the subject column.
            scans = []
            lines = [f"(empty table, read whole) index on the subject column: {index}"]
        plans.append(
            {
                "model": location.model._meta.label,
                "path": entry.subject_path,
                "exported": any(f.category is not None for f in entry.fields),
                "database": queryset.db,
                "table_rows": table_rows,
                "plan": lines,
                "scans": scans,
            }
        )
    return plans


def _email(export: dict) -> str | None:
    """Return the account's e-mail as the export shows it."""
    from candid.accounts.models import User

    account = export["data"].get(str(User._meta.verbose_name), [[]])[0]
    return next((f["value"] for f in account if f["field"] == "email"), None)


def _first_hop_index(connection, cursor, model, path: str) -> str | None:
    """Return an index whose first column is the subject path's first column."""
    field = model._meta.get_field(path.split("__")[0])
    column = field.column
    table = model._meta.db_table
    for name, details in connection.introspection.get_constraints(
        cursor, table
    ).items():
        if (details["index"] or details["unique"]) and details["columns"][:1] == [
            column
        ]:
            return name
    return None


def _export_rows(export: dict) -> int:
    return sum(
        len(rows)
        for part in ("data", "records_of_your_privacy_choices")
        for rows in export[part].values()
    )


def measure_access(subjects: list[uuid.UUID]) -> dict:
    """Return wall and CPU ms of the access export for each subject (each cold key)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from candid.rights.exports import access_export_build

    walls, cpus, rows = [], [], []
    for subject_id in subjects:
        with Clock() as clock, request_scope():
            export = access_export_build(subject_id=subject_id)
        walls.append(clock.wall)
        cpus.append(clock.cpu)
        rows.append(_export_rows(export))
        if not (_email(export) or "").endswith("@example.org"):
            raise SystemExit(f"the export of {subject_id} did not decrypt the e-mail")
    with CaptureQueriesContext(connection) as queries, request_scope():
        access_export_build(subject_id=subjects[-1])
    return {
        "wall": walls,
        "cpu": cpus,
        "rows": rows,
        "queries_default": len(queries.captured_queries),
    }


def erasure_entry():
    """Return (description, prepare, erase): the erasure's synchronous part.

    `prepare(subject_id)` does the untimed set-up and returns what `erase` takes.
    The rights app's `erasure_start` when it exists: a verified erasure request is
    opened for the subject first (`request_open`, as a signed-in client's request),
    and `erasure_start(request_id=...)` is timed; its queued part goes to the task
    queue and is not run. Until then, the parts of erasure that exist, in one call:
    account deactivated and every session ended, the consent gate told, the
    subject's data key destroyed (crypto-shredding).
    """
    try:
        from candid.rights.services.erasure import erasure_start
    except ImportError:
        erasure_start = None
    if erasure_start is not None:
        return _erasure_start_entry(erasure_start)
    from django.db import transaction

    from candid.accounts.models import User
    from candid.accounts.services.sessions import client_sessions_revoke_all
    from candid.consent.purposes import subject_changed
    from candid.vault.services import subject_key_destroy

    def erase(subject_id: uuid.UUID) -> None:
        with transaction.atomic():
            user = User.objects.select_for_update().get(subject_id=subject_id)
            User.objects.filter(pk=user.pk).update(is_active=False)
            client_sessions_revoke_all(user=user)
            subject_changed(subject_id)
        subject_key_destroy(subject_id=subject_id)

    description = (
        "the parts that exist (no `candid.rights.services.erasure.erasure_start` "
        "yet): account deactivated and every session ended "
        "(`client_sessions_revoke_all`) in one transaction, `subject_changed`, then "
        "`subject_key_destroy`"
    )
    return description, (lambda subject_id: subject_id), erase


def _erasure_start_entry(erasure_start):
    from candid.accounts.models import User
    from candid.audit.entries import Actor
    from candid.rights.services import request_open

    actor = Actor.system("bench")

    def prepare(subject_id: uuid.UUID) -> uuid.UUID:
        user = User.objects.get(subject_id=subject_id)
        request = request_open(
            request_type="erasure",
            channel="account",
            jurisdiction="EU",
            contact_email=user.email,
            actor=actor,
            subject_id=subject_id,
            verified_by="password",
        )
        return request.pk

    def erase(request_id: uuid.UUID) -> None:
        erasure_start(request_id=request_id, actor=actor)

    description = (
        "`candid.rights.services.erasure.erasure_start(request_id=...)` on a verified "
        "erasure request opened just before (untimed) with `request_open`; its queued "
        "part (`erasure_run`) goes to the database task queue and is not timed"
    )
    return description, prepare, erase


def erasure_subjects(sample: list[uuid.UUID], count: int) -> list[uuid.UUID]:
    """Return `count` sampled subjects whose key was never destroyed (the erasure half)."""
    from candid.vault.models import SubjectKey

    candidates = sample[1::2]
    destroyed = set(
        SubjectKey.objects.filter(
            subject_id__in=candidates, destroyed_at__isnull=False
        ).values_list("subject_id", flat=True)
    )
    fresh = [subject for subject in candidates if subject not in destroyed]
    if len(fresh) < count:
        raise SystemExit(
            f"only {len(fresh)} sampled subjects are left to erase; regenerate the data"
        )
    return random.Random(SEED).sample(fresh, count)


def measure_erasure(subjects: list[uuid.UUID]) -> dict:
    from candid.rights.exports import access_export_build

    description, prepare, erase = erasure_entry()
    walls, cpus = [], []
    timed, captured_subject = subjects[:-1], subjects[-1]
    for subject_id in timed:
        argument = prepare(subject_id)
        with Clock() as clock, request_scope():
            erase(argument)
        walls.append(clock.wall)
        cpus.append(clock.cpu)
    # One more subject, its queries captured to show each one's plan.
    argument = prepare(captured_subject)
    with _captured() as captured, request_scope():
        erase(argument)
    return {
        "what": description,
        "wall": walls,
        "cpu": cpus,
        "email_after": _email(access_export_build(subject_id=subjects[0])),
        "queries": statement_plans(captured),
    }


class _captured:
    """Capture the SQL run on every database while the block runs."""

    def __enter__(self) -> list[tuple[str, str]]:
        from django.db import connections
        from django.test.utils import CaptureQueriesContext

        self.contexts = [
            (alias, CaptureQueriesContext(connections[alias])) for alias in connections
        ]
        for _, context in self.contexts:
            context.__enter__()
        self.queries: list[tuple[str, str]] = []
        return self.queries

    def __exit__(self, *exc: object) -> None:
        for alias, context in self.contexts:
            context.__exit__(*exc)
            self.queries += [(alias, q["sql"]) for q in context.captured_queries]


def _statement(sql: str) -> str:
    """Return the statement of a captured query ("3 times: INSERT ..." for executemany)."""
    return re.sub(r"^\d+ times: ", "", sql.lstrip())


def _verb(sql: str) -> str:
    return _statement(sql).split(None, 1)[0].upper()


def _scanned_table(line: str) -> str:
    """Return the table a plan line scans ("SCAN t", "Seq Scan on t  (cost...")."""
    words = line.replace("->", "").split()
    return (words[words.index("on") + 1] if "on" in words else words[1]).strip('"')


def statement_plans(captured: list[tuple[str, str]]) -> list[dict]:
    """Return each captured SELECT, UPDATE or DELETE with its plan and any table scan.

    Each scan names the table and its rows: a scan of a table whose size does not
    grow with the clients (the one-row chain head, the published policy versions)
    is the planner's right choice, a scan of a client table is not.
    """
    from django.db import connections

    plans = []
    for alias, sql in captured:
        if _verb(sql) not in {"SELECT", "UPDATE", "DELETE"}:
            plans.append({"database": alias, "sql": sql, "plan": [], "scans": []})
            continue
        connection = connections[alias]
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("EXPLAIN QUERY PLAN " + _statement(sql))
                lines = [row[3] for row in cursor.fetchall()]
                scanned = [
                    line
                    for line in lines
                    if line.startswith("SCAN") and "INDEX" not in line
                ]
            else:
                cursor.execute("EXPLAIN " + _statement(sql))
                lines = [row[0].strip() for row in cursor.fetchall()]
                scanned = [line for line in lines if "Seq Scan" in line]
            scans = []
            for line in scanned:
                table = _scanned_table(line)
                cursor.execute(
                    f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}"  # noqa: S608
                )
                scans.append({"table": table, "rows": cursor.fetchone()[0]})
        plans.append({"database": alias, "sql": sql, "plan": lines, "scans": scans})
    return plans


def measure_data_set(
    backend: str, clients: int, *, access: int, erasures: int, generate: bool
) -> dict:
    from bench import rights_data

    rights_data.configure(backend, clients)
    from django.core.management import call_command
    from django.db import connection

    done = rights_data.marker()
    if done.get("phase") != "ready":
        if not generate:
            raise SystemExit(
                f"no {backend} data set of {clients:,} clients yet: run "
                f"`nice -n 19 .venv/bin/python -m bench.rights_data --backend {backend} "
                f"--clients {clients}` (or this benchmark with --generate)"
            )
        done = rights_data.generate(
            clients, log=lambda *a, **k: print(*a, file=sys.stderr, **k)
        )
    call_command("migrate", verbosity=0, skip_checks=True)
    call_command("migrate", database="keystore", verbosity=0, skip_checks=True)
    if "audit_verified" not in done:
        done = _verify_audit_chain(rights_data)
    sample = rights_data.sample_subjects()
    chosen = random.Random(SEED + clients).sample(sample[0::2], access + 5)
    warm, chosen = chosen[:5], chosen[5:]
    from candid.rights.exports import access_export_build

    for subject_id in warm:  # declaration parsed, data map built, connections open
        access_export_build(subject_id=subject_id)
    load_before = os.getloadavg()[0]
    figures = {
        "measured_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "backend": backend,
        "clients": int(done["clients"]),  # fewer if the data set was finished early
        "rows": json.loads(done["rows"]),
        "generated_wall_s": float(done.get("generated_wall_s", 0)),
        "generated_cpu_s": float(done.get("generated_cpu_s", 0)),
        "audit_verified": done["audit_verified"],
        "server": _server_version(connection),
        "plans": query_plans(chosen[0]),
        "access": measure_access(chosen),
    }
    if erasures:
        figures["erasure"] = measure_erasure(erasure_subjects(sample, erasures + 1))
    figures["load"] = (load_before, os.getloadavg()[0])
    return figures


def _verify_audit_chain(rights_data) -> dict[str, str]:
    """Verify the generated audit chain once and record the outcome in the marker."""
    from django.db import connection

    from candid.audit.verification import audit_verify

    with Clock() as clock:
        result = audit_verify()
    outcome = (
        f"{result.events_checked:,} events intact ({clock.wall / 1000:.1f} s)"
        if result.intact
        else f"BROKEN: {result.message}"
    )
    with connection.cursor() as cursor:
        rights_data._marker_set(cursor, "audit_verified", outcome)
    return rights_data.marker()


def _server_version(connection) -> str:
    if connection.vendor == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0]}"


# --- report (parent process) ------------------------------------------------------


TIMES = (
    "Data set", "Subjects", "Median (wall)", "p95 (wall)", "Max (wall)",
    "Median (CPU)", "p95 (CPU)",
)  # fmt: skip


def _header(*cells: str) -> list[str]:
    return ["| " + " | ".join(cells) + " |", "|" + "---|" * len(cells)]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _ms(values: list[float]) -> tuple[float, float, float]:
    return statistics.median(values), percentile(values, 0.95), max(values)


def _commit() -> str:
    """Return the commit of the candid package measured (its checkout's HEAD)."""
    import candid

    folder = Path(candid.__file__).resolve().parent
    done = subprocess.run(  # noqa: S603
        ["git", "-C", str(folder), "rev-parse", "--short", "HEAD"],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip() or "unknown"


def _machine() -> str:
    model = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    return f"{os.cpu_count()} CPUs (nproc), {model}, {platform.machine()}"


def met(results: list[dict], part: str, target: float) -> bool:
    """Return whether every data set of `results` (at least one) met the p95 target."""
    return bool(results) and all(
        part in figures and percentile(figures[part]["wall"], 0.95) < target
        for figures in results
    )


def _plan_summary(plan: dict) -> str:
    if plan["scans"]:
        return "**scan**: " + "; ".join(plan["scans"])
    searches = [
        line.removeprefix("->").strip().split("  (cost")[0]
        for line in plan["plan"]
        if line.startswith(("SEARCH", "(empty")) or "Index Scan" in line
    ]
    return "; ".join(searches) or "; ".join(plan["plan"])


def report(results: list[dict], *, today: dt.date, argv: list[str]) -> str:
    """Return the Rights section of bench/RESULTS.md."""
    import django

    by_key = {(f["backend"], f["clients"]): f for f in results}
    largest = max(f["clients"] for f in results)
    smallest = min(f["clients"] for f in results)
    big = [f for f in results if f["clients"] == largest]
    servers = ", ".join(sorted({f["server"] for f in results}))
    access_met = "met" if met(big, "access", ACCESS_TARGET_MS) else "MISSED"
    erasure_met = "met" if met(big, "erasure", ERASURE_TARGET_MS) else "MISSED"
    lines = [
        HEADING,
        "",
        f"Measured {today.isoformat()} on {_machine()}; Python {platform.python_version()},",
        f"Django {django.__version__}, {servers}. The machine was shared with other",
        "sessions' work (load average per data set below, on 2 CPUs), so wall-clock",
        "figures vary; the CPU column is the benchmark process's own CPU time",
        "(PostgreSQL's server-side work is in the wall time only).",
        f"Code at commit {_commit()}. Command: "
        f"`{' '.join(['.venv/bin/python -m bench.rights_bench', *argv])}`.",
        "",
        "Data sets, generated by `nice -n 19 .venv/bin/python -m bench.rights_data "
        "--backend {sqlite,postgresql} --clients N` (kept between runs):",
        "",
        *_header(
            "Data set",
            "Rows (main + key store)",
            "Generated in (wall / CPU of the generator)",
            "`audit_verify` of the generated chain",
            "Measured at (load average before / after)",
        ),
    ]
    for figures in results:
        rows = sum(figures["rows"].values())
        lines.append(
            f"| {figures['backend']}, {figures['clients']:,} clients | {rows:,} | "
            f"{figures['generated_wall_s']:,.0f} s / {figures['generated_cpu_s']:,.0f} s | "
            f"{figures['audit_verified']} | {figures['measured_at']} "
            f"({figures['load'][0]:.1f} / {figures['load'][1]:.1f}) |"
        )
    lines += [
        "",
        "Each client is a data subject with 20 rows on average in the real tables of",
        "the data map: Subject, data key (key store), User, Address, ClientSession,",
        "StoredSession, 2 Bookings, Gallery, 5 GalleryImages, 2 ConsentEvents,",
        "NoticeAcknowledgement, 2 AuditEvents (chained by the audit app's `chain_rows`),",
        "and one in ten clients each a print order (order, 2 lines, hand-off), a share",
        "link with 2 visits, a person shown with a model release, a portfolio entry.",
        "Every encrypted field (9.5 values per client on average) is sealed with the",
        "vault's `seal` under the client's own data key, with the field's own context,",
        "and every key is wrapped by the master key with the vault's `wrap`: nothing",
        "is precomputed, and each export below decrypts for real (the benchmark stops",
        "if an exported e-mail does not decrypt). Loading: executemany (SQLite) or COPY",
        "(PostgreSQL), one transaction per 10,000 clients, secondary indexes rebuilt",
        "after the load, at `nice -n 19`.",
        "",
        "Access export of one subject (`access_export_build(subject_id=...)`, the",
        "whole export as the download link builds it), for random subjects, each once",
        "(a different data key read from the key store and unwrapped every time).",
        "Both entry points are timed as a web request runs them: inside",
        "`declaration_request_scope` (the policy version in force read once):",
        "",
        *_header(*TIMES, "Rows per export", "Queries", "Target p95 < 200 ms"),
    ]
    for figures in results:
        access = figures["access"]
        wall, cpu = _ms(access["wall"]), _ms(access["cpu"])
        ok = "met" if wall[1] < ACCESS_TARGET_MS else "MISSED"
        lines.append(
            f"| {figures['backend']}, {figures['clients']:,} clients | {len(access['wall'])} | "
            f"{wall[0]:.1f} ms | {wall[1]:.1f} ms | {wall[2]:.1f} ms | {cpu[0]:.1f} ms | "
            f"{cpu[1]:.1f} ms | {statistics.median(access['rows']):.0f} | "
            f"{access['queries_default']} + key store | {ok} |"
        )
    erasures = [f for f in results if "erasure" in f]
    if erasures:
        lines += [
            "",
            f"Erasure, synchronous part: {erasures[0]['erasure']['what']}; each on a",
            "different subject never erased before (erasure destroys data, so every run",
            "takes fresh subjects from the sample):",
            "",
            *_header(*TIMES, "E-mail in an export afterwards", "Target p95 < 50 ms"),
        ]
        for figures in erasures:
            erasure = figures["erasure"]
            wall, cpu = _ms(erasure["wall"]), _ms(erasure["cpu"])
            ok = "met" if wall[1] < ERASURE_TARGET_MS else "MISSED"
            lines.append(
                f"| {figures['backend']}, {figures['clients']:,} clients | {len(erasure['wall'])} | "
                f"{wall[0]:.1f} ms | {wall[1]:.1f} ms | {wall[2]:.1f} ms | {cpu[0]:.1f} ms | "
                f"{cpu[1]:.1f} ms | {json.dumps(erasure['email_after'])} | {ok} |"
            )
    for figures in erasures:
        queries = figures["erasure"].get("queries", [])
        verbs: dict[str, int] = {}
        for query in queries:
            verb = _verb(query["sql"])
            verbs[verb] = verbs.get(verb, 0) + 1
        scans: dict[str, int] = {}
        for query in queries:
            for scan in query["scans"]:
                scans[scan["table"]] = scan["rows"]
        large = {table: rows for table, rows in scans.items() if rows >= SMALL_TABLE}
        shown = ", ".join(
            f"{table} ({rows:,} rows)" for table, rows in sorted(scans.items())
        )
        lines += [
            "",
            f"Statements of one erasure ({figures['backend']}, "
            f"{figures['clients']:,} clients): "
            + ", ".join(f"{n} {verb}" for verb, n in sorted(verbs.items()))
            + ". Every SELECT, UPDATE and DELETE explained: "
            + (
                "no table scan."
                if not scans
                else f"table scans only of tables that do not grow with the clients: {shown}."
                if not large
                else f"**table scans of large tables**: {shown}."
            ),
        ]
    growth = []
    for backend in BACKENDS:
        small, large = by_key.get((backend, smallest)), by_key.get((backend, largest))
        if small and large and small is not large:
            ratio = statistics.median(large["access"]["wall"]) / statistics.median(
                small["access"]["wall"]
            )
            growth.append(f"{backend} {ratio:.2f}x")
    lines += [
        "",
        f"Growth with other clients (median access export, {largest:,} vs "
        f"{smallest:,} clients): {', '.join(growth) or 'not measured'}.",
        f"Targets at {largest:,} clients: access export p95 < {ACCESS_TARGET_MS:.0f} ms "
        f"{access_met}; erasure synchronous part p95 < {ERASURE_TARGET_MS:.0f} ms {erasure_met}.",
        "",
        f"Query plans at {largest:,} clients, one query per model of the data map "
        "(EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL; the export reads the "
        "models marked *read*, the others hold no personal field):",
        "",
        "| Model (subject path) | Rows | SQLite | PostgreSQL |",
        "|---|---|---|---|",
    ]
    plans = {
        backend: {p["model"]: p for p in by_key[(backend, largest)]["plans"]}
        for backend in BACKENDS
        if (backend, largest) in by_key
    }
    models = sorted({model for per in plans.values() for model in per})
    for model in models:
        any_plan = next(per[model] for per in plans.values() if model in per)
        read = " *read*" if any_plan["exported"] else ""
        cells = [
            _plan_summary(plans[b][model]) if model in plans.get(b, {}) else "-"
            for b in BACKENDS
        ]
        lines.append(
            f"| {model} (`{any_plan['path']}`){read} | {any_plan['table_rows']:,} | "
            + " | ".join(c.replace("|", "/") for c in cells)
            + " |"
        )
    return "\n".join(lines) + "\n"


def run_child(backend: str, clients: int, arguments: argparse.Namespace) -> dict | None:
    """Measure one data set in a fresh process (Django is configured once per process)."""
    command = [
        sys.executable, "-m", "bench.rights_bench", "--child", f"{backend}:{clients}",
        "--subjects", str(arguments.subjects), "--erasures", str(arguments.erasures),
    ]  # fmt: skip
    if arguments.generate:
        command.append("--generate")
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [root, env.get("PYTHONPATH")]))
    done = subprocess.run(  # noqa: S603
        command, env=env, capture_output=True, text=True, check=False
    )
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT ") :])
    print(f"measuring {backend} with {clients:,} clients failed:", file=sys.stderr)
    sys.stderr.write(done.stdout + done.stderr)
    return None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    parser.add_argument(
        "--generate", action="store_true", help="generate missing data sets"
    )
    parser.add_argument(
        "--subjects", type=int, default=200, help="access exports per data set"
    )
    parser.add_argument(
        "--erasures", type=int, default=100, help="erasures per data set"
    )
    parser.add_argument("--backends", default=",".join(BACKENDS))
    parser.add_argument("--sizes", default=",".join(str(n) for n in SIZES))
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="report a data set's last figures (var/bench/) instead of measuring again",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    arguments = parser.parse_args(argv)
    if arguments.child:
        backend, clients = arguments.child.split(":")
        figures = measure_data_set(
            backend,
            int(clients),
            access=arguments.subjects,
            erasures=arguments.erasures,
            generate=arguments.generate,
        )
        print("RESULT " + json.dumps(figures))
        return 0
    results = []
    for backend in arguments.backends.split(","):
        for clients in (int(n) for n in arguments.sizes.split(",")):
            print(f"== rights: {backend}, {clients:,} clients", flush=True)
            cached = Path(str(CACHE).format(backend=backend, clients=clients))
            if arguments.reuse and cached.exists():
                results.append(json.loads(cached.read_text(encoding="utf-8")))
                continue
            figures = run_child(backend, clients, arguments)
            if figures is None:
                return 1
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_text(json.dumps(figures), encoding="utf-8")
            results.append(figures)
    shown = [a for a in argv if a != "--write"]
    section = report(
        results,
        today=dt.datetime.now(dt.UTC).date(),
        argv=[*shown, "--write"] if arguments.write else shown,
    )
    print(section)
    RAW.parent.mkdir(parents=True, exist_ok=True)
    RAW.write_text(json.dumps(results, indent=1), encoding="utf-8")
    if arguments.write:
        section_replace(section, heading=HEADING)
    ok = met(results, "access", ACCESS_TARGET_MS) and met(
        results, "erasure", ERASURE_TARGET_MS
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
