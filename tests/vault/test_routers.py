from django.db import router

import pytest

from candid.datamap.models import Subject
from candid.vault.models import SubjectKey
from candid.vault.routers import KeystoreRouter
from tests.vault.testapp.models import Contact


def test_data_keys_are_read_and_written_in_the_key_store() -> None:
    # when
    databases = (router.db_for_read(SubjectKey), router.db_for_write(SubjectKey))
    # then
    assert databases == ("keystore", "keystore")


@pytest.mark.parametrize("model", [Subject, Contact])
def test_every_other_model_stays_in_the_main_database(model: type) -> None:
    # when
    databases = (router.db_for_read(model), router.db_for_write(model))
    # then
    assert databases == ("default", "default")


@pytest.mark.parametrize(
    ("database", "app_label", "allowed"),
    [
        ("keystore", "vault", True),
        ("default", "vault", False),
        ("keystore", "datamap", False),
        ("keystore", "contenttypes", False),
        ("default", "datamap", None),
    ],
)
def test_only_the_vault_migrates_into_the_key_store(
    database: str, app_label: str, allowed: bool | None
) -> None:
    # when
    decision = KeystoreRouter().allow_migrate(database, app_label)
    # then
    assert decision is allowed


def test_no_relation_crosses_between_the_key_store_and_the_data() -> None:
    # given
    key, subject, other = SubjectKey(), Subject(), Subject()
    # when
    decisions = (
        KeystoreRouter().allow_relation(key, subject),
        KeystoreRouter().allow_relation(subject, key),
        KeystoreRouter().allow_relation(subject, other),
    )
    # then
    assert decisions == (False, False, None)
