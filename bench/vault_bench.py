"""Benchmark the vault: 50-byte field round trips per second, 10 MB file throughput.

    .venv/bin/python -m bench.vault_bench            # print the figures
    .venv/bin/python -m bench.vault_bench --write    # and update bench/RESULTS.md

One single-threaded process pinned to one core, on a throwaway data folder (master
key and key store in a temporary directory), with the subject's data key warm in
the process cache, as on a busy web worker. Rates are per second of the process's
CPU time (the machine may be shared); wall-clock rates are shown beside them.
Targets (issue 3): >= 100,000 field round trips/s, >= 300 MB/s for files.
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

FIELD_TARGET = 100_000
FILE_TARGET = 300.0
FILE_SIZE = 10 * 1024 * 1024
HEADING = "## Vault"
Rate = tuple[float, float]  # (per CPU second, per wall-clock second)


class Stopwatch:
    """Measure one run in CPU time and in wall-clock time."""

    def __enter__(self) -> Stopwatch:
        self.cpu, self.wall = time.process_time(), time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.cpu = time.process_time() - self.cpu
        self.wall = time.perf_counter() - self.wall

    def rate(self, amount: float) -> Rate:
        return amount / self.cpu, amount / self.wall


def _set_up(data_dir: Path) -> None:
    os.environ["CANDID_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "candid.settings.test")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", database="keystore", verbosity=0)


def field_round_trips(subject_id: uuid.UUID, rounds: int) -> Rate:
    """Return sealed-and-opened 50-byte values per second (the vault's field API)."""
    from candid.vault.crypto import field_context
    from candid.vault.envelope import decrypt_for_subject, encrypt_for_subject

    context = field_context(
        label="shop.order", field_name="email", pk=uuid.uuid4(), subject_id=subject_id
    )
    plaintext = b"a.client.with.a.long.name@studio.example.com 12345"[:50]
    with Stopwatch() as watch:
        for _ in range(rounds):
            token = encrypt_for_subject(
                subject_id=subject_id, plaintext=plaintext, context=context
            )
            decrypt_for_subject(subject_id=subject_id, token=token, context=context)
    return watch.rate(rounds)


def model_field_round_trips(subject_id: uuid.UUID, rounds: int) -> Rate:
    """Return model-field round trips per second: pre_save, then a fresh attribute read."""
    from tests.vault.testapp.models import Enquiry

    from candid.vault.fields import Ciphertext

    field = Enquiry._meta.get_field("message")
    row = Enquiry(subject_id=subject_id, message="x" * 50)
    with Stopwatch() as watch:
        for _ in range(rounds):
            row.__dict__["message"] = "x" * 50
            token = field.pre_save(row, add=True)
            row.__dict__["message"] = Ciphertext(token)
            _ = row.message
    return watch.rate(rounds)


def file_throughput(subject_id: uuid.UUID, folder: Path) -> tuple[Rate, Rate]:
    """Return (encrypt, decrypt) MB/s for a 10 MB file on disk (page cache)."""
    from candid.vault.files import decrypt_file, encrypt_file

    source, sealed, opened = (
        folder / "in.bin",
        folder / "sealed.bin",
        folder / "out.bin",
    )
    if not source.exists():
        source.write_bytes(os.urandom(FILE_SIZE))
    with source.open("rb") as src, sealed.open("wb") as dst, Stopwatch() as encrypting:
        encrypt_file(subject_id=subject_id, src=src, dst=dst)
    with sealed.open("rb") as src, opened.open("wb") as dst, Stopwatch() as decrypting:
        decrypt_file(subject_id=subject_id, src=src, dst=dst)
    megabytes = FILE_SIZE / 1_000_000
    return encrypting.rate(megabytes), decrypting.rate(megabytes)


def _summary(rates: list[Rate]) -> dict[str, float]:
    cpu = [rate[0] for rate in rates]
    wall = [rate[1] for rate in rates]
    return {
        "best": max(cpu),
        "median": statistics.median(cpu),
        "wall": statistics.median(wall),
    }


def measure(folder: Path) -> dict[str, dict[str, float]]:
    """Run every benchmark a few times and return best and median figures."""
    from candid.vault.services import subject_key_create

    subject_id = uuid.uuid4()
    subject_key_create(subject_id=subject_id)
    fields = [field_round_trips(subject_id, 100_000) for _ in range(7)]
    models = [model_field_round_trips(subject_id, 50_000) for _ in range(5)]
    files = [file_throughput(subject_id, folder) for _ in range(7)]
    return {
        "field": _summary(fields),
        "model": _summary(models),
        "encrypt": _summary([f[0] for f in files]),
        "decrypt": _summary([f[1] for f in files]),
    }


def _machine() -> str:
    model = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    return f"nproc {os.cpu_count()}, {model} ({platform.machine()})"


def _row(name: str, figures: dict[str, float], unit: str, target: float | None) -> str:
    def show(value: float) -> str:
        return f"{value:,.0f} {unit}"

    verdict = "information"
    if target is not None:
        met = "met" if figures["median"] >= target else "MISSED"
        verdict = f">= {target:,.0f} {unit}: {met}"
    return (
        f"| {name} | {show(figures['median'])} | {show(figures['best'])} "
        f"| {show(figures['wall'])} | {verdict} |"
    )


def report(figures: dict[str, dict[str, float]], *, today: dt.date) -> str:
    """Return the Vault section of bench/RESULTS.md."""
    import cryptography
    from cryptography.hazmat.backends.openssl import backend

    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    benchmarks = [
        ("50-byte field encrypt + decrypt (`encrypt_for_subject`, then "
         "`decrypt_for_subject`)", "field", "/s", FIELD_TARGET),
        ("same through the model field (`pre_save`, then a fresh attribute read; "
         "no database)", "model", "/s", None),
        ("10 MB file encrypt (`encrypt_file`, disk to disk, 64 KiB chunks)",
         "encrypt", "MB/s", FILE_TARGET),
        ("10 MB file decrypt (`decrypt_file`, disk to disk)",
         "decrypt", "MB/s", FILE_TARGET),
    ]  # fmt: skip
    rows = [
        _row(name, figures[key], unit, target) for name, key, unit, target in benchmarks
    ]
    return "\n".join(
        [
            HEADING,
            "",
            f"Measured {today.isoformat()} on {_machine()}; load average {load}.",
            f"Python {platform.python_version()}, cryptography "
            f"{cryptography.__version__} ({backend.openssl_version_text()}).",
            "One single-threaded process pinned to one core; the subject's data key "
            "warm in the process cache. Rates per second of CPU time (median and best "
            "of 5-7 runs), and the median per wall-clock second on the shared machine.",
            "Command: `.venv/bin/python -m bench.vault_bench --write`.",
            "",
            "| Benchmark | Median (CPU) | Best (CPU) | Median (wall) | Target |",
            "|---|---|---|---|---|",
            *rows,
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    arguments = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {max(os.sched_getaffinity(0))})
    with tempfile.TemporaryDirectory(prefix="candid-vault-bench-") as folder:
        _set_up(Path(folder))
        figures = measure(Path(folder))
    section = report(figures, today=dt.datetime.now(dt.UTC).date())
    print(section)
    if arguments.write:
        section_replace(section, heading=HEADING)
    return 0


if __name__ == "__main__":
    sys.exit(main())
