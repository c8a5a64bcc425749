"""Unsubscribe tokens: signed over (subject, list, address hash), never expiring (MKT-03, MKT-04)."""

import uuid

from django.core import signing

import pytest

from candid.mail import conf
from candid.mail.exceptions import InvalidUnsubscribeToken
from candid.mail.tokens import (
    SALT,
    UnsubscribeTarget,
    unsubscribe_token_make,
    unsubscribe_token_read,
)

TARGET = UnsubscribeTarget(
    subject_id=uuid.UUID("6f1d2c3b-4a59-4e68-8f7a-9b0c1d2e3f40"),
    list_key="marketing_email",
    address_hash="a" * 64,
)


def test_a_token_reads_back_as_the_subject_list_and_address_it_was_made_for():
    # given
    token = unsubscribe_token_make(target=TARGET)

    # when
    target = unsubscribe_token_read(unverified_token=token)

    # then
    assert target == TARGET


def test_a_token_carries_no_date_so_it_never_expires_mkt04():
    # when
    first = unsubscribe_token_make(target=TARGET)
    second = unsubscribe_token_make(target=TARGET)

    # then
    assert first == second
    assert unsubscribe_token_read(unverified_token=first) == TARGET


def test_a_token_holds_no_plain_address():
    # when
    token = unsubscribe_token_make(target=TARGET)

    # then
    assert "@" not in token


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: "x" + token,
        lambda token: token.split(":")[0],
        lambda token: "",
        lambda token: "not-a-token",
    ],
    ids=["signature", "payload", "no-signature", "empty", "garbage"],
)
def test_a_tampered_token_is_refused_with_one_opaque_error(tamper):
    # given
    token = unsubscribe_token_make(target=TARGET)

    # when
    with pytest.raises(InvalidUnsubscribeToken) as refused:
        unsubscribe_token_read(unverified_token=tamper(token))

    # then
    assert str(refused.value) == "this unsubscribe link is not valid"


def test_a_token_signed_with_another_key_is_refused(settings):
    # given
    token = unsubscribe_token_make(target=TARGET)
    settings.CANDID_MAIL_KEY = "another-key"

    # when / then
    with pytest.raises(InvalidUnsubscribeToken):
        unsubscribe_token_read(unverified_token=token)


@pytest.mark.parametrize(
    "payload",
    [
        {"s": "not-a-uuid", "l": "marketing_email", "h": "a" * 64},
        {"s": str(TARGET.subject_id), "l": "", "h": "a" * 64},
        {"s": str(TARGET.subject_id), "l": "marketing_email", "h": "ab"},
        {"s": str(TARGET.subject_id), "l": "marketing_email"},
        ["a list"],
    ],
    ids=["subject", "list", "hash", "missing", "shape"],
)
def test_a_validly_signed_payload_of_the_wrong_shape_is_refused(payload):
    # given
    token = signing.Signer(key=conf.mail_key(), salt=SALT).sign_object(payload)

    # when / then
    with pytest.raises(InvalidUnsubscribeToken):
        unsubscribe_token_read(unverified_token=token)
