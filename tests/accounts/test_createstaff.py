"""`candid createstaff`: a staff account with roles, or nothing at all."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

import pytest

from candid.accounts.models import User
from tests.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_createstaff_opens_a_staff_account_with_its_roles(monkeypatch, capsys):
    # given
    Group.objects.create(name="Front desk")
    monkeypatch.setenv("STAFF_PASSWORD", PASSWORD)

    # when
    call_command(
        "createstaff",
        "dana@studio.example",
        "--name=Dana Staff",
        "--role=Front desk",
        "--password-from-env=STAFF_PASSWORD",
    )

    # then
    staff = User.objects.get_by_natural_key("dana@studio.example")
    assert (staff.is_staff, staff.is_superuser, staff.full_name) == (
        True,
        False,
        "Dana Staff",
    )
    assert [g.name for g in staff.groups.all()] == ["Front desk"]
    assert staff.check_password(PASSWORD)
    assert capsys.readouterr().out == f"Created staff account {staff.pk}.\n"


def test_createstaff_with_an_unknown_role_creates_nothing(monkeypatch):
    # given
    monkeypatch.setenv("STAFF_PASSWORD", PASSWORD)

    # when
    with pytest.raises(CommandError) as refused:
        call_command(
            "createstaff",
            "dana@studio.example",
            "--role=Owner",
            "--password-from-env=STAFF_PASSWORD",
        )

    # then
    assert str(refused.value) == "No such role: Owner. Nothing was created."
    assert User.objects.count() == 0


def test_createstaff_refuses_a_weak_password(monkeypatch):
    # given
    monkeypatch.setenv("STAFF_PASSWORD", "12345")

    # when
    with pytest.raises(CommandError) as refused:
        call_command(
            "createstaff", "dana@studio.example", "--password-from-env=STAFF_PASSWORD"
        )

    # then
    assert "Nothing was created." in str(refused.value)
    assert User.objects.count() == 0


def test_createstaff_asks_twice_and_refuses_different_passwords(monkeypatch):
    # given
    answers = iter([PASSWORD, PASSWORD + "!"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))

    # when
    with pytest.raises(CommandError) as refused:
        call_command("createstaff", "dana@studio.example")

    # then
    assert str(refused.value) == "The passwords do not match. Nothing was created."
    assert User.objects.count() == 0
