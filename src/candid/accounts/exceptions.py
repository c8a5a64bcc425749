"""The errors of client accounts: each carries the message the person is shown."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


class AccountError(Exception):
    """An account action was refused; nothing changed. `str()` is safe to show."""


class AccountExists(AccountError):
    """An account already uses this e-mail address."""

    def __init__(self) -> None:
        super().__init__(
            "An account with this e-mail address already exists. Sign in instead."
        )


class SignupUnderage(AccountError):
    """The person is younger than the declaration's minimum age (KID-01)."""

    def __init__(self, *, minimum_age: int) -> None:
        self.minimum_age = minimum_age
        super().__init__(
            f"Sorry, you must be at least {minimum_age} years old to open an account. "
            "No account was created and nothing you entered was kept."
        )


class SignInRefused(AccountError):
    """Sign-in failed. The message never says whether the account exists."""


class AccessDenied(PermissionDenied):
    """A staff member may not see this account, or it does not exist (same error)."""

    def __init__(self) -> None:
        super().__init__("You do not have access to this account.")
