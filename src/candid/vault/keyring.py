"""The master keys: which one wraps new data keys, and which still unwrap old ones.

Configuration (settings.CANDID_MASTER_KEYS, read from the environment variable of the
same name or from CANDID_MASTER_KEY) is a comma-separated list of `id:key`, where
`key` is the standard base64 of 32 random bytes and `id` is 1 to 64 letters, digits,
`-`, `_` or `.`. The FIRST key wraps every new data key; the others only unwrap data
keys that were wrapped before a rotation. A single key without `id:` gets the id
"default". Generate one with

    python -c "import base64, os; print(base64.b64encode(os.urandom(32)).decode())"

To rotate: put the new key first (`new:...,old:...`), deploy, run
`master_key_rotate` until nothing remains under "old" (`master_key_usage()`), then
remove "old". The id is bound into every wrapped key, so never rename one.

Outside DEBUG and the demo a missing key is an ImproperlyConfigured error (and
candid.E101 at start-up). In DEBUG or the demo a key is generated on first use into
DATA_DIR/vault_master_keys (mode 0600, the same `id:key` format), never in the repo.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
import secrets
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from candid.vault import conf
from candid.vault.crypto import KEY_SIZE, MasterKey

DEFAULT_KEY_ID = "default"
_KEY_ID = re.compile(r"[A-Za-z0-9_.-]{1,64}")


@dataclass(frozen=True)
class MasterKeyring:
    """The configured master keys: `primary` wraps, every key in `by_id` unwraps."""

    primary: MasterKey
    by_id: dict[str, MasterKey] = field(repr=False)

    def get(self, key_id: str) -> MasterKey:
        """Return the master key with this id, or raise ImproperlyConfigured."""
        try:
            return self.by_id[key_id]
        except KeyError:
            raise ImproperlyConfigured(
                f"Master key '{key_id}' wrapped data keys but is not configured: "
                "keep it in CANDID_MASTER_KEYS until rotation has re-wrapped them."
            ) from None


def parse_master_keys(raw: str) -> MasterKeyring:
    """Return the keyring for an `id:key,id:key` string, or raise ImproperlyConfigured.

    Messages name the entry's position and id, never the key.
    """
    entries = [entry.strip() for entry in raw.split(",") if entry.strip()]
    if not entries:
        raise ImproperlyConfigured(
            "No vault master key: set CANDID_MASTER_KEYS (id:base64 of 32 bytes)."
        )
    keys = [_parse_entry(entry, position) for position, entry in enumerate(entries, 1)]
    by_id: dict[str, MasterKey] = {}
    for key in keys:
        if key.id in by_id:
            raise ImproperlyConfigured(f"Master key id '{key.id}' is configured twice.")
        by_id[key.id] = key
    return MasterKeyring(primary=keys[0], by_id=by_id)


def _parse_entry(entry: str, position: int) -> MasterKey:
    key_id, separator, encoded = entry.rpartition(":")
    if not separator:
        key_id = DEFAULT_KEY_ID
    if not _KEY_ID.fullmatch(key_id):
        raise ImproperlyConfigured(
            f"Master key {position} has an invalid id: use 1 to 64 letters, digits, "
            "'-', '_' or '.'."
        )
    try:
        material = base64.b64decode(encoded, validate=True)
    except binascii.Error:
        material = b""
    if len(material) != KEY_SIZE:
        raise ImproperlyConfigured(
            f"Master key '{key_id}' is not the base64 of {KEY_SIZE} bytes."
        )
    return MasterKey(id=key_id, aead=AESGCM(material))


@cache
def master_keyring() -> MasterKeyring:
    """Return the configured master keys, loaded once per process.

    Fall back to the demo key file only in DEBUG or the demo; otherwise a missing
    key raises ImproperlyConfigured, so production never runs on a generated key.
    """
    raw = conf.master_keys()
    if not raw and conf.demo_key_file_allowed():
        raw = _demo_master_keys(conf.demo_key_file())
    return parse_master_keys(raw)


def _demo_master_keys(path: Path) -> str:
    if not path.exists():
        _create_key_file(path)
    return path.read_text(encoding="ascii").strip()


def _create_key_file(path: Path) -> None:
    """Write a fresh key to `path` with mode 0600, atomically and never overwriting.

    Several processes may start at once: each writes a private temporary file and
    links it into place; the first link wins and the others read the winner's key.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    material = base64.b64encode(secrets.token_bytes(KEY_SIZE)).decode("ascii")
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as stream:
            stream.write(f"demo:{material}\n")
        os.link(temporary, path)
    except FileExistsError:
        pass
    finally:
        temporary.unlink()


@receiver(setting_changed)
def _forget_keyring(*, setting: str, **kwargs: Any) -> None:
    if setting in {"CANDID_MASTER_KEYS", "DATA_DIR", "DEBUG", "DEMO"}:
        master_keyring.cache_clear()
