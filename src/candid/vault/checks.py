"""Start-up checks of the vault: keys configured, key store apart, fields well formed.

The vault owns candid.E101-E119 and W101-W109; ids are never reused.

| Id          | Meaning                                                                  |
|-------------|--------------------------------------------------------------------------|
| candid.E101 | The master keys are missing or malformed.                                |
| candid.E102 | A model with an encrypted field has no UUID primary key with a default.  |
| candid.E103 | An encrypted field's subject_field names no subject id on its model.     |
| candid.E104 | An encrypted field is unique or indexed (ciphertexts cannot be).         |
| candid.E105 | DATABASES has no "keystore" alias.                                       |
| candid.E106 | KeystoreRouter is not in DATABASE_ROUTERS.                               |
| candid.E107 | The key store is the same database as the data it protects.              |
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models

from candid.vault.conf import KEYSTORE_ALIAS
from candid.vault.keyring import master_keyring

ROUTER = "candid.vault.routers.KeystoreRouter"


class Messages:
    MASTER_KEYS = "The vault cannot encrypt or decrypt personal data: {reason}"
    PRIMARY_KEY = (
        "{model} has an encrypted field, but its primary key is not a UUIDField with "
        "a default: a row needs its identity before its first save to be encrypted."
    )
    SUBJECT_FIELD = (
        "{field} encrypts under the subject in '{subject_field}', which {reason}."
    )
    INDEXED = "{field} is encrypted with a random nonce, so it cannot be {what}."
    NO_ALIAS = 'DATABASES has no "keystore" alias: the data keys have nowhere to live.'
    NO_ROUTER = (
        "KeystoreRouter is not installed: data keys would be stored next to the data "
        "they protect, and a backup would hold both."
    )
    SAME_DATABASE = (
        "The key store is the same database as the data: a backup of one holds the "
        "other, so destroying a key would not erase the backup."
    )


class Hints:
    MASTER_KEYS = (
        "Set CANDID_MASTER_KEYS=id:<base64 of 32 random bytes> (CANDID_DEMO=1 "
        "generates one for the demo)."
    )
    PRIMARY_KEY = "Add id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)."
    SUBJECT_FIELD = (
        "Point subject_field at a ForeignKey to Subject or a UUIDField holding the "
        "subject id."
    )
    INDEXED = "Remove unique/db_index; look rows up by another field."
    NO_ALIAS = (
        'Add DATABASES["keystore"] (a separate SQLite file, or CANDID_KEYSTORE_URL).'
    )
    NO_ROUTER = f'Add "{ROUTER}" to DATABASE_ROUTERS.'
    SAME_DATABASE = "Give CANDID_KEYSTORE_URL its own database."


def check_master_keys(
    app_configs: Iterable[AppConfig] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """Refuse to start without usable master keys (candid.E101)."""
    try:
        master_keyring()
    except ImproperlyConfigured as error:
        return [
            Error(
                Messages.MASTER_KEYS.format(reason=error),
                hint=Hints.MASTER_KEYS,
                id="candid.E101",
            )
        ]
    return []


def check_keystore_database(
    app_configs: Iterable[AppConfig] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """Refuse to start unless the key store is its own database (candid.E105-E107)."""
    return keystore_database_problems(
        databases=settings.DATABASES, routers=settings.DATABASE_ROUTERS
    )


def keystore_database_problems(
    *, databases: dict[str, dict[str, Any]], routers: Iterable[Any]
) -> list[CheckMessage]:
    """Return what keeps the key store from living apart from the data it protects."""
    if KEYSTORE_ALIAS not in databases:
        return [Error(Messages.NO_ALIAS, hint=Hints.NO_ALIAS, id="candid.E105")]
    errors: list[CheckMessage] = []
    if ROUTER not in [_router_path(router) for router in routers]:
        errors.append(Error(Messages.NO_ROUTER, hint=Hints.NO_ROUTER, id="candid.E106"))
    if _same_database(databases["default"], databases[KEYSTORE_ALIAS]):
        errors.append(
            Error(Messages.SAME_DATABASE, hint=Hints.SAME_DATABASE, id="candid.E107")
        )
    return errors


def _router_path(router: Any) -> str:
    if isinstance(router, str):
        return router
    cls = router if isinstance(router, type) else type(router)
    return f"{cls.__module__}.{cls.__qualname__}"


def _same_database(default: dict[str, Any], keystore: dict[str, Any]) -> bool:
    def place(database: dict[str, Any]) -> tuple[str, ...]:
        keys = ("ENGINE", "NAME", "HOST", "PORT")
        return tuple(str(database.get(key) or "") for key in keys)

    return place(default) == place(keystore)


def check_encrypted_field(field: models.Field) -> list[CheckMessage]:
    """Check one encrypted field's model and options (candid.E102-E104)."""
    return [
        *_check_primary_key(field),
        *_check_subject_field(field),
        *_check_not_indexed(field),
    ]


def _check_primary_key(field: models.Field) -> list[CheckMessage]:
    pk = field.model._meta.pk
    if isinstance(pk, models.UUIDField) and pk.has_default():
        return []
    message = Messages.PRIMARY_KEY.format(model=field.model._meta.label)
    return [Error(message, hint=Hints.PRIMARY_KEY, obj=field, id="candid.E102")]


def _check_subject_field(field: models.Field) -> list[CheckMessage]:
    name = getattr(field, "subject_field", "")
    try:
        target = field.model._meta.get_field(name)
    except FieldDoesNotExist:
        reason = "does not exist"
    else:
        reason = _subject_field_problem(target)
    if reason is None:
        return []
    message = Messages.SUBJECT_FIELD.format(
        field=f"{field.model._meta.label}.{field.name}",
        subject_field=name,
        reason=reason,
    )
    return [Error(message, hint=Hints.SUBJECT_FIELD, obj=field, id="candid.E103")]


def _subject_field_problem(target: Any) -> str | None:
    if target.many_to_one or target.one_to_one:
        related_pk = target.related_model._meta.pk
        if isinstance(related_pk, models.UUIDField):
            return None
        return "is a foreign key to a model without a UUID primary key"
    if isinstance(target, models.UUIDField):
        return None
    return "is neither a foreign key to Subject nor a UUIDField"


def _check_not_indexed(field: models.Field) -> list[CheckMessage]:
    what = [
        word
        for word, flag in (
            ("a primary key", field.primary_key),
            ("unique", field.unique),
            ("indexed", field.db_index),
        )
        if flag
    ]
    if not what:
        return []
    message = Messages.INDEXED.format(
        field=f"{field.model._meta.label}.{field.name}", what=" or ".join(what)
    )
    return [Error(message, hint=Hints.INDEXED, obj=field, id="candid.E104")]
