"""Small helpers that turn lists and keys into the policy's sentences."""

from __future__ import annotations

from candid.policy.schema import Declaration


def join(items: list[str], last: str = "and") -> str:
    """Return items as a phrase: "a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def capital(text: str) -> str:
    """Return `text` with its first letter in upper case, the rest as written."""
    return text[:1].upper() + text[1:]


def labels(d: Declaration, keys: list[str]) -> str:
    """Return the people-facing labels of data category keys, separated by semicolons."""
    return "; ".join(d.category(key).label for key in keys)
