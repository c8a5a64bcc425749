import uuid
from collections.abc import Callable, Iterator

from django.core import checks
from django.core.checks import Error
from django.db import models
from django.test import override_settings
from django.test.utils import isolate_apps

import pytest

from candid.vault.checks import Hints, Messages, keystore_database_problems
from candid.vault.fields import EncryptedTextField

ROUTER = "candid.vault.routers.KeystoreRouter"
DATA = {"ENGINE": "django.db.backends.postgresql", "NAME": "candid", "HOST": "db"}
KEYS = {**DATA, "NAME": "candid_keys"}


def _candid(messages: list) -> list:
    return [m for m in messages if m.id and m.id.startswith("candid.E1")]


def test_the_configured_project_passes_the_vault_checks() -> None:
    # when
    messages = checks.run_checks(tags=["security"])
    # then
    assert messages == []


def test_a_missing_master_key_stops_start_up() -> None:
    # given
    with override_settings(CANDID_MASTER_KEYS="", DEBUG=False, DEMO=False):
        # when
        messages = checks.run_checks(tags=["security"])
    # then
    assert messages == [
        Error(
            "The vault cannot encrypt or decrypt personal data: No vault master key: "
            "set CANDID_MASTER_KEYS (id:base64 of 32 bytes).",
            hint=Hints.MASTER_KEYS,
            id="candid.E101",
        )
    ]


def test_a_separate_key_store_with_its_router_passes() -> None:
    # when
    problems = keystore_database_problems(
        databases={"default": DATA, "keystore": KEYS}, routers=[ROUTER]
    )
    # then
    assert problems == []


def test_a_router_given_as_an_instance_counts() -> None:
    # given
    from candid.vault.routers import KeystoreRouter

    # when
    problems = keystore_database_problems(
        databases={"default": DATA, "keystore": KEYS}, routers=[KeystoreRouter()]
    )
    # then
    assert problems == []


def test_no_key_store_database_stops_start_up() -> None:
    # when
    problems = keystore_database_problems(databases={"default": DATA}, routers=[ROUTER])
    # then
    assert problems == [Error(Messages.NO_ALIAS, hint=Hints.NO_ALIAS, id="candid.E105")]


def test_no_key_store_router_stops_start_up() -> None:
    # when
    problems = keystore_database_problems(
        databases={"default": DATA, "keystore": KEYS}, routers=[]
    )
    # then
    assert problems == [
        Error(Messages.NO_ROUTER, hint=Hints.NO_ROUTER, id="candid.E106")
    ]


def test_a_key_store_in_the_data_database_stops_start_up() -> None:
    # when
    problems = keystore_database_problems(
        databases={"default": DATA, "keystore": dict(DATA)}, routers=[ROUTER]
    )
    # then
    assert problems == [
        Error(Messages.SAME_DATABASE, hint=Hints.SAME_DATABASE, id="candid.E107")
    ]


@pytest.fixture
def note_model() -> Iterator[Callable[..., type[models.Model]]]:
    """Make a throwaway model of the test app, known only to an isolated registry."""
    with isolate_apps("tests.vault.testapp"):

        def make(name: str = "Note", **fields: models.Field) -> type[models.Model]:
            meta = type("Meta", (), {"app_label": "vault_testapp"})
            attrs = {"__module__": __name__, "Meta": meta, **fields}
            return type(name, (models.Model,), attrs)

        yield make


def _uuid_pk() -> models.UUIDField:
    return models.UUIDField(primary_key=True, default=uuid.uuid4)


def test_an_encrypted_field_on_a_row_without_a_uuid_key_stops_start_up(
    note_model: Callable[..., type[models.Model]],
) -> None:
    # given
    note = note_model(
        subject_id=models.UUIDField(),
        body=EncryptedTextField(subject_field="subject_id"),
    )
    # when
    messages = _candid(note.check())
    # then
    assert messages == [
        Error(
            "vault_testapp.Note has an encrypted field, but its primary key is not a "
            "UUIDField with a default: a row needs its identity before its first save "
            "to be encrypted.",
            hint=Hints.PRIMARY_KEY,
            obj=note._meta.get_field("body"),
            id="candid.E102",
        )
    ]


@pytest.mark.parametrize(
    ("subject_field", "reason"),
    [
        ("owner", "does not exist"),
        ("title", "is neither a foreign key to Subject nor a UUIDField"),
        ("parent", "is a foreign key to a model without a UUID primary key"),
    ],
)
def test_an_encrypted_field_without_a_subject_id_stops_start_up(
    note_model: Callable[..., type[models.Model]], subject_field: str, reason: str
) -> None:
    # given
    parent = note_model("Parent")
    note = note_model(
        id=_uuid_pk(),
        title=models.CharField(max_length=10),
        parent=models.ForeignKey(parent, on_delete=models.CASCADE),
        body=EncryptedTextField(subject_field=subject_field),
    )
    # when
    messages = _candid(note.check())
    # then
    assert messages == [
        Error(
            f"vault_testapp.Note.body encrypts under the subject in '{subject_field}', "
            f"which {reason}.",
            hint=Hints.SUBJECT_FIELD,
            obj=note._meta.get_field("body"),
            id="candid.E103",
        )
    ]


def test_an_indexed_encrypted_field_stops_start_up(
    note_model: Callable[..., type[models.Model]],
) -> None:
    # given
    note = note_model(
        id=_uuid_pk(),
        subject_id=models.UUIDField(),
        body=EncryptedTextField(subject_field="subject_id", unique=True, db_index=True),
    )
    # when
    messages = _candid(note.check())
    # then
    assert messages == [
        Error(
            "vault_testapp.Note.body is encrypted with a random nonce, so it cannot be "
            "unique or indexed.",
            hint=Hints.INDEXED,
            obj=note._meta.get_field("body"),
            id="candid.E104",
        )
    ]


@pytest.mark.parametrize("subject_field", ["subject_id", "person"])
def test_a_well_formed_encrypted_field_passes(
    note_model: Callable[..., type[models.Model]], subject_field: str
) -> None:
    # given: a subject id, or a foreign key to a model with a UUID key (as Subject)
    person = note_model("Person", id=_uuid_pk())
    note = note_model(
        id=_uuid_pk(),
        subject_id=models.UUIDField(),
        person=models.ForeignKey(person, on_delete=models.PROTECT),
        body=EncryptedTextField(subject_field=subject_field),
    )
    # when
    messages = note.check()
    # then
    assert messages == []
