"""Keep the key store in its own database, and only the key store there."""

from __future__ import annotations

from typing import Any

from django.db import models

from candid.vault.conf import KEYSTORE_ALIAS, VAULT_APP_LABEL


def _is_vault(model: type[models.Model] | models.Model) -> bool:
    return model._meta.app_label == VAULT_APP_LABEL


class KeystoreRouter:
    """Route the vault's models to the `keystore` database and every other model away.

    Wrapped data keys and the data they protect live in different databases, backed
    up and restored apart, so that destroying a key also shreds every backup of the
    main database (crypto-shredding, RET-05).
    """

    def db_for_read(self, model: type[models.Model], **hints: Any) -> str | None:
        return KEYSTORE_ALIAS if _is_vault(model) else None

    def db_for_write(self, model: type[models.Model], **hints: Any) -> str | None:
        return KEYSTORE_ALIAS if _is_vault(model) else None

    def allow_relation(
        self, obj1: models.Model, obj2: models.Model, **hints: Any
    ) -> bool | None:
        # No foreign key may cross between the key store and the data.
        if _is_vault(obj1) != _is_vault(obj2):
            return False
        return None

    def allow_migrate(
        self, db: str, app_label: str, model_name: str | None = None, **hints: Any
    ) -> bool | None:
        if app_label == VAULT_APP_LABEL:
            return db == KEYSTORE_ALIAS
        if db == KEYSTORE_ALIAS:
            return False
        return None
