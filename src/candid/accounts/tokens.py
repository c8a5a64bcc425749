"""The one-time links e-mailed for a password reset and a sign-up confirmation.

Both are Django's `PasswordResetTokenGenerator` (HMAC of the account's id, password
hash, last sign-in and e-mail, with a timestamp) under their own salt, so one kind
of link never opens the other. A reset link stops working once the password
changes; a confirmation link once the account is confirmed. Each has its own
lifetime (`conf.password_reset_lifetime`, `conf.sign_up_link_lifetime`), checked
on top of Django's PASSWORD_RESET_TIMEOUT.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import ValidationError
from django.utils.encoding import force_bytes, force_str
from django.utils.http import (
    base36_to_int,
    urlsafe_base64_decode,
    urlsafe_base64_encode,
)

from candid.accounts import conf
from candid.accounts.models import User


class _LinkTokens(PasswordResetTokenGenerator):
    lifetime: Callable[[], dt.timedelta]

    def check_token(self, user, token) -> bool:
        if not super().check_token(user, token):
            return False
        age = self._num_seconds(self._now()) - base36_to_int(token.split("-")[0])
        return age <= self.lifetime().total_seconds()


class PasswordResetTokens(_LinkTokens):
    """Reset links: void once the password changes or the account signs in."""

    key_salt = "candid.accounts.password-reset"
    lifetime = staticmethod(conf.password_reset_lifetime)

    def _make_hash_value(self, user, timestamp) -> str:
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"


class SignUpTokens(_LinkTokens):
    """Confirmation links: void once the account is confirmed (it becomes active)."""

    key_salt = "candid.accounts.sign-up"
    lifetime = staticmethod(conf.sign_up_link_lifetime)

    def _make_hash_value(self, user, timestamp) -> str:
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"


password_reset_tokens = PasswordResetTokens()
sign_up_tokens = SignUpTokens()


def uid_encode(user: User) -> str:
    """Return the account id as it appears in an e-mailed link."""
    return urlsafe_base64_encode(force_bytes(user.pk))


def account_from_uid(unverified_uid: str) -> User | None:
    """Return the account an e-mailed link names, or None for a malformed id."""
    try:
        pk = force_str(urlsafe_base64_decode(unverified_uid))
        return User.objects.filter(pk=pk).first()
    except (ValueError, TypeError, OverflowError, ValidationError):
        return None
