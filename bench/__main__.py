"""Run every benchmark: `python -m bench [--write]` (`make bench`).

Each benchmark prints its figures; with --write each also records them in
bench/RESULTS.md under its own heading.
"""

import sys

from bench import audit_bench, consent_bench, retention_bench, rights_bench, vault_bench

BENCHMARKS = (vault_bench, consent_bench, audit_bench, rights_bench, retention_bench)


def main(argv: list[str]) -> int:
    failures = 0
    for module in BENCHMARKS:
        print(f"== {module.__name__}", flush=True)
        failures += module.main(argv) != 0
    return 1 if failures else 0


raise SystemExit(main(sys.argv[1:]))
