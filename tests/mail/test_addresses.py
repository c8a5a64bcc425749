"""Recipient addresses: normalised and hashed with a key for the suppression list (MKT-08)."""

import pytest

from candid.mail.addresses import address_hash, address_normalise
from candid.mail.exceptions import InvalidRecipient


def test_an_address_is_trimmed_and_lower_cased():
    assert address_normalise("  Ana@Example.COM ") == "ana@example.com"


def test_one_address_written_two_ways_has_one_hash():
    assert address_hash(" Ana@Example.com") == address_hash("ana@example.com")


def test_the_hash_is_hex_sha256_and_hides_the_address():
    # when
    digest = address_hash("ana@example.com")

    # then
    assert len(digest) == 64
    assert int(digest, 16) >= 0
    assert "ana" not in digest


def test_the_hash_depends_on_the_key(settings):
    # given
    first = address_hash("ana@example.com")

    # when
    settings.CANDID_MAIL_KEY = "another-key"

    # then
    assert address_hash("ana@example.com") != first


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "ana",
        "ana@",
        "ana@example.com, bob@example.com",
        "ana@example.com\nBcc: x@y.z",
    ],
)
def test_anything_but_one_valid_address_is_refused(raw):
    with pytest.raises(InvalidRecipient) as refused:
        address_normalise(raw)

    assert str(refused.value) == (
        "the recipient must be one valid e-mail address, such as ana@example.com"
    )
