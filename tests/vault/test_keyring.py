import base64
import stat
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

import pytest

from candid.vault.keyring import master_keyring, parse_master_keys
from tests.vault.conftest import master_keys

KEY = base64.b64encode(b"a" * 32).decode()


def test_the_first_master_key_wraps_and_every_one_unwraps() -> None:
    # when
    keyring = parse_master_keys(master_keys(("new", b"n" * 32), ("old", b"o" * 32)))
    # then
    assert keyring.primary.id == "new"
    assert sorted(keyring.by_id) == ["new", "old"]


def test_a_single_key_without_an_id_is_called_default() -> None:
    # when
    keyring = parse_master_keys(f" {KEY} ")
    # then
    assert keyring.primary.id == "default"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "No vault master key: set CANDID_MASTER_KEYS (id:base64 of 32 bytes)."),
        (" , ", "No vault master key: set CANDID_MASTER_KEYS (id:base64 of 32 bytes)."),
        (
            "k1:" + base64.b64encode(b"short").decode(),
            "Master key 'k1' is not the base64 of 32 bytes.",
        ),
        ("k1:not base64!", "Master key 'k1' is not the base64 of 32 bytes."),
        (
            f"bad id:{KEY}",
            "Master key 1 has an invalid id: use 1 to 64 letters, digits, '-', '_' or '.'.",
        ),
        (
            f":{KEY}",
            "Master key 1 has an invalid id: use 1 to 64 letters, digits, '-', '_' or '.'.",
        ),
        (f"k1:{KEY},k1:{KEY}", "Master key id 'k1' is configured twice."),
    ],
    ids=["empty", "blank", "short", "not-base64", "bad-id", "empty-id", "duplicate"],
)
def test_a_malformed_master_key_setting_is_refused_without_showing_the_key(
    raw: str, message: str
) -> None:
    # when / then
    with pytest.raises(ImproperlyConfigured) as refused:
        parse_master_keys(raw)
    assert str(refused.value) == message


def test_an_unconfigured_master_key_id_names_the_fix() -> None:
    # given
    keyring = parse_master_keys(f"k1:{KEY}")
    # when / then
    with pytest.raises(ImproperlyConfigured) as refused:
        keyring.get("k0")
    assert str(refused.value) == (
        "Master key 'k0' wrapped data keys but is not configured: keep it in "
        "CANDID_MASTER_KEYS until rotation has re-wrapped them."
    )


def test_production_without_a_master_key_refuses_to_run(tmp_path: Path) -> None:
    # given
    with override_settings(
        CANDID_MASTER_KEYS="", DEBUG=False, DEMO=False, DATA_DIR=tmp_path
    ):
        # when / then
        with pytest.raises(ImproperlyConfigured):
            master_keyring()
    assert list(tmp_path.iterdir()) == []


def test_the_demo_generates_a_private_key_file_on_first_run(tmp_path: Path) -> None:
    # given
    with override_settings(CANDID_MASTER_KEYS="", DEMO=True, DATA_DIR=tmp_path):
        # when
        keyring = master_keyring()
    # then
    key_file = tmp_path / "vault_master_keys"
    assert keyring.primary.id == "demo"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["vault_master_keys"]


def test_the_demo_reuses_its_key_file_on_the_next_run(tmp_path: Path) -> None:
    # given
    with override_settings(CANDID_MASTER_KEYS="", DEMO=True, DATA_DIR=tmp_path):
        master_keyring()
        first = (tmp_path / "vault_master_keys").read_text()
        master_keyring.cache_clear()
        # when
        master_keyring()
    # then
    assert (tmp_path / "vault_master_keys").read_text() == first


def test_a_configured_key_wins_over_the_demo_key_file(tmp_path: Path) -> None:
    # given
    with override_settings(
        CANDID_MASTER_KEYS=f"prod:{KEY}", DEMO=True, DATA_DIR=tmp_path
    ):
        # when
        keyring = master_keyring()
    # then
    assert keyring.primary.id == "prod"
    assert list(tmp_path.iterdir()) == []


def test_a_process_starting_at_the_same_time_keeps_the_first_key(
    tmp_path: Path,
) -> None:
    # given: another process wrote the key file first
    from candid.vault.keyring import _create_key_file

    key_file = tmp_path / "vault_master_keys"
    _create_key_file(key_file)
    first = key_file.read_text()
    # when
    _create_key_file(key_file)
    # then
    assert key_file.read_text() == first
    assert [p.name for p in tmp_path.iterdir()] == ["vault_master_keys"]


def test_changing_an_unrelated_setting_keeps_the_loaded_keys() -> None:
    # given
    keyring = master_keyring()
    # when
    with override_settings(CANDID_VAULT_KEY_CACHE_SECONDS=1):
        again = master_keyring()
    # then
    assert again is keyring
