"""Subjects, staff and one-line consent decisions for the consent tests."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest

from candid.consent.models import ConsentEvent
from candid.consent.services import consent_grant, consent_withdraw
from candid.datamap.models import Subject

SHOWN = "Send me news about sessions and presets by e-mail. Unsubscribe at any time."


@pytest.fixture(autouse=True)
def own_counter_file(settings, tmp_path) -> None:
    """Give each test its own counter file and an empty gate cache."""
    settings.CANDID_CONSENT_GENERATION_FILE = tmp_path / "consent-generations"


@pytest.fixture
def subject_id(db) -> uuid.UUID:
    return Subject.objects.create().id


@pytest.fixture
def grant() -> Callable[..., ConsentEvent]:
    """Record a ticked checkbox in the privacy centre for one purpose."""

    def give(subject_id: uuid.UUID, purpose: str = "marketing_email") -> ConsentEvent:
        return consent_grant(
            subject_id=subject_id,
            purpose=purpose,
            surface="privacy_centre",
            mechanism="checkbox",
            text=SHOWN,
        )

    return give


@pytest.fixture
def withdraw() -> Callable[..., ConsentEvent]:
    """Record a withdrawal in the privacy centre, with nothing more than is needed."""

    def take_back(
        subject_id: uuid.UUID, purpose: str = "marketing_email"
    ) -> ConsentEvent:
        return consent_withdraw(
            subject_id=subject_id, purpose=purpose, surface="privacy_centre"
        )

    return take_back


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user(
        email="dana@studio.test", password="x", full_name="Dana Privacy", is_staff=True
    )
