"""AES-256-GCM primitives of the vault: sealed values and wrapped data keys.

Pure functions over keys and bytes, without Django, so known-answer vectors can
test them (tests/vault/vectors.json). Randomness is injectable (`nonce=`).

A sealed value (format version 1) is

    version (1 byte, 0x01) | key version (4 bytes, big-endian) | nonce (12 bytes)
    | AES-256-GCM ciphertext and 16-byte tag

and is authenticated with `version | key version | context` as associated data. The
context names what the value is (for a field: model label, field name, row primary
key and subject id), so a ciphertext copied to another row, field or subject fails
to decrypt. A wrapped data key is `nonce (12) | ciphertext and tag (48)` under a
master key, with the master key id, the subject id and the key version as associated
data, so a wrapped key copied to another subject's row fails to unwrap.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass, field
from uuid import UUID

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from candid.vault.exceptions import DecryptionFailed

FORMAT_VERSION = 1
KEY_SIZE = 32
NONCE_SIZE = 12
TAG_SIZE = 16
_HEADER = struct.Struct(">BI")
HEADER_SIZE = _HEADER.size
OVERHEAD = HEADER_SIZE + NONCE_SIZE + TAG_SIZE
_BODY = HEADER_SIZE + NONCE_SIZE
_FIELD_DOMAIN = b"candid.vault.field.v1\x00"
_WRAP_DOMAIN = b"candid.vault.data-key.v1\x00"


@dataclass(frozen=True, slots=True)
class DataKey:
    """One subject's unwrapped data key; its repr never shows the key.

    `header` starts every value it seals: the format version and the key version.
    """

    subject_id: UUID
    version: int
    material: bytes = field(repr=False)
    aead: AESGCM = field(repr=False, compare=False)
    header: bytes = field(repr=False, compare=False)

    @classmethod
    def from_material(
        cls, *, subject_id: UUID, version: int, material: bytes
    ) -> DataKey:
        """Return the data key for raw key bytes (32 bytes, AES-256)."""
        header = _HEADER.pack(FORMAT_VERSION, version)
        return cls(subject_id, version, material, AESGCM(material), header)


@dataclass(frozen=True, slots=True)
class MasterKey:
    """A master key and its id; its repr never shows the key."""

    id: str
    aead: AESGCM = field(repr=False, compare=False)


def new_key_material() -> bytes:
    """Return 32 fresh random bytes for an AES-256 key."""
    return os.urandom(KEY_SIZE)


def field_context_prefix(*, label: str, field_name: str) -> bytes:
    """Return the part of a field's associated data that names the model and field."""
    return _FIELD_DOMAIN + f"{label}\x00{field_name}\x00".encode()


def field_context(*, label: str, field_name: str, pk: UUID, subject_id: UUID) -> bytes:
    """Return the associated data that names one field of one row of one subject.

    Labels and field names never contain NUL, and the ids have a fixed size, so two
    different identities never give the same bytes.
    """
    prefix = field_context_prefix(label=label, field_name=field_name)
    return prefix + pk.bytes + subject_id.bytes


def seal(
    key: DataKey, *, plaintext: bytes, context: bytes, nonce: bytes | None = None
) -> bytes:
    """Encrypt and authenticate `plaintext` for `context` under a subject's key."""
    header = key.header
    nonce = os.urandom(NONCE_SIZE) if nonce is None else nonce
    return header + nonce + key.aead.encrypt(nonce, plaintext, header + context)


def unseal(key: DataKey, *, token: bytes, context: bytes) -> bytes:
    """Decrypt a sealed value for `context`, or raise DecryptionFailed.

    A token of another format version or key version, or too short to hold a
    nonce and a tag, fails like any altered token.
    """
    header = key.header
    if len(token) < OVERHEAD or token[:HEADER_SIZE] != header:
        raise DecryptionFailed
    try:
        return key.aead.decrypt(
            token[HEADER_SIZE:_BODY], token[_BODY:], header + context
        )
    except InvalidTag:
        raise DecryptionFailed from None


def _wrap_context(*, master_key_id: str, subject_id: UUID, version: int) -> bytes:
    return (
        _WRAP_DOMAIN
        + f"{master_key_id}\x00".encode()
        + subject_id.bytes
        + version.to_bytes(4, "big")
    )


def wrap(master: MasterKey, key: DataKey, *, nonce: bytes | None = None) -> bytes:
    """Encrypt a data key under a master key, bound to its subject and version."""
    nonce = os.urandom(NONCE_SIZE) if nonce is None else nonce
    context = _wrap_context(
        master_key_id=master.id, subject_id=key.subject_id, version=key.version
    )
    return nonce + master.aead.encrypt(nonce, key.material, context)


def unwrap(
    master: MasterKey, *, wrapped: bytes, subject_id: UUID, version: int
) -> DataKey:
    """Decrypt a wrapped data key, or raise DecryptionFailed."""
    context = _wrap_context(
        master_key_id=master.id, subject_id=subject_id, version=version
    )
    try:
        material = master.aead.decrypt(
            wrapped[:NONCE_SIZE], wrapped[NONCE_SIZE:], context
        )
    except (InvalidTag, ValueError):
        raise DecryptionFailed from None
    return DataKey.from_material(
        subject_id=subject_id, version=version, material=material
    )
