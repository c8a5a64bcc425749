"""What changed between two versions of a declaration, and which changes are significant.

A significant change is one people must be told about before it takes effect
(REQUIREMENTS NOT-03): more data, more uses, more recipients, weaker transfers,
longer retention, fewer rights. Consent purposes whose scope widened are listed
apart, because consent given to the old scope does not cover the new one.

`candid.policy.diff_rules` and `diff_terms` hold the rules that recognise each kind
of change and say whether it is significant; every
other difference (wording, contact details, version and date) is listed here as a
change that is not significant, so nothing that changed goes unmentioned.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from candid.policy.schema import Declaration

_MISSING: Any = object()
# The field that tells items of a list apart, tried in this order; lists of plain
# values are compared whole.
_IDENTITY_FIELDS = ("key", "code", "src", "name", "kind")


@dataclass(frozen=True)
class Change:
    """One difference between two declarations.

    `kind` is a stable code (`purpose_added`, `retention_longer`), `path` says where
    in the declaration (`purposes[marketing_email].data_categories`), `summary` is
    a plain sentence for people, and `purposes` names the purposes whose scope the
    change widens.
    """

    kind: str
    path: str
    summary: str
    significant: bool
    purposes: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "path": self.path,
            "summary": self.summary,
            "significant": self.significant,
            "purposes": list(self.purposes),
        }


@dataclass(frozen=True)
class PolicyDiff:
    """Every change between two declarations, significant ones first."""

    changes: tuple[Change, ...]
    consent_purposes_changed: tuple[str, ...] = field(default=())

    @property
    def significant(self) -> bool:
        """Say whether people must be told before the new version takes effect."""
        return any(change.significant for change in self.changes)

    def as_json(self) -> list[dict[str, Any]]:
        """Return the changes as plain data, for `PolicyVersion.changes`."""
        return [change.as_json() for change in self.changes]

    def as_text(self) -> str:
        """Return the changes as lines a person reads (`candid policy diff`)."""
        if not self.changes:
            return "No changes."
        lines: list[str] = []
        for heading, significant in (("Significant", True), ("Other", False)):
            group = [c for c in self.changes if c.significant is significant]
            if group:
                lines.append(f"{heading} changes ({len(group)}):")
                lines.extend(f"  - {c.summary} [{c.path}]" for c in group)
        if self.consent_purposes_changed:
            keys = ", ".join(self.consent_purposes_changed)
            lines.append(f"Ask for fresh consent to: {keys}")
        return "\n".join(lines)


def diff_declarations(old: Declaration, new: Declaration) -> PolicyDiff:
    """Return what changed from `old` to `new`, and whether people must be told (NOT-03)."""
    # The rules import `Change` from here, so they are imported when first needed.
    from candid.policy import diff_rules, diff_terms

    specific = [
        change
        for rule in (*diff_rules.RULES, *diff_terms.RULES)
        for change in rule(old, new)
    ]
    covered = [change.path for change in specific]
    other = [
        change
        for change in _other_changes(old, new)
        if not any(_within(change.path, path) for path in covered)
    ]
    changes = sorted(specific, key=lambda c: not c.significant) + other
    return PolicyDiff(
        changes=tuple(changes),
        consent_purposes_changed=_consent_purposes(old, new, specific),
    )


def _consent_purposes(
    old: Declaration, new: Declaration, changes: list[Change]
) -> tuple[str, ...]:
    """Return consent purposes, in both versions, that a significant change widens."""
    before = {p.key for p in old.purposes if p.needs_consent}
    after = [p.key for p in new.purposes if p.needs_consent and p.key in before]
    widened = {key for c in changes if c.significant for key in c.purposes}
    return tuple(key for key in after if key in widened)


def _within(path: str, covering: str) -> bool:
    if path == covering:
        return True
    return path.startswith((covering + ".", covering + "["))


def _other_changes(old: Declaration, new: Declaration) -> Iterator[Change]:
    before = old.model_dump(mode="json")
    after = new.model_dump(mode="json")
    for path, was, now in _walk(before, after, ""):
        yield _plain_change(path, was, now)


def _plain_change(path: str, was: Any, now: Any) -> Change:
    where = _where(path)
    if was is _MISSING or (was is None and isinstance(now, dict)):
        return Change("item_added", path, f"Added {where}.", significant=False)
    if now is _MISSING or (now is None and isinstance(was, dict)):
        return Change("item_removed", path, f"Removed {where}.", significant=False)
    if _is_prose(was) or _is_prose(now):
        return Change("reworded", path, f"Reworded {where}.", significant=False)
    summary = f"Changed {where} from {_show(was)} to {_show(now)}."
    return Change("detail_changed", path, summary, significant=False)


def _where(path: str) -> str:
    head, dot, name = path.rpartition(".")
    if not dot or "[" in name:
        return path
    return f"the {name.replace('_', ' ')} of {head}"


def _is_prose(value: Any) -> bool:
    """Say whether a value is text written for people, rather than a code or a date."""
    return isinstance(value, str) and any(char.isspace() for char in value)


def _show(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(str(item) for item in value) + "]"
    return "none" if value is None else str(value)


def _walk(was: Any, now: Any, path: str) -> Iterator[tuple[str, Any, Any]]:
    """Yield (path, old value, new value) for every difference, by item identity."""
    if was == now:
        return
    if isinstance(was, dict) and isinstance(now, dict):
        for name in [*was, *(k for k in now if k not in was)]:
            child = f"{path}.{name}" if path else name
            yield from _walk(was.get(name, _MISSING), now.get(name, _MISSING), child)
        return
    was_items, now_items = _by_identity(was), _by_identity(now)
    if was_items is None or now_items is None:
        yield path, was, now
        return
    for name in [*was_items, *(k for k in now_items if k not in was_items)]:
        yield from _walk(
            was_items.get(name, _MISSING),
            now_items.get(name, _MISSING),
            f"{path}[{name}]",
        )


def _by_identity(value: Any) -> dict[str, Any] | None:
    """Return a list of items keyed by what tells them apart, or None if it is no such list."""
    if not isinstance(value, list) or not value:
        return None
    if not all(isinstance(item, dict) for item in value):
        return None
    items: dict[str, Any] = {}
    for item in value:
        name = item_identity(item)
        while name in items:
            name += "+"
        items[name] = item
    return items


def item_identity(item: dict[str, Any]) -> str:
    """Return what tells a list item apart: its key, code, script address or name.

    Retention rules have none of these: they are told apart by their category, or
    by their record type (`record:invoice`).
    """
    for name in _IDENTITY_FIELDS:
        if item.get(name):
            return str(item[name])
    if item.get("category"):
        return str(item["category"])
    return f"record:{item.get('record')}"
