"""Sign in and out: password check, brute-force lock, and the session that follows.

Every refusal says the same thing whether or not an account has the address typed,
so sign-in cannot be used to find out who has an account; failures are counted by
keyed hashes of the address and of the caller's network, never by plain values.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import authenticate, logout
from django.http import HttpRequest
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from candid.accounts import conf
from candid.accounts.exceptions import SignInRefused
from candid.accounts.identity import email_index_or_none, network_hash
from candid.accounts.models import SignInFailure, User
from candid.accounts.services.notices import security_notice_send
from candid.accounts.services.sessions import client_session_end, client_session_start

WRONG_CREDENTIALS = (
    "That e-mail address and password do not match an account. Check both and try "
    "again."
)
LOCKED = (
    "Too many failed sign-ins. To protect accounts, signing in from here is paused "
    "for 15 minutes. Try again later."
)


@sensitive_variables("raw_email", "password")
def account_sign_in(
    *,
    request: HttpRequest,
    raw_email: str,
    password: str,
    remember: bool,
    now: dt.datetime | None = None,
) -> User:
    """Sign the person in and start their session, or raise SignInRefused.

    After `CANDID_ACCOUNTS_LOCKOUT_FAILURES` (5) failures for one address, or more
    for one network, within 15 minutes, every attempt is refused for 15 minutes,
    even with the right password. "Keep me logged in" keeps the session on this
    browser only, for the declaration's period; otherwise it ends with the browser
    (SEC-05, seed 002). The account holder is told of the sign-in by e-mail.
    """
    now = now or timezone.now()
    account_hash = email_index_or_none(raw_email) or ""
    sign_in_lock_check(request=request, account_hash=account_hash, now=now)
    user = authenticate(request, username=raw_email, password=password)
    if user is None:
        sign_in_failure_record(request=request, account_hash=account_hash, now=now)
        raise SignInRefused(WRONG_CREDENTIALS)
    forget_failures_of(account_hash=account_hash, now=now)
    client_session_start(request=request, user=user, remember=remember, now=now)
    security_notice_send(user=user, kind="sign_in", request=request, now=now)
    return user


def sign_in_lock_check(
    *, request: HttpRequest, account_hash: str, now: dt.datetime
) -> None:
    """Raise SignInRefused while sign-in is paused for this address or network."""
    network = network_hash(request.META.get("REMOTE_ADDR", ""))
    if sign_in_locked(account_hash=account_hash, network=network, now=now):
        raise SignInRefused(LOCKED)


def sign_in_failure_record(
    *, request: HttpRequest, account_hash: str, now: dt.datetime
) -> None:
    """Count a wrong password against the address and the caller's network."""
    SignInFailure.objects.create(
        account_hash=account_hash,
        network_hash=network_hash(request.META.get("REMOTE_ADDR", "")),
        at=now,
    )
    _forget_old_failures(now=now)


def sign_in_locked(*, account_hash: str, network: str, now: dt.datetime) -> bool:
    """Say whether sign-in is paused for this address or network.

    Locked when the newest failure is less than the lock's duration old and it is
    the last of N failures that fell within the counting window. Attempts refused
    while locked are not counted, so a guesser cannot keep a client locked out.
    """
    return address_or_network_locked(
        SignInFailure.objects.all(), account_hash=account_hash, network=network, now=now
    )


def address_or_network_locked(
    attempts, *, account_hash: str, network: str, now: dt.datetime
) -> bool:
    """Say whether the address's or the network's recent attempts reached the limit.

    Used for failed sign-ins, reset requests and sign-ups alike (SEC-05).
    """
    return attempts_locked(
        attempts.filter(account_hash=account_hash), conf.lockout_failures(), now
    ) or attempts_locked(
        attempts.filter(network_hash=network), conf.lockout_network_failures(), now
    )


def attempts_locked(failures, limit: int, now: dt.datetime) -> bool:
    """Say whether the newest of the last `limit` attempts keeps them locked."""
    window, duration = conf.lockout_window(), conf.lockout_duration()
    recent = list(
        failures.filter(at__gt=now - window - duration)
        .order_by("-at")
        .values_list("at", flat=True)[:limit]
    )
    if len(recent) < limit:
        return False
    newest, oldest = recent[0], recent[-1]
    return newest > now - duration and newest - oldest <= window


def forget_failures_of(*, account_hash: str, now: dt.datetime) -> None:
    """Clear an address's failures after a successful sign-in."""
    horizon = now - conf.lockout_window() - conf.lockout_duration()
    SignInFailure.objects.filter(at__gt=horizon, account_hash=account_hash).delete()


def _forget_old_failures(*, now: dt.datetime) -> None:
    """Delete failures too old to count: they are kept no longer than needed."""
    horizon = now - conf.lockout_window() - conf.lockout_duration()
    SignInFailure.objects.filter(at__lte=horizon).delete()


def account_sign_out(*, request: HttpRequest) -> None:
    """End this browser's session: delete it from the store and from the list."""
    user = request.user
    if user.is_authenticated:
        client_session_end(user=user, session=request.session)
    logout(request)
