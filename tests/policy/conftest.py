import copy
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from candid.policy import DeclarationError, Problem, parse_declaration

CINETRUM = Path(__file__).resolve().parents[2] / "policies" / "cinetrum-studio.yaml"


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
