"""The vault's errors.

Every failure to decrypt raises the same `DecryptionFailed`, whatever went wrong
(wrong key, flipped byte, swapped row, truncated file), as Fernet's `InvalidToken`
does: the error tells an attacker nothing about which check failed.
"""

from __future__ import annotations

from django.core.exceptions import FieldError


class VaultError(Exception):
    """Base of the vault's errors."""


class DecryptionFailed(VaultError):
    """The ciphertext cannot be decrypted and authenticated."""

    def __init__(self) -> None:
        super().__init__("The ciphertext cannot be decrypted.")


class SubjectErased(VaultError):
    """The subject's data key was destroyed: nothing can be encrypted or read for them."""


class EncryptedFieldError(VaultError):
    """An encrypted field was used in a way that would store or compare plaintext."""


class EncryptedLookupRefused(FieldError, EncryptedFieldError):
    """A query filtered on an encrypted field, whose stored values are ciphertexts."""
