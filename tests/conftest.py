from pathlib import Path

import pytest

POLICIES = Path(__file__).resolve().parents[1] / "policies"


@pytest.fixture
def policies_dir() -> Path:
    return POLICIES


@pytest.fixture
def cinetrum_source() -> str:
    return (POLICIES / "cinetrum-studio.yaml").read_text(encoding="utf-8")
