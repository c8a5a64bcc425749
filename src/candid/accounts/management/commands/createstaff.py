"""`candid createstaff`: open a staff account, asking the password without echo."""

from __future__ import annotations

import getpass
import os

from django.contrib.auth import password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from candid.accounts.exceptions import AccountError
from candid.accounts.services.accounts import account_create


class Command(BaseCommand):
    help = (
        "Create a staff account. Give it roles with --role (a group name); "
        "--superuser gives every permission."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--name", default="", help="The staff member's full name.")
        parser.add_argument(
            "--role",
            action="append",
            default=[],
            help="A group (role) to join, e.g. 'Front desk'; repeat for several.",
        )
        parser.add_argument("--superuser", action="store_true")
        parser.add_argument(
            "--password-from-env",
            metavar="VARIABLE",
            help="Read the password from this environment variable instead of asking.",
        )

    def handle(self, *args, **options):
        groups = self._groups(options["role"])
        password = self._password(options["password_from_env"])
        try:
            with transaction.atomic():
                user = account_create(
                    email=options["email"],
                    password=password,
                    full_name=options["name"],
                    is_staff=True,
                    is_superuser=options["superuser"],
                )
                user.groups.set(groups)
        except (AccountError, ValidationError) as error:
            raise CommandError(_message(error)) from None
        self.stdout.write(f"Created staff account {user.pk}.")

    def _groups(self, names: list[str]) -> list[Group]:
        groups = list(Group.objects.filter(name__in=names))
        missing = sorted(set(names) - {group.name for group in groups})
        if missing:
            raise CommandError(
                f"No such role: {', '.join(missing)}. Nothing was created."
            )
        return groups

    def _password(self, variable: str | None) -> str:
        if variable:
            password = os.environ.get(variable, "")
        else:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password again: "):
                raise CommandError("The passwords do not match. Nothing was created.")
        try:
            password_validation.validate_password(password)
        except ValidationError as error:
            raise CommandError(_message(error)) from None
        return password


def _message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages) + " Nothing was created."
    return f"{error} Nothing was created."
