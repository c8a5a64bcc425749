"""The client's own profile and addresses: encrypted, edited at once, future orders only."""

from __future__ import annotations

from django.core import mail
from django.db import connection

import pytest

from candid.accounts.exceptions import AccountExists
from candid.accounts.identity import email_index
from candid.accounts.models import Address, User
from candid.accounts.services.profile import address_add, profile_update
from candid.audit.models import AuditEvent
from tests.accounts.conftest import PASSWORD, signed_in_browser

pytestmark = pytest.mark.django_db

HOME = {
    "recipient": "Ana Lima",
    "lines": "1 High Street",
    "city": "Bath",
    "postal_code": "BA1 1AA",
    "country": "United Kingdom",
}


def raw_row(table: str, pk) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE id = %s", [pk.hex])  # noqa: S608
        row = cursor.fetchone()
        if row is None:
            cursor.execute(f"SELECT * FROM {table} WHERE id = %s", [str(pk)])  # noqa: S608
            row = cursor.fetchone()
    return " ".join(str(value) for value in row)


def test_the_profile_is_stored_encrypted_and_reads_back_in_clear(account):
    """SEC-04: contact data is encrypted at rest under the client's own key."""
    # given
    profile_update(
        user=account,
        full_name="Ana Lima",
        email="ana@example.com",
        phone="+44 20 7946 0000",
    )

    # when
    stored = raw_row("accounts_user", account.pk)

    # then
    for value in ("Ana Lima", "ana@example.com", "+44 20 7946 0000"):
        assert value not in stored
    fresh = User.objects.get(pk=account.pk)
    assert (fresh.full_name, fresh.email, fresh.phone) == (
        "Ana Lima",
        "ana@example.com",
        "+44 20 7946 0000",
    )


def test_an_address_is_stored_encrypted(account):
    # when
    address = address_add(user=account, values=HOME)

    # then
    stored = raw_row("accounts_address", address.pk)
    for value in HOME.values():
        assert value not in stored
    assert Address.objects.get().lines == "1 High Street"


def test_profile_edits_apply_at_once(account):
    # given
    browser, _ = signed_in_browser(account.email)

    # when
    response = browser.post(
        "/account/",
        {"full_name": "Ana Lima Costa", "email": account.email, "phone": ""},
    )

    # then
    assert response.status_code == 302
    assert User.objects.get().full_name == "Ana Lima Costa"
    event = AuditEvent.objects.filter(action="data.changed").get()
    assert event.details == {"event": "profile_changed", "fields": ["full_name"]}


def test_a_changed_e_mail_moves_the_sign_in_and_tells_the_old_address(account):
    # when
    mail.outbox.clear()
    profile_update(
        user=account, full_name="Ana Lima", email="ana@new.example", phone=""
    )

    # then
    assert User.objects.get().email_index == email_index("ana@new.example")
    assert User.objects.get_by_natural_key("ana@new.example") == account
    [notice] = mail.outbox
    assert notice.to == ["ana@example.com"]
    assert notice.subject == "The e-mail address of your account was changed"


def test_changing_to_an_address_another_account_has_is_refused_and_changes_nothing(
    account, other_account
):
    # when
    with pytest.raises(AccountExists):
        profile_update(
            user=account, full_name="Ana", email="bruno@example.com", phone="1"
        )

    # then
    fresh = User.objects.get(pk=account.pk)
    assert (fresh.full_name, fresh.email, fresh.phone) == (
        "Ana Lima",
        "ana@example.com",
        None,
    )


def test_the_address_pages_say_existing_orders_keep_their_address(account):
    """DSR-09, seed 002: "changes ... will only show in orders made after"."""
    # given
    browser, _ = signed_in_browser(account.email)
    address = address_add(user=account, values=HOME)

    # when
    listing = browser.get("/account/addresses/").content.decode()
    editing = browser.get(f"/account/addresses/{address.pk}/").content.decode()

    # then
    assert (
        "Changes apply to future orders only: an order keeps the address it was placed with."
        in listing
    )
    assert "Orders already placed keep the address they were placed with" in editing


def test_a_client_edits_and_deletes_their_own_addresses(account):
    # given
    browser, _ = signed_in_browser(account.email)
    browser.post("/account/addresses/", HOME)
    address = Address.objects.get()

    # when
    browser.post(f"/account/addresses/{address.pk}/", {**HOME, "city": "Bristol"})
    edited = Address.objects.get().city
    browser.post(f"/account/addresses/{address.pk}/delete/")

    # then
    assert edited == "Bristol"
    assert Address.objects.count() == 0


def test_the_first_address_is_the_default_and_deleting_it_promotes_the_next(account):
    # given
    first = address_add(user=account, values=HOME)
    second = address_add(user=account, values={**HOME, "city": "York"})
    browser, _ = signed_in_browser(account.email)

    # when
    browser.post(f"/account/addresses/{first.pk}/delete/")

    # then
    assert Address.objects.get().pk == second.pk
    assert Address.objects.get().is_default is True


def test_attacker_cannot_read_or_change_another_clients_address(account, other_account):
    # given
    address = address_add(user=account, values=HOME)
    attacker, _ = signed_in_browser(other_account.email)

    # when
    read = attacker.get(f"/account/addresses/{address.pk}/")
    changed = attacker.post(f"/account/addresses/{address.pk}/", {**HOME, "city": "X"})
    deleted = attacker.post(f"/account/addresses/{address.pk}/delete/")

    # then
    assert (read.status_code, changed.status_code, deleted.status_code) == (
        404,
        404,
        404,
    )
    assert Address.objects.get().city == "Bath"


def test_a_wrong_old_password_changes_nothing(account):
    # given
    browser, _ = signed_in_browser(account.email)

    # when
    response = browser.post(
        "/account/password/",
        {"old_password": "wrong", "new_password1": "x" * 12, "new_password2": "x" * 12},
    )

    # then
    assert response.status_code == 200
    assert User.objects.get().check_password(PASSWORD)
