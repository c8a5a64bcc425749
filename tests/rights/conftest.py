"""Requests, staff and the declarations the rights tests run under."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from candid.audit.entries import Actor
from candid.consent.purposes import gate_reset
from candid.rights.services import request_open

POLICIES = Path(__file__).resolve().parents[2] / "policies"
NOW = dt.datetime(2026, 1, 15, 10, 0, tzinfo=dt.UTC)
SYSTEM = Actor.system("test")


@pytest.fixture(autouse=True)
def _fresh_gate():
    gate_reset()
    yield
    gate_reset()


@pytest.fixture
def studio_uk(settings):
    """Run under seed 002's declaration: 3D Studio Production, UK and EU."""
    settings.CANDID_POLICY_FILE = POLICIES / "3d-studio-production.yaml"


@pytest.fixture
def request_factory(db):
    def make(**overrides):
        values = {
            "request_type": "access",
            "channel": "email",
            "jurisdiction": "EU",
            "contact_email": "ana@example.com",
            "actor": SYSTEM,
            "received_at": NOW,
            "now": NOW,
        }
        values.update(overrides)
        return request_open(**values)

    return make


@pytest.fixture
def staff(db):
    from candid.accounts.services.accounts import account_create

    return account_create(
        email="dana@studio.example",
        password="correct horse battery staple",
        full_name="Dana Staff",
        is_staff=True,
    )
