"""Accounts offer the rights kernel a subject finder and data points (DSR-05)."""

import pytest

from candid.accounts.models import Address
from candid.accounts.verification import (
    PHONE,
    POSTCODE,
    phone_matches,
    postcode_matches,
    subject_by_email,
)
from candid.rights.identity import data_points, subject_for_email


@pytest.fixture
def ana(account_factory):
    account = account_factory("ana@example.com")
    account.phone = "+44 (0)7700 900-123"
    account.save()
    Address.objects.create(
        user=account, subject_id=account.subject_id, postal_code="BA1 1AA"
    )
    return account


def test_an_address_finds_its_accounts_subject_through_the_blind_index(ana):
    assert subject_by_email(" Ana@Example.com ") == ana.subject_id
    assert subject_for_email("ana@example.com") == ana.subject_id


@pytest.mark.parametrize("raw", ["nobody@example.com", "not an address"])
def test_an_unknown_or_malformed_address_finds_no_subject(ana, raw):
    assert subject_by_email(raw) is None


def test_a_closed_account_is_not_found(ana):
    ana.is_active = False
    ana.save()
    assert subject_by_email("ana@example.com") is None


@pytest.mark.parametrize(("answer", "matches"), [("0123", True), ("0-1-2-3", True)])
def test_the_last_four_digits_of_the_phone_match(ana, answer, matches):
    assert phone_matches(ana.subject_id, answer) is matches


@pytest.mark.parametrize("answer", ["9123", "123", "900123", "abcd", ""])
def test_other_digits_or_lengths_do_not_match(ana, answer):
    assert phone_matches(ana.subject_id, answer) is False


def test_a_client_without_a_phone_matches_no_digits(account_factory):
    bruno = account_factory("bruno@example.com")
    assert phone_matches(bruno.subject_id, "0123") is False


@pytest.mark.parametrize(("answer", "matches"), [("ba1 1aa", True), ("BA11AA", True)])
def test_the_postcode_of_an_address_matches_in_any_spacing_or_case(
    ana, answer, matches
):
    assert postcode_matches(ana.subject_id, answer) is matches


@pytest.mark.parametrize("answer", ["SW1A 1AA", " ", ""])
def test_another_postcode_does_not_match(ana, answer):
    assert postcode_matches(ana.subject_id, answer) is False


def test_accounts_register_their_data_points_with_the_rights_kernel():
    assert {PHONE, POSTCODE} <= set(data_points())
