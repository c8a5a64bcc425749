"""The account manager: finds an account by its e-mail's blind index."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.base_user import BaseUserManager
from django.views.decorators.debug import sensitive_variables

from candid.accounts.identity import email_index_or_none


class UserManager(BaseUserManager):
    """Look accounts up by e-mail through the blind index; creation is a service."""

    @sensitive_variables("email")
    def get_by_natural_key(self, email: str) -> Any:
        """Return the account whose e-mail is `email`, found by its keyed hash.

        Sign-in (Django's ModelBackend) calls this with the address typed in; an
        address that is not one raises DoesNotExist like an unknown one.
        """
        index = email_index_or_none(email or "")
        if index is None:
            raise self.model.DoesNotExist
        return self.get(email_index=index)

    @sensitive_variables("password")
    def create_user(
        self, email: str | None = None, password: str | None = None, **extra: Any
    ):
        """Create an account through `account_create` (Django's hook, for tests).

        Takes `full_name`, `is_staff`, `is_superuser` and `is_active`; the e-mail
        address is the account's name, there is no username.
        """
        from candid.accounts.services.accounts import account_create

        is_active = extra.pop("is_active", True)
        user = account_create(email=email or "", password=password, **extra)
        if not is_active:
            user.is_active = False
            user.save(update_fields=["is_active"])
        return user

    @sensitive_variables("password")
    def create_superuser(
        self, email: str | None = None, password: str | None = None, **extra: Any
    ):
        """Create a superuser account through `account_create` (Django's hook)."""
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)
