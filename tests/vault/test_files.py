"""Streamed file encryption: client images encrypted at rest per subject (SEC-04, IMG-07)."""

import io
import uuid
from pathlib import Path

from django.core.files import File
from django.core.files.storage import FileSystemStorage

import pytest

from candid.vault.cache import data_keys
from candid.vault.crypto import DataKey
from candid.vault.exceptions import DecryptionFailed, SubjectErased
from candid.vault.files import (
    HEADER_SIZE,
    decrypt_file,
    decrypted_chunks,
    encrypt_file,
    encrypted_chunks,
    encrypted_file_open,
    encrypted_file_save,
)
from candid.vault.services import subject_key_destroy
from tests.vault.conftest import VECTORS

pytestmark = pytest.mark.django_db

CHUNK = 1024
BLOCK = CHUNK + 16


def _encrypt(subject_id: uuid.UUID, plaintext: bytes, associated: bytes = b"") -> bytes:
    chunks = encrypted_chunks(
        subject_id=subject_id,
        src=io.BytesIO(plaintext),
        associated_data=associated,
        chunk_size=CHUNK,
    )
    return b"".join(chunks)


def _decrypt(subject_id: uuid.UUID, sealed: bytes, associated: bytes = b"") -> bytes:
    dst = io.BytesIO()
    decrypt_file(
        subject_id=subject_id,
        src=io.BytesIO(sealed),
        dst=dst,
        associated_data=associated,
    )
    return dst.getvalue()


def _blocks(sealed: bytes) -> tuple[bytes, list[bytes]]:
    body = sealed[HEADER_SIZE:]
    return sealed[:HEADER_SIZE], [
        body[i : i + BLOCK] for i in range(0, len(body), BLOCK)
    ]


@pytest.fixture
def subject_id() -> uuid.UUID:
    return uuid.uuid4()


@pytest.fixture
def image() -> bytes:
    # Three full chunks and a part: 3 * 1024 + 500 bytes.
    return bytes(i % 256 for i in range(3 * CHUNK + 500))


def _vector_key(vector: dict) -> uuid.UUID:
    subject_id = uuid.UUID(vector["subject_id"])
    key = DataKey.from_material(
        subject_id=subject_id,
        version=vector["key_version"],
        material=bytes.fromhex(vector["data_key"]),
    )
    data_keys.put(subject_id, key, seconds=60, size=10)
    return subject_id


@pytest.mark.parametrize("vector", VECTORS["file"])
def test_a_file_encrypts_to_its_known_bytes(vector: dict) -> None:
    # given
    subject_id = _vector_key(vector)
    # when
    sealed = b"".join(
        encrypted_chunks(
            subject_id=subject_id,
            src=io.BytesIO(bytes.fromhex(vector["plaintext"])),
            associated_data=bytes.fromhex(vector["associated_data"]),
            chunk_size=vector["chunk_size"],
            salt=bytes.fromhex(vector["salt"]),
        )
    )
    # then
    assert sealed.hex() == vector["ciphertext"]


@pytest.mark.parametrize("vector", VECTORS["file"])
def test_a_known_encrypted_file_decrypts_to_its_plaintext(vector: dict) -> None:
    # given
    subject_id = _vector_key(vector)
    # when
    plaintext = _decrypt(
        subject_id,
        bytes.fromhex(vector["ciphertext"]),
        bytes.fromhex(vector["associated_data"]),
    )
    # then
    assert plaintext.hex() == vector["plaintext"]


@pytest.mark.parametrize(
    "size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK], ids=lambda s: f"{s}B"
)
def test_a_file_of_any_size_decrypts_to_itself(
    subject_id: uuid.UUID, size: int
) -> None:
    # given
    plaintext = bytes(i % 7 for i in range(size))
    # when
    sealed = _encrypt(subject_id, plaintext)
    # then
    assert _decrypt(subject_id, sealed) == plaintext
    assert len(sealed) == HEADER_SIZE + size + 16 * max(1, -(-size // CHUNK))


def test_the_default_file_api_writes_what_it_reads_back(
    subject_id: uuid.UUID, image: bytes
) -> None:
    # given
    sealed = io.BytesIO()
    # when
    written = encrypt_file(subject_id=subject_id, src=io.BytesIO(image), dst=sealed)
    # then
    assert written == len(sealed.getvalue())
    assert _decrypt(subject_id, sealed.getvalue()) == image


def test_a_file_is_read_one_chunk_at_a_time(
    subject_id: uuid.UUID, image: bytes
) -> None:
    # given
    src = io.BytesIO(image)
    chunks = encrypted_chunks(subject_id=subject_id, src=src, chunk_size=CHUNK)
    # when
    next(chunks), next(chunks)
    # then: the header and the first chunk cost two chunks of reading, no more
    assert src.tell() == 2 * CHUNK


def test_a_stream_giving_short_reads_round_trips(
    subject_id: uuid.UUID, image: bytes
) -> None:
    # given: a source that returns at most 100 bytes per read, like a socket
    class Trickle(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            return super().read(min(size, 100) if size and size > 0 else 100)

    # when
    sealed = b"".join(
        encrypted_chunks(subject_id=subject_id, src=Trickle(image), chunk_size=CHUNK)
    )
    # then
    assert _decrypt(subject_id, sealed) == image


def _refused(subject_id: uuid.UUID, sealed: bytes, associated: bytes = b"") -> None:
    with pytest.raises(
        DecryptionFailed, match=r"^The ciphertext cannot be decrypted\.$"
    ):
        _decrypt(subject_id, sealed, associated)


def test_a_file_cut_at_a_chunk_boundary_is_refused(
    subject_id: uuid.UUID, image: bytes
) -> None:
    # given
    header, blocks = _blocks(_encrypt(subject_id, image))
    # when / then
    _refused(subject_id, header + b"".join(blocks[:2]))


def test_a_file_cut_inside_a_chunk_is_refused(
    subject_id: uuid.UUID, image: bytes
) -> None:
    # when / then
    _refused(subject_id, _encrypt(subject_id, image)[:-10])


def test_a_file_with_reordered_chunks_is_refused(
    subject_id: uuid.UUID, image: bytes
) -> None:
    # given
    header, blocks = _blocks(_encrypt(subject_id, image))
    # when / then
    _refused(subject_id, header + blocks[1] + blocks[0] + b"".join(blocks[2:]))


def test_a_file_missing_a_middle_chunk_is_refused(
    subject_id: uuid.UUID, image: bytes
) -> None:
    # given
    header, blocks = _blocks(_encrypt(subject_id, image))
    # when / then
    _refused(subject_id, header + blocks[0] + b"".join(blocks[2:]))


def test_a_file_extended_after_its_last_chunk_is_refused(
    subject_id: uuid.UUID, image: bytes
) -> None:
    # given
    sealed = _encrypt(subject_id, image)
    _, blocks = _blocks(sealed)
    # when / then
    _refused(subject_id, sealed + blocks[-1])


@pytest.mark.parametrize("length", [0, 10, HEADER_SIZE - 1])
def test_a_file_shorter_than_its_header_is_refused(
    subject_id: uuid.UUID, length: int
) -> None:
    # when / then
    _refused(subject_id, _encrypt(subject_id, b"")[:length])


def test_a_file_with_only_its_header_is_refused(subject_id: uuid.UUID) -> None:
    # when / then
    _refused(subject_id, _encrypt(subject_id, b"")[:HEADER_SIZE])


@pytest.mark.parametrize(
    "position",
    [0, 4, 5, 9, 12, 13, HEADER_SIZE - 1, HEADER_SIZE, HEADER_SIZE + 2000, -1],
    ids=["magic", "version", "key-version", "chunk-size", "chunk-size-low", "salt",
         "salt-end", "first-chunk", "middle-chunk", "last-tag"],
)  # fmt: skip
def test_a_file_with_a_flipped_byte_is_refused(
    subject_id: uuid.UUID, image: bytes, position: int
) -> None:
    # given
    sealed = bytearray(_encrypt(subject_id, image))
    sealed[position] ^= 0x01
    # when / then
    _refused(subject_id, bytes(sealed))


def test_a_file_opened_with_other_associated_data_is_refused(
    subject_id: uuid.UUID, image: bytes
) -> None:
    # given
    sealed = _encrypt(subject_id, image, b"galleries.image:1")
    # when / then
    _refused(subject_id, sealed, b"galleries.image:2")


def test_a_file_of_one_subject_does_not_open_with_anothers_key(image: bytes) -> None:
    # given
    first, second = uuid.uuid4(), uuid.uuid4()
    sealed = _encrypt(first, image)
    _encrypt(second, b"")  # gives the second subject a key
    # when / then
    _refused(second, sealed)


def test_a_file_of_an_erased_subject_cannot_be_decrypted(
    subject_id: uuid.UUID, image: bytes
) -> None:
    # given
    sealed = _encrypt(subject_id, image)
    subject_key_destroy(subject_id=subject_id)
    # when / then
    with pytest.raises(SubjectErased):
        decrypted_chunks(subject_id=subject_id, src=io.BytesIO(sealed))


def test_no_file_is_encrypted_for_an_erased_subject(subject_id: uuid.UUID) -> None:
    # given
    subject_key_destroy(subject_id=subject_id)
    # when / then
    with pytest.raises(SubjectErased):
        encrypted_chunks(subject_id=subject_id, src=io.BytesIO(b"x"))


@pytest.mark.parametrize("chunk_size", [1023, 16 * 1024 * 1024 + 1])
def test_a_chunk_size_out_of_bounds_is_refused(
    subject_id: uuid.UUID, chunk_size: int
) -> None:
    # when / then
    with pytest.raises(ValueError, match=r"^chunk_size must be 1024 to 16777216\.$"):
        encrypted_chunks(subject_id=subject_id, src=io.BytesIO(), chunk_size=chunk_size)


def test_a_file_saved_to_storage_is_encrypted_there_and_opens_decrypted(
    subject_id: uuid.UUID, image: bytes, tmp_path: Path
) -> None:
    # given
    storage = FileSystemStorage(location=tmp_path)
    # when
    name = encrypted_file_save(
        storage=storage,
        name="galleries/portrait.jpg",
        subject_id=subject_id,
        content=io.BytesIO(image),
        associated_data=b"galleries.image:1",
    )
    chunks = encrypted_file_open(
        storage=storage,
        name=name,
        subject_id=subject_id,
        associated_data=b"galleries.image:1",
    )
    # then
    assert image not in (tmp_path / name).read_bytes()
    assert b"".join(chunks) == image


def test_opening_an_erased_subjects_file_in_storage_is_refused_and_closes_it(
    subject_id: uuid.UUID, image: bytes, tmp_path: Path
) -> None:
    # given
    class Recording(FileSystemStorage):
        opened: list[File] = []

        def _open(self, name: str, mode: str = "rb") -> File:
            self.opened.append(super()._open(name, mode))
            return self.opened[-1]

    storage = Recording(location=tmp_path)
    name = encrypted_file_save(
        storage=storage, name="a.jpg", subject_id=subject_id, content=io.BytesIO(image)
    )
    subject_key_destroy(subject_id=subject_id)
    # when / then
    with pytest.raises(SubjectErased):
        encrypted_file_open(storage=storage, name=name, subject_id=subject_id)
    assert [f.closed for f in storage.opened] == [True]
