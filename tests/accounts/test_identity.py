"""The e-mail blind index and network hashes: keyed, normalised, never reversible."""

from __future__ import annotations

from django.core.exceptions import ValidationError

import pytest

from candid.accounts.identity import email_index, email_index_or_none, network_hash


def test_one_address_has_one_index_whatever_its_case_and_spaces():
    assert email_index(" Ana@Example.COM ") == email_index("ana@example.com")


def test_the_index_is_a_keyed_hash_that_changes_with_the_key(settings):
    # given
    first = email_index("ana@example.com")

    # when
    settings.CANDID_ACCOUNTS_INDEX_KEY = "another key, another index"

    # then
    assert email_index("ana@example.com") != first
    assert len(first) == 64
    assert "ana" not in first


def test_a_malformed_address_has_no_index():
    with pytest.raises(ValidationError):
        email_index("ana at example")
    assert email_index_or_none("ana at example") is None


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("198.51.100.7", "198.51.100.250", True),
        ("198.51.100.7", "198.51.101.7", False),
        ("2001:db8:1:2::1", "2001:db8:1:2:ffff::9", True),
        ("2001:db8:1:2::1", "2001:db8:1:3::1", False),
        ("not an address", "", True),
    ],
)
def test_networks_are_counted_per_ipv4_24_and_ipv6_64(first, second, same):
    assert (network_hash(first) == network_hash(second)) is same
