"""bench/RESULTS.md: each benchmark owns one `## ` section and replaces only it."""

from __future__ import annotations

from pathlib import Path

RESULTS = Path(__file__).with_name("RESULTS.md")


def section_replace(section: str, *, heading: str, path: Path = RESULTS) -> None:
    """Replace the section under `heading` (other sections stay as they are).

    The section runs from its heading line to the next `## ` heading; a heading
    not yet in the file is added at the end.
    """
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.strip() == heading), None)
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
