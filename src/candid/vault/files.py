"""Streamed encryption of files under a data subject's key (client images, exports).

An encrypted file is a 29-byte header and a sequence of chunks:

    header = "CNDV" | format version (1 byte, 0x01) | key version (4 bytes)
             | chunk size (4 bytes) | salt (16 bytes)
    chunk  = AES-256-GCM(file key, nonce = index (11 bytes) | final flag (1 byte),
                         chunk plaintext, associated data = header | associated_data)

The file key is HKDF-SHA256 of the subject's data key with the file's random salt,
so chunk nonces can count from zero. Each chunk is authenticated with its index and
whether it is the last one: a reordered, dropped, truncated or extended file fails
with DecryptionFailed, as does any flipped byte or a header copied to another file.
Memory use is two chunks (64 KiB each by default), whatever the file's size.

Pass the owning row's identity (e.g. b"galleries.image:<uuid>") as
`associated_data` so that an encrypted file cannot be swapped for another one of
the same subject; decrypting needs the same bytes.
"""

from __future__ import annotations

import os
import struct
import tempfile
from collections.abc import Iterator
from typing import BinaryIO
from uuid import UUID

from django.core.files import File
from django.core.files.storage import Storage

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from candid.vault import conf
from candid.vault.crypto import KEY_SIZE, TAG_SIZE, DataKey
from candid.vault.envelope import data_key_for_opening, data_key_for_sealing
from candid.vault.exceptions import DecryptionFailed, SubjectErased

MAGIC = b"CNDV"
FORMAT_VERSION = 1
SALT_SIZE = 16
MIN_CHUNK_SIZE = 1024
MAX_CHUNK_SIZE = 16 * 1024 * 1024
_HEADER = struct.Struct(">4sBII16s")
HEADER_SIZE = _HEADER.size


def _file_cipher(key: DataKey, salt: bytes) -> AESGCM:
    info = b"candid.vault.file.v1\x00" + key.subject_id.bytes
    kdf = HKDF(algorithm=hashes.SHA256(), length=KEY_SIZE, salt=salt, info=info)
    return AESGCM(kdf.derive(key.material))


def _nonce(index: int, final: bool) -> bytes:
    return index.to_bytes(11, "big") + (b"\x01" if final else b"\x00")


def _read_exact(src: BinaryIO, size: int) -> bytes:
    """Read `size` bytes, fewer only at the end of the stream."""
    data = src.read(size)
    if len(data) == size or not data:
        return data
    parts = [data]
    missing = size - len(data)
    while missing and (more := src.read(missing)):
        parts.append(more)
        missing -= len(more)
    return b"".join(parts)


def encrypted_chunks(
    *,
    subject_id: UUID,
    src: BinaryIO,
    associated_data: bytes = b"",
    chunk_size: int | None = None,
    salt: bytes | None = None,
) -> Iterator[bytes]:
    """Return an iterator over the encrypted form of `src` (header, then chunks).

    Raise SubjectErased at once if the subject's key was destroyed.
    """
    size = chunk_size or conf.file_chunk_size()
    if not MIN_CHUNK_SIZE <= size <= MAX_CHUNK_SIZE:
        raise ValueError(f"chunk_size must be {MIN_CHUNK_SIZE} to {MAX_CHUNK_SIZE}.")
    key = data_key_for_sealing(subject_id)
    salt = os.urandom(SALT_SIZE) if salt is None else salt
    header = _HEADER.pack(MAGIC, FORMAT_VERSION, key.version, size, salt)
    return _seal_chunks(_file_cipher(key, salt), header, associated_data, src, size)


def _seal_chunks(
    cipher: AESGCM, header: bytes, associated: bytes, src: BinaryIO, size: int
) -> Iterator[bytes]:
    yield header
    aad = header + associated
    current, index = _read_exact(src, size), 0
    while True:
        # Read one chunk ahead: the last chunk is the one nothing follows.
        following = _read_exact(src, size)
        yield cipher.encrypt(_nonce(index, not following), current, aad)
        if not following:
            return
        current, index = following, index + 1


def decrypted_chunks(
    *, subject_id: UUID, src: BinaryIO, associated_data: bytes = b""
) -> Iterator[bytes]:
    """Return an iterator over the plaintext of an encrypted stream, chunk by chunk.

    Every chunk is authenticated before it is yielded; a stream that was cut short,
    reordered or altered raises DecryptionFailed when the damage is reached, so a
    consumer must not treat the output as complete until the iterator is exhausted.
    Raise SubjectErased at once if the subject's key was destroyed.
    """
    header = _read_exact(src, HEADER_SIZE)
    size, salt = _parse_header(header)
    key = data_key_for_opening(subject_id)
    if key is None:
        raise SubjectErased(f"The data key of subject {subject_id} was destroyed.")
    if _HEADER.unpack(header)[2] != key.version:
        raise DecryptionFailed
    cipher = _file_cipher(key, salt)
    return _open_chunks(cipher, header + associated_data, src, size + TAG_SIZE)


def _parse_header(unverified_header: bytes) -> tuple[int, bytes]:
    if len(unverified_header) != HEADER_SIZE:
        raise DecryptionFailed
    magic, version, _, size, salt = _HEADER.unpack(unverified_header)
    if magic != MAGIC or version != FORMAT_VERSION:
        raise DecryptionFailed
    if not MIN_CHUNK_SIZE <= size <= MAX_CHUNK_SIZE:
        raise DecryptionFailed
    return size, salt


def _open_chunks(
    cipher: AESGCM, aad: bytes, src: BinaryIO, block_size: int
) -> Iterator[bytes]:
    current, index = _read_exact(src, block_size), 0
    if not current:
        raise DecryptionFailed
    while True:
        following = _read_exact(src, block_size)
        try:
            yield cipher.decrypt(_nonce(index, not following), current, aad)
        except InvalidTag:
            raise DecryptionFailed from None
        if not following:
            return
        current, index = following, index + 1


def encrypt_file(
    *, subject_id: UUID, src: BinaryIO, dst: BinaryIO, associated_data: bytes = b""
) -> int:
    """Encrypt `src` into `dst` under the subject's key; return the bytes written.

    Keeps the promise that client files are encrypted at rest with the subject's
    own key, so destroying it shreds every copy (SEC-04, IMG-07).
    """
    written = 0
    chunks = encrypted_chunks(
        subject_id=subject_id, src=src, associated_data=associated_data
    )
    for chunk in chunks:
        dst.write(chunk)
        written += len(chunk)
    return written


def decrypt_file(
    *, subject_id: UUID, src: BinaryIO, dst: BinaryIO, associated_data: bytes = b""
) -> int:
    """Decrypt `src` into `dst`; return the plaintext bytes written.

    Raise DecryptionFailed if the file was altered, truncated or reordered (`dst`
    then holds a partial plaintext the caller must discard), SubjectErased if the
    subject's key was destroyed.
    """
    written = 0
    chunks = decrypted_chunks(
        subject_id=subject_id, src=src, associated_data=associated_data
    )
    for chunk in chunks:
        dst.write(chunk)
        written += len(chunk)
    return written


def encrypted_file_save(
    *,
    storage: Storage,
    name: str,
    subject_id: UUID,
    content: BinaryIO,
    associated_data: bytes = b"",
) -> str:
    """Encrypt `content` and save it to a Django storage; return the name it got.

    The ciphertext goes through a temporary file on disk, so memory stays constant
    for any size and any storage backend (local files, S3).
    """
    with tempfile.TemporaryFile() as spool:
        encrypt_file(
            subject_id=subject_id,
            src=content,
            dst=spool,
            associated_data=associated_data,
        )
        spool.seek(0)
        return storage.save(name, File(spool, name=name))


def encrypted_file_open(
    *, storage: Storage, name: str, subject_id: UUID, associated_data: bytes = b""
) -> Iterator[bytes]:
    """Return the plaintext chunks of a file in a Django storage, e.g. for a response.

    The file is closed when the iterator is exhausted or closed.
    """
    stream = storage.open(name, "rb")
    try:
        chunks = decrypted_chunks(
            subject_id=subject_id, src=stream, associated_data=associated_data
        )
    except BaseException:
        stream.close()
        raise
    return _closing(chunks, stream)


def _closing(chunks: Iterator[bytes], stream: File) -> Iterator[bytes]:
    with stream:
        yield from chunks
