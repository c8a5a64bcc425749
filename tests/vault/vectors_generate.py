"""Write vectors.json: known answers for the vault's formats, built independently.

Run `.venv/bin/python -m tests.vault.vectors_generate` only to add vectors: the
expected bytes are composed here by hand from the format documented in
`candid.vault.crypto` and `candid.vault.files`, with raw AES-GCM and HKDF, never
through the vault's own code, so the tests compare two implementations.
"""

from __future__ import annotations

import json
import struct
import uuid
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

OUT = Path(__file__).with_name("vectors.json")
SUBJECT = uuid.UUID("6f1c1d2e-3a4b-4c5d-8e9f-0a1b2c3d4e5f")
ROW = uuid.UUID("00112233-4455-6677-8899-aabbccddeeff")
DATA_KEY = bytes(range(32))
MASTER_KEY = bytes(range(100, 132))


def _gcm_spec_case_16() -> dict[str, str]:
    # McGrew & Viega, "The Galois/Counter Mode of Operation", test case 16.
    return {
        "key": "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
        "nonce": "cafebabefacedbaddecaf888",
        "plaintext": "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
        "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
        "aad": "feedfacedeadbeeffeedfacedeadbeefabaddad2",
        "ciphertext_and_tag": "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd"
        "2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"
        "76fc6ece0f4e1768cddf8853bb2d551b",
    }


def _field(plaintext: bytes, nonce: bytes, key_version: int) -> dict[str, object]:
    label, name = "vault_testapp.contact", "email"
    context = (
        b"candid.vault.field.v1\x00"
        + f"{label}\x00{name}\x00".encode()
        + ROW.bytes
        + SUBJECT.bytes
    )
    header = bytes([1]) + key_version.to_bytes(4, "big")
    token = (
        header + nonce + AESGCM(DATA_KEY).encrypt(nonce, plaintext, header + context)
    )
    return {
        "data_key": DATA_KEY.hex(),
        "key_version": key_version,
        "label": label,
        "field_name": name,
        "pk": str(ROW),
        "subject_id": str(SUBJECT),
        "nonce": nonce.hex(),
        "plaintext": plaintext.hex(),
        "token": token.hex(),
    }


def _wrap(master_id: str, nonce: bytes, version: int) -> dict[str, object]:
    context = (
        b"candid.vault.data-key.v1\x00"
        + f"{master_id}\x00".encode()
        + SUBJECT.bytes
        + version.to_bytes(4, "big")
    )
    wrapped = nonce + AESGCM(MASTER_KEY).encrypt(nonce, DATA_KEY, context)
    return {
        "master_key_id": master_id,
        "master_key": MASTER_KEY.hex(),
        "subject_id": str(SUBJECT),
        "version": version,
        "data_key": DATA_KEY.hex(),
        "nonce": nonce.hex(),
        "wrapped": wrapped.hex(),
    }


def _file(plaintext: bytes, chunk_size: int, associated: bytes) -> dict[str, object]:
    salt = bytes(range(200, 216))
    header = struct.pack(">4sBII16s", b"CNDV", 1, 1, chunk_size, salt)
    info = b"candid.vault.file.v1\x00" + SUBJECT.bytes
    file_key = HKDF(hashes.SHA256(), 32, salt=salt, info=info).derive(DATA_KEY)
    chunks = [
        plaintext[i : i + chunk_size] for i in range(0, len(plaintext), chunk_size)
    ]
    chunks = chunks or [b""]
    body = b"".join(
        AESGCM(file_key).encrypt(
            index.to_bytes(11, "big") + bytes([index == len(chunks) - 1]),
            chunk,
            header + associated,
        )
        for index, chunk in enumerate(chunks)
    )
    return {
        "data_key": DATA_KEY.hex(),
        "subject_id": str(SUBJECT),
        "key_version": 1,
        "chunk_size": chunk_size,
        "salt": salt.hex(),
        "associated_data": associated.hex(),
        "plaintext": plaintext.hex(),
        "ciphertext": (header + body).hex(),
    }


def main() -> None:
    pattern = bytes(i % 251 for i in range(2500))
    vectors = {
        "aes_256_gcm": [_gcm_spec_case_16()],
        "field": [
            _field(b"ada@example.com", bytes(range(12)), 1),
            _field(b"", bytes(12), 1),
            _field(
                "Zo\u00eb M\u00fcller, 12 Rue \u00c9t\u00e9".encode(), b"\xff" * 12, 7
            ),
        ],
        "wrap": [
            _wrap("2026-01", bytes(range(40, 52)), 1),
            _wrap("default", bytes(12), 3),
        ],
        "file": [
            _file(pattern, 1024, b"galleries.image:1"),
            _file(pattern[:2048], 1024, b""),
            _file(b"", 1024, b""),
        ],
    }
    OUT.write_text(json.dumps(vectors, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
