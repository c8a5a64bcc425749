"""Forgotten passwords: an e-mailed one-time link, the same answer for every address.

A reset request says the same whether or not an account has the address, and is
limited like sign-in (per address and per network), so it can neither tell who
has an account nor flood a mailbox. The link is Django's token, void once used or
after `conf.password_reset_lifetime` (1 hour). Setting the new password ends every
session of the account, clears its failed sign-ins and tells the holder by e-mail.
An account awaiting confirmation is confirmed by it: its owner proved the address.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from candid.accounts import conf, events
from candid.accounts.exceptions import AccountError, SignInRefused
from candid.accounts.identity import email_index_or_none, network_hash
from candid.accounts.models import (
    ClientSession,
    PasswordResetAttempt,
    SignUpPending,
    User,
)
from candid.accounts.services.notices import account_link_send, security_notice_send
from candid.accounts.services.sessions import client_sessions_revoke_all
from candid.accounts.services.signin import (
    address_or_network_locked,
    forget_failures_of,
)
from candid.accounts.tokens import account_from_uid, password_reset_tokens, uid_encode
from candid.mail import conf as mail_conf

RESET_LOCKED = (
    "Too many password reset requests. To protect accounts, asking from here is "
    "paused for 15 minutes. Try again later."
)


@sensitive_variables("raw_email")
def password_reset_request(
    *, request: HttpRequest, raw_email: str, now: dt.datetime | None = None
) -> None:
    """E-mail a reset link if an account has this address; answer alike either way.

    Raise SignInRefused(RESET_LOCKED) past the limit, for any address alike.
    """
    now = now or timezone.now()
    account_hash = email_index_or_none(raw_email) or ""
    network = network_hash(request.META.get("REMOTE_ADDR", ""))
    if _reset_locked(account_hash=account_hash, network=network, now=now):
        raise SignInRefused(RESET_LOCKED)
    PasswordResetAttempt.objects.create(
        account_hash=account_hash, network_hash=network, at=now
    )
    PasswordResetAttempt.objects.filter(at__lte=now - _horizon()).delete()
    user = _resettable(account_hash)
    if user is None:
        return
    # Sent by the task worker: the answer takes as long whether or not an e-mail
    # goes out, so its timing does not tell that the account exists.
    from candid.accounts.tasks import password_reset_link_send_task

    password_reset_link_send_task.enqueue(str(user.pk))


def password_reset_link_send(*, user: User) -> bool:
    """E-mail the account holder a fresh one-time reset link, and record it."""
    url = reverse(
        "accounts:password-reset-confirm",
        args=[uid_encode(user), password_reset_tokens.make_token(user)],
    )
    events.password_reset_requested(user=user)
    return account_link_send(
        user=user, kind="password_reset", url=mail_conf.base_url() + url
    )


def _horizon() -> dt.timedelta:
    return conf.lockout_window() + conf.lockout_duration()


def _reset_locked(*, account_hash: str, network: str, now: dt.datetime) -> bool:
    return address_or_network_locked(
        PasswordResetAttempt.objects.all(),
        account_hash=account_hash,
        network=network,
        now=now,
    )


def _resettable(account_hash: str) -> User | None:
    """Return the account to reset: active, or awaiting confirmation; not closed."""
    if not account_hash:
        return None
    user = User.objects.filter(email_index=account_hash).first()
    if user is None:
        return None
    if user.is_active or SignUpPending.objects.filter(user=user).exists():
        return user
    return None


def password_reset_account(
    *, unverified_uid: str, unverified_token: str
) -> User | None:
    """Return the account a reset link names, None if void (all reasons alike)."""
    user = account_from_uid(unverified_uid)
    if user is None or _resettable(user.email_index or "") is None:
        return None
    if not password_reset_tokens.check_token(user, unverified_token):
        return None
    return user


@sensitive_variables("new_password")
def password_reset_complete(
    *, user: User, new_password: str, now: dt.datetime | None = None
) -> int:
    """Set the new password, end every session, and tell the holder; return how many.

    The link that led here stops working, as the password is part of its hash.
    """
    now = now or timezone.now()
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        pending = SignUpPending.objects.filter(user=user)
        if not user.is_active and not pending.exists():
            raise AccountError("This link no longer works. Ask for a new one.")
        user.set_password(new_password)
        user.is_active = True
        user.save(update_fields=["password", "is_active"])
        pending.delete()
        ended = ClientSession.objects.filter(user=user).count()
        client_sessions_revoke_all(user=user)
        forget_failures_of(account_hash=user.email_index or "", now=now)
        events.password_reset(user=user, sessions_ended=ended)
    security_notice_send(user=user, kind="password_changed", now=now)
    return ended
