"""What every check shares: the shape of a problem found, and two small finders."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from candid.policy import taxonomy

Path = tuple[str | int, ...]
Found = Iterator[tuple[Path, str]]


def duplicates(keys: Iterable[str]) -> list[str]:
    """Return the keys that occur more than once, sorted so problems come in a stable order."""
    return sorted(key for key, count in Counter(keys).items() if count > 1)


def unknown_key(key: str, vocabulary: frozenset[str], kind: str) -> str:
    """Return the message for a key fideslang lacks, naming the nearest valid keys."""
    close = taxonomy.nearest(key, vocabulary)
    hint = f"; nearest valid keys: {', '.join(close)}" if close else ""
    return f"'{key}' is not a fideslang {kind}{hint}"
