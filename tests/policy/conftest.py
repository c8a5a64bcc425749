import copy
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from candid.policy import DeclarationError, Problem, parse_declaration
from candid.policy.diff import item_identity

CINETRUM = Path(__file__).resolve().parents[2] / "policies" / "cinetrum-studio.yaml"
# Put in place of a list item by `changed` to remove it.
REMOVED = object()


@pytest.fixture(scope="session")
def cinetrum_raw() -> dict:
    return yaml.safe_load(CINETRUM.read_text(encoding="utf-8"))


@pytest.fixture
def problems_after(cinetrum_raw) -> Callable[[Callable[[dict], None]], list[Problem]]:
    """Break a copy of the Cinetrum declaration and return the problems it then has."""

    def run(mutate: Callable[[dict], None]) -> list[Problem]:
        raw = copy.deepcopy(cinetrum_raw)
        mutate(raw)
        with pytest.raises(DeclarationError) as caught:
            parse_declaration(
                yaml.safe_dump(raw, sort_keys=False), source="broken.yaml"
            )
        return caught.value.problems

    return run


def find(raw_list: list[dict], key: str) -> dict:
    return next(item for item in raw_list if item.get("key") == key)


def messages(problems: list[Problem]) -> list[tuple[str, str]]:
    return [(p.path, p.message) for p in problems]


def changed(node: Any, path: str, value: Any) -> Any:
    """Return a copy of `node` with the value at `path` (`purposes[analytics].name`) set."""
    steps = re.findall(r"(\w+)(?:\[([^\]]+)\])?", path)
    return _changed(node, steps, value)


def _changed(node: Any, steps: list[tuple[str, str]], value: Any) -> Any:
    (name, key), rest = steps[0], steps[1:]
    current = getattr(node, name)
    if key:
        new = [
            (_changed(item, rest, value) if rest else value)
            if item_identity(item.model_dump(mode="json")) == key
            else item
            for item in current
        ]
        new = [item for item in new if item is not REMOVED]
    else:
        new = _changed(current, rest, value) if rest else value
    return node.model_copy(update={name: new})
