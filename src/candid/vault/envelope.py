"""Seal and open values under a data subject's own key (envelope encryption).

The entry points other apps use to encrypt a value for a subject; the encrypted
model fields and encrypted files call them. See `candid.vault.crypto` for the format.
"""

from __future__ import annotations

from uuid import UUID

from django.views.decorators.debug import sensitive_variables

from candid.vault.cache import data_keys
from candid.vault.crypto import DataKey, seal, unseal
from candid.vault.selectors import subject_key_for_reading
from candid.vault.services import subject_key_create


def data_key_for_sealing(subject_id: UUID) -> DataKey:
    """Return the subject's key to encrypt with, creating it on first use.

    Raise SubjectErased if it was destroyed: nothing new is sealed for an erased subject.
    """
    key = data_keys.get(subject_id)
    if isinstance(key, DataKey):
        return key
    return subject_key_create(subject_id=subject_id)


def data_key_for_opening(subject_id: UUID) -> DataKey | None:
    """Return the subject's key to decrypt with, None if it was destroyed."""
    key = data_keys.get(subject_id)
    if isinstance(key, DataKey):
        return key
    return subject_key_for_reading(subject_id=subject_id)


@sensitive_variables("plaintext")
def encrypt_for_subject(*, subject_id: UUID, plaintext: bytes, context: bytes) -> bytes:
    """Return `plaintext` sealed under the subject's key, bound to `context`.

    `context` names where the value lives (see `crypto.field_context`); the same
    context is needed to decrypt it. Raise SubjectErased if the key was destroyed.
    """
    key = data_key_for_sealing(subject_id)
    return seal(key, plaintext=plaintext, context=context)


def decrypt_for_subject(
    *, subject_id: UUID, token: bytes, context: bytes
) -> bytes | None:
    """Return the plaintext of a sealed value, or None if the subject's key was destroyed.

    None means the value was crypto-shredded (erased). Any other failure (wrong
    context, altered bytes, unknown subject) raises DecryptionFailed.
    """
    key = data_key_for_opening(subject_id)
    if key is None:
        return None
    return unseal(key, token=token, context=context)
