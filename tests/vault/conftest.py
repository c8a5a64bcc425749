import base64
import json
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from django.test import override_settings

import pytest

from candid.datamap.models import Subject
from candid.vault.cache import data_keys
from candid.vault.keyring import master_keyring
from tests.vault.testapp.models import Contact

VECTORS = json.loads(Path(__file__).with_name("vectors.json").read_text("utf-8"))


def master_keys(*entries: tuple[str, bytes]) -> str:
    """Return a CANDID_MASTER_KEYS value for (id, 32 bytes) pairs."""
    return ",".join(
        f"{key_id}:{base64.b64encode(key).decode()}" for key_id, key in entries
    )


OLD_MASTER = ("old", b"o" * 32)
NEW_MASTER = ("new", b"n" * 32)


@pytest.fixture(autouse=True)
def _fresh_vault_caches() -> Iterator[None]:
    # Each test starts with no unwrapped key and re-reads the master keys.
    data_keys.clear()
    master_keyring.cache_clear()
    yield
    data_keys.clear()
    master_keyring.cache_clear()


@pytest.fixture
def old_master_key() -> Iterator[None]:
    with override_settings(CANDID_MASTER_KEYS=master_keys(OLD_MASTER)):
        yield


@pytest.fixture
def subject_factory(db: None) -> Callable[[], Subject]:
    def make() -> Subject:
        return Subject.objects.create()

    return make


@pytest.fixture
def contact_factory(subject_factory: Callable[[], Subject]) -> Callable[..., Contact]:
    def make(
        *,
        subject: Subject | None = None,
        email: str | None = "ada@example.com",
        notes: Any = None,
        label: str = "",
    ) -> Contact:
        return Contact.objects.create(
            subject=subject or subject_factory(),
            email=email,
            notes=notes,
            label=label,
        )

    return make


def fresh(contact: Contact) -> Contact:
    """Return the row as stored, read back from the database."""
    return Contact.objects.get(pk=contact.pk)


def random_subject_id() -> uuid.UUID:
    return uuid.uuid4()
