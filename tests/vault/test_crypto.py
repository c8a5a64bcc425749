import uuid

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from candid.vault.crypto import (
    DataKey,
    MasterKey,
    field_context,
    seal,
    unseal,
    unwrap,
    wrap,
)
from candid.vault.exceptions import DecryptionFailed
from tests.vault.conftest import VECTORS

SUBJECT = uuid.UUID("6f1c1d2e-3a4b-4c5d-8e9f-0a1b2c3d4e5f")
ROW = uuid.UUID("00112233-4455-6677-8899-aabbccddeeff")


def _key(vector: dict) -> DataKey:
    return DataKey.from_material(
        subject_id=uuid.UUID(vector["subject_id"]),
        version=vector["key_version"],
        material=bytes.fromhex(vector["data_key"]),
    )


def _context(vector: dict) -> bytes:
    return field_context(
        label=vector["label"],
        field_name=vector["field_name"],
        pk=uuid.UUID(vector["pk"]),
        subject_id=uuid.UUID(vector["subject_id"]),
    )


def _master(vector: dict) -> MasterKey:
    key = AESGCM(bytes.fromhex(vector["master_key"]))
    return MasterKey(id=vector["master_key_id"], aead=key)


@pytest.fixture
def key() -> DataKey:
    return DataKey.from_material(subject_id=SUBJECT, version=1, material=b"k" * 32)


@pytest.fixture
def context() -> bytes:
    return field_context(
        label="vault_testapp.contact", field_name="email", pk=ROW, subject_id=SUBJECT
    )


@pytest.mark.parametrize("vector", VECTORS["aes_256_gcm"])
def test_aes_gcm_gives_the_answer_of_the_gcm_specification(vector: dict) -> None:
    # given
    cipher = AESGCM(bytes.fromhex(vector["key"]))
    # when
    sealed = cipher.encrypt(
        bytes.fromhex(vector["nonce"]),
        bytes.fromhex(vector["plaintext"]),
        bytes.fromhex(vector["aad"]),
    )
    # then
    assert sealed.hex() == vector["ciphertext_and_tag"]


@pytest.mark.parametrize("vector", VECTORS["field"])
def test_a_field_value_seals_to_its_known_token(vector: dict) -> None:
    # when
    token = seal(
        _key(vector),
        plaintext=bytes.fromhex(vector["plaintext"]),
        context=_context(vector),
        nonce=bytes.fromhex(vector["nonce"]),
    )
    # then
    assert token.hex() == vector["token"]


@pytest.mark.parametrize("vector", VECTORS["field"])
def test_a_known_token_opens_to_its_plaintext(vector: dict) -> None:
    # when
    plaintext = unseal(
        _key(vector), token=bytes.fromhex(vector["token"]), context=_context(vector)
    )
    # then
    assert plaintext.hex() == vector["plaintext"]


@pytest.mark.parametrize("vector", VECTORS["wrap"])
def test_a_data_key_wraps_to_its_known_bytes(vector: dict) -> None:
    # given
    key = DataKey.from_material(
        subject_id=uuid.UUID(vector["subject_id"]),
        version=vector["version"],
        material=bytes.fromhex(vector["data_key"]),
    )
    # when
    wrapped = wrap(_master(vector), key, nonce=bytes.fromhex(vector["nonce"]))
    # then
    assert wrapped.hex() == vector["wrapped"]


@pytest.mark.parametrize("vector", VECTORS["wrap"])
def test_a_known_wrapped_key_unwraps_to_its_data_key(vector: dict) -> None:
    # when
    key = unwrap(
        _master(vector),
        wrapped=bytes.fromhex(vector["wrapped"]),
        subject_id=uuid.UUID(vector["subject_id"]),
        version=vector["version"],
    )
    # then
    assert key.material.hex() == vector["data_key"]


def test_a_sealed_value_is_33_bytes_longer_than_its_plaintext(
    key: DataKey, context: bytes
) -> None:
    # when
    token = seal(key, plaintext=b"x" * 50, context=context)
    # then
    assert len(token) == 83


def test_two_seals_of_one_value_differ(key: DataKey, context: bytes) -> None:
    # when
    first = seal(key, plaintext=b"same", context=context)
    second = seal(key, plaintext=b"same", context=context)
    # then
    assert first != second


@pytest.mark.parametrize(
    "position", [0, 1, 4, 5, 16, 17, -17, -1], ids=lambda p: f"byte{p}"
)
def test_a_flipped_byte_anywhere_fails_to_open(
    key: DataKey, context: bytes, position: int
) -> None:
    # given: the version, key version, nonce, ciphertext and tag each get a flip
    token = bytearray(seal(key, plaintext=b"ada@example.com", context=context))
    token[position] ^= 0x01
    # when / then
    with pytest.raises(
        DecryptionFailed, match=r"^The ciphertext cannot be decrypted\.$"
    ):
        unseal(key, token=bytes(token), context=context)


@pytest.mark.parametrize(
    ("label", "field_name", "pk", "subject_id"),
    [
        ("vault_testapp.enquiry", "email", ROW, SUBJECT),
        ("vault_testapp.contact", "notes", ROW, SUBJECT),
        ("vault_testapp.contact", "email", uuid.UUID(int=1), SUBJECT),
        ("vault_testapp.contact", "email", ROW, uuid.UUID(int=2)),
    ],
    ids=["other-model", "other-field", "other-row", "other-subject"],
)
def test_a_value_fails_to_open_under_another_identity(
    key: DataKey,
    context: bytes,
    label: str,
    field_name: str,
    pk: uuid.UUID,
    subject_id: uuid.UUID,
) -> None:
    # given
    token = seal(key, plaintext=b"ada@example.com", context=context)
    elsewhere = field_context(
        label=label, field_name=field_name, pk=pk, subject_id=subject_id
    )
    # when / then
    with pytest.raises(DecryptionFailed):
        unseal(key, token=token, context=elsewhere)


def test_a_value_fails_to_open_under_another_subjects_key(
    key: DataKey, context: bytes
) -> None:
    # given
    token = seal(key, plaintext=b"ada@example.com", context=context)
    other = DataKey.from_material(subject_id=SUBJECT, version=1, material=b"o" * 32)
    # when / then
    with pytest.raises(DecryptionFailed):
        unseal(other, token=token, context=context)


def test_a_value_fails_to_open_under_another_key_version(
    key: DataKey, context: bytes
) -> None:
    # given
    token = seal(key, plaintext=b"ada@example.com", context=context)
    newer = DataKey.from_material(subject_id=SUBJECT, version=2, material=key.material)
    # when / then
    with pytest.raises(DecryptionFailed):
        unseal(newer, token=token, context=context)


@pytest.mark.parametrize("length", [0, 1, 32])
def test_a_token_shorter_than_the_overhead_fails_to_open(
    key: DataKey, context: bytes, length: int
) -> None:
    # given
    token = seal(key, plaintext=b"", context=context)[:length]
    # when / then
    with pytest.raises(DecryptionFailed):
        unseal(key, token=token, context=context)


def test_a_wrapped_key_fails_to_unwrap_for_another_subject(key: DataKey) -> None:
    # given
    master = MasterKey(id="m1", aead=AESGCM(b"m" * 32))
    wrapped = wrap(master, key)
    # when / then
    with pytest.raises(DecryptionFailed):
        unwrap(master, wrapped=wrapped, subject_id=uuid.UUID(int=3), version=1)


def test_a_wrapped_key_fails_to_unwrap_under_a_master_key_of_another_id(
    key: DataKey,
) -> None:
    # given: the same key bytes, renamed
    wrapped = wrap(MasterKey(id="m1", aead=AESGCM(b"m" * 32)), key)
    renamed = MasterKey(id="m2", aead=AESGCM(b"m" * 32))
    # when / then
    with pytest.raises(DecryptionFailed):
        unwrap(renamed, wrapped=wrapped, subject_id=SUBJECT, version=1)


def test_a_truncated_wrapped_key_fails_to_unwrap(key: DataKey) -> None:
    # given
    master = MasterKey(id="m1", aead=AESGCM(b"m" * 32))
    # when / then
    with pytest.raises(DecryptionFailed):
        unwrap(master, wrapped=wrap(master, key)[:5], subject_id=SUBJECT, version=1)


def test_keys_never_show_their_material_in_a_repr(key: DataKey) -> None:
    # given
    master = MasterKey(id="m1", aead=AESGCM(b"m" * 32))
    # when
    shown = repr(key) + repr(master)
    # then
    assert shown == (
        f"DataKey(subject_id=UUID('{SUBJECT}'), version=1)MasterKey(id='m1')"
    )
