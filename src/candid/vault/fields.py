"""Model fields that store a value encrypted under its data subject's own key.

    class Client(models.Model):
        id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
        subject = models.ForeignKey("datamap.Subject", on_delete=models.PROTECT)
        email = EncryptedTextField(subject_field="subject", null=True)

The column holds `base64(sealed value)` (see `candid.vault.crypto`), sealed with the
row's identity (model label, field name, primary key, subject id) as associated data,
so a ciphertext copied to another row, field or subject does not decrypt. The row
needs its primary key before the first save: a `UUIDField(primary_key=True,
default=uuid4)` (candid.E102).

Reading: Django's `from_db_value` has no row, so the column is kept as a
`Ciphertext` and decrypted on first attribute access (then cached on the instance).
A value whose subject's key was destroyed reads as None: it is erased. A tampered
value raises DecryptionFailed. `values()` and `values_list()` return the Ciphertext.

Writing: `save()` seals the current value. `QuerySet.update()` and `bulk_update()`
have no row to bind the value to, so they may only set the field to None. Filters
other than `isnull` (and `=None`) are refused: the stored values are ciphertexts.
"""

from __future__ import annotations

import binascii
import json
import uuid
from typing import Any

from django import forms
from django.core import checks
from django.db import models
from django.db.models import signals
from django.db.models.lookups import Exact
from django.db.models.query_utils import DeferredAttribute
from django.utils.functional import cached_property
from django.views.decorators.debug import sensitive_variables

from candid.vault.crypto import field_context_prefix, seal, unseal
from candid.vault.envelope import data_key_for_opening, data_key_for_sealing
from candid.vault.exceptions import (
    DecryptionFailed,
    EncryptedFieldError,
    EncryptedLookupRefused,
)

Identity = tuple[uuid.UUID, uuid.UUID]  # (row primary key, subject id)
_LOADED_AS = "_vault_loaded_as"


class Ciphertext(str):
    """A stored, still encrypted value: base64 of a sealed value, as in the column."""

    __slots__ = ()


def _as_uuid(value: Any) -> uuid.UUID:
    return value if type(value) is uuid.UUID else uuid.UUID(str(value))


class EncryptedAttribute(DeferredAttribute):
    """Decrypt the stored value on first access and keep the plaintext on the row."""

    field: EncryptedTextField

    def __get__(self, instance: models.Model | None, cls: Any = None) -> Any:
        if instance is None:
            return self
        try:
            value = instance.__dict__[self.field.attname]
        except KeyError:  # deferred: Django loads it
            value = super().__get__(instance, cls)
        if type(value) is Ciphertext:
            value = self.field.open(instance, value)
            instance.__dict__[self.field.attname] = value
        return value

    def __set__(self, instance: models.Model, value: Any) -> None:
        instance.__dict__[self.field.attname] = value


class _ExactNoneOnly(Exact):
    """`field=None` (turned into `isnull` by Django); any other value is refused."""

    def __init__(self, lhs: Any, rhs: Any) -> None:
        if rhs is not None:
            raise lhs.output_field.refusal("exact")
        super().__init__(lhs, rhs)


class EncryptedTextField(models.TextField):
    """A text field encrypted with AES-256-GCM under the row's subject key (SEC-04)."""

    encrypted = True
    descriptor_class = EncryptedAttribute
    description = "Text encrypted under its data subject's key"

    def __init__(self, *args: Any, subject_field: str = "subject", **kwargs: Any):
        self.subject_field = subject_field
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        if self.subject_field != "subject":
            kwargs["subject_field"] = self.subject_field
        return name, path, args, kwargs

    def contribute_to_class(self, cls: type[models.Model], name: str, **kwargs: Any):
        super().contribute_to_class(cls, name, **kwargs)
        signals.post_init.connect(self._remember_loaded_identity, sender=cls)

    # Plaintext <-> bytes; EncryptedJSONField overrides these two.
    def encode(self, value: Any) -> bytes:
        return str(value).encode()

    def decode(self, plaintext: bytes) -> Any:
        return plaintext.decode()

    # Reading and writing.
    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        return None if value is None else Ciphertext(value)

    @sensitive_variables()
    def open(self, instance: models.Model, token: Ciphertext) -> Any:
        """Return the plaintext of the stored `token`, None if its key was destroyed."""
        identity = self._loaded_identity(instance) or self.identity(instance)
        if identity is None:
            raise DecryptionFailed
        try:
            sealed = binascii.a2b_base64(token, strict_mode=True)
        except ValueError:  # binascii.Error, or a str that is not ASCII
            raise DecryptionFailed from None
        key = data_key_for_opening(identity[1])
        if key is None:
            return None
        return self.decode(unseal(key, token=sealed, context=self._context(identity)))

    @sensitive_variables()
    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = model_instance.__dict__.get(self.attname)
        if value is None:
            return None
        identity = self.identity(model_instance)
        if identity is None:
            raise EncryptedFieldError(
                f"{self._label} cannot be encrypted before its row has a primary key "
                f"and '{self.subject_field}' is set."
            )
        if isinstance(value, Ciphertext):
            if self._loaded_identity(model_instance) == identity:
                return value
            value = self.open(model_instance, value)
            if value is None:
                return None
        return self._seal(identity, value)

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False):
        if value is None or isinstance(value, Ciphertext):
            return value
        raise EncryptedFieldError(
            f"{self._label} is encrypted per row when the row is saved: "
            "QuerySet.update() and bulk_update() can only set it to None."
        )

    def identity(self, instance: models.Model) -> Identity | None:
        """Return (primary key, subject id) of the row, None while either is unset."""
        pk = getattr(instance, self._pk_attname)
        subject_id = getattr(instance, self._subject_attname)
        if pk is None or subject_id is None:
            return None
        return _as_uuid(pk), _as_uuid(subject_id)

    def _seal(self, identity: Identity, value: Any) -> Ciphertext:
        key = data_key_for_sealing(identity[1])
        sealed = seal(
            key, plaintext=self.encode(value), context=self._context(identity)
        )
        return Ciphertext(binascii.b2a_base64(sealed, newline=False).decode("ascii"))

    def _context(self, identity: Identity) -> bytes:
        # Same bytes as crypto.field_context(): prefix, then pk.bytes + subject.bytes.
        pk, subject_id = identity
        ids = (pk.int << 128) | subject_id.int
        return self._context_prefix + ids.to_bytes(32, "big")

    @cached_property
    def _context_prefix(self) -> bytes:
        return field_context_prefix(
            label=self.model._meta.label_lower, field_name=self.attname
        )

    def _remember_loaded_identity(self, instance: models.Model, **kwargs: Any) -> None:
        # The row may get another subject or key before the value is read; the
        # stored ciphertext stays bound to the identity it was loaded with.
        if isinstance(instance.__dict__.get(self.attname), Ciphertext):
            loaded = instance.__dict__.setdefault(_LOADED_AS, {})
            loaded[self.attname] = self.identity(instance)

    def _loaded_identity(self, instance: models.Model) -> Identity | None:
        loaded = instance.__dict__.get(_LOADED_AS)
        return loaded.get(self.attname) if loaded else None

    @cached_property
    def _subject_attname(self) -> str:
        return self.model._meta.get_field(self.subject_field).attname

    @cached_property
    def _pk_attname(self) -> str:
        return self.model._meta.pk.attname

    @property
    def _label(self) -> str:
        return f"{self.model._meta.label}.{self.name}"

    # Queries: ciphertexts cannot be compared.
    def refusal(self, lookup_name: str) -> EncryptedLookupRefused:
        return EncryptedLookupRefused(
            f"{self._label} is encrypted, so '{lookup_name}' cannot compare its stored "
            "values; only isnull (or =None) is allowed. Filter on another field, or "
            "load the rows and compare the decrypted values in Python."
        )

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)
        if lookup_name == "exact":
            return _ExactNoneOnly
        raise self.refusal(lookup_name)

    def get_transform(self, name: str) -> Any:
        raise self.refusal(name)

    # Start-up checks (candid.E102-E104).
    def check(self, **kwargs: Any) -> list[checks.CheckMessage]:
        from candid.vault.checks import check_encrypted_field

        return [*super().check(**kwargs), *check_encrypted_field(self)]


class EncryptedJSONField(EncryptedTextField):
    """A JSON value encrypted with AES-256-GCM under the row's subject key (SEC-04)."""

    description = "JSON encrypted under its data subject's key"

    def encode(self, value: Any) -> bytes:
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()

    def decode(self, plaintext: bytes) -> Any:
        return json.loads(plaintext)

    def to_python(self, value: Any) -> Any:
        return value

    def value_to_string(self, obj: models.Model) -> Any:
        return self.value_from_object(obj)

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(**{"form_class": forms.JSONField, **kwargs})
