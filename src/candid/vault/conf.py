"""Settings of the vault, read when asked, never at import time.

| Setting                          | Meaning                                             |
|----------------------------------|-----------------------------------------------------|
| CANDID_MASTER_KEYS               | "id:base64,id:base64": the master keys; the first   |
|                                  | wraps new data keys, the others only unwrap (see    |
|                                  | `candid.vault.keyring`). Read from the environment  |
|                                  | variable of the same name, or CANDID_MASTER_KEY.    |
| CANDID_VAULT_KEY_CACHE_SECONDS   | How long a process keeps an unwrapped data key (30).|
| CANDID_VAULT_KEY_CACHE_SIZE      | How many unwrapped data keys a process keeps (10000).|
| CANDID_VAULT_FILE_CHUNK_SIZE     | Plaintext bytes per authenticated file chunk (64 KiB).|
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

KEYSTORE_ALIAS = "keystore"
VAULT_APP_LABEL = "vault"
DEMO_KEY_FILE_NAME = "vault_master_keys"


def master_keys() -> str:
    """Return the configured master keys, "" when none are set."""
    return str(getattr(settings, "CANDID_MASTER_KEYS", "") or "")


def demo_key_file_allowed() -> bool:
    """Say whether a missing master key may be generated into a file (DEBUG or demo)."""
    return bool(settings.DEBUG or getattr(settings, "DEMO", False))


def demo_key_file() -> Path:
    """Return where the demo's generated master key lives (never inside the repo)."""
    return Path(settings.DATA_DIR) / DEMO_KEY_FILE_NAME


def key_cache_seconds() -> float:
    """Return how long an unwrapped data key stays in a process's cache."""
    return float(getattr(settings, "CANDID_VAULT_KEY_CACHE_SECONDS", 30.0))


def key_cache_size() -> int:
    """Return how many unwrapped data keys one process keeps at most."""
    return int(getattr(settings, "CANDID_VAULT_KEY_CACHE_SIZE", 10_000))


def file_chunk_size() -> int:
    """Return the plaintext size of one authenticated chunk of an encrypted file."""
    return int(getattr(settings, "CANDID_VAULT_FILE_CHUNK_SIZE", 64 * 1024))
