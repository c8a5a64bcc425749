"""Sign-up that does not tell who has an account, and its e-mailed confirmation.

Sign-up answers the same for a new address and a taken one: "check your inbox".
A new address gets an inactive account and a link that confirms it; the link works
only with the password chosen at sign-up, so someone who typed another person's
address can never use the account, and the owner is not signed in to an account
someone else set up. A taken address gets a message telling its owner that
someone tried, with the ways back in (sign in, reset the password). Both branches
hash the password and send one e-mail, so their slowest steps take alike (the new
branch still writes a few rows more).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from candid.accounts import conf, events
from candid.accounts.exceptions import AccountError, AccountExists, SignInRefused
from candid.accounts.identity import email_index, network_hash
from candid.accounts.models import SignUpAttempt, SignUpPending, User
from candid.accounts.services import choices
from candid.accounts.services.accounts import account_sign_up, sign_up_allowed
from candid.accounts.services.notices import account_link_send
from candid.accounts.services.sessions import client_session_start
from candid.accounts.services.signin import (
    address_or_network_locked,
    sign_in_failure_record,
    sign_in_lock_check,
)
from candid.accounts.tokens import account_from_uid, sign_up_tokens, uid_encode
from candid.mail import conf as mail_conf

SIGN_UP_LOCKED = (
    "Too many sign-ups from here or for this address. To protect mailboxes, "
    "signing up is paused for 15 minutes. Try again later."
)
CONFIRMATION_REFUSED = (
    "That is not the password chosen when the account was opened. Try again, or "
    'choose a new password with "Forgot your password?".'
)


@sensitive_variables("email", "password", "full_name", "date_of_birth")
def sign_up_request(
    *,
    full_name: str,
    email: str,
    password: str,
    date_of_birth: dt.date,
    marketing_opt_in: bool,
    policy_acknowledged: bool = False,
    remote_addr: str = "",
    now: dt.datetime | None = None,
) -> None:
    """Open an inactive account and e-mail its confirmation link, or warn the owner.

    Raises what `account_sign_up` raises before it looks at the address (under
    age, KID-01; acknowledgement missing, LAW-06), SignInRefused(SIGN_UP_LOCKED)
    past the limit of sign-ups per address or network (counted alike for every
    address, after the age check so nothing is kept of a child's attempt), never
    AccountExists.
    """
    now = now or timezone.now()
    sign_ups_expired_close(now=now)
    sign_up_allowed(
        date_of_birth=date_of_birth, policy_acknowledged=policy_acknowledged, now=now
    )
    _sign_up_count(email=email, remote_addr=remote_addr, now=now)
    if marketing_opt_in and choices.marketing_purpose() is None:
        raise AccountError("This studio sends no marketing e-mail to opt in to.")
    try:
        user = _pending_account(
            full_name=full_name,
            email=email,
            password=password,
            date_of_birth=date_of_birth,
            marketing_opt_in=marketing_opt_in,
            policy_acknowledged=policy_acknowledged,
            now=now,
        )
    except AccountExists:
        make_password(password)  # the cost the other branch pays
        _attempt_notice(email)
        return
    url = reverse("accounts:sign-up-confirm", args=[uid_encode(user), _token(user)])
    account_link_send(
        user=user, kind="sign_up_confirmation", url=mail_conf.base_url() + url
    )


@sensitive_variables("email")
def _sign_up_count(*, email: str, remote_addr: str, now: dt.datetime) -> None:
    account_hash = email_index(email)
    network = network_hash(remote_addr)
    if address_or_network_locked(
        SignUpAttempt.objects.all(), account_hash=account_hash, network=network, now=now
    ):
        raise SignInRefused(SIGN_UP_LOCKED)
    SignUpAttempt.objects.create(
        account_hash=account_hash, network_hash=network, at=now
    )
    horizon = now - conf.lockout_window() - conf.lockout_duration()
    SignUpAttempt.objects.filter(at__lte=horizon).delete()


@sensitive_variables("email", "password", "full_name", "date_of_birth")
def _pending_account(*, marketing_opt_in: bool, now: dt.datetime, **values) -> User:
    with transaction.atomic():
        user = account_sign_up(marketing_opt_in=False, now=now, **values)
        user.is_active = False
        user.save(update_fields=["is_active"])
        SignUpPending.objects.create(
            user=user, marketing_opt_in=marketing_opt_in, created_at=now
        )
    return user


def _token(user: User) -> str:
    return sign_up_tokens.make_token(user)


@sensitive_variables("email")
def _attempt_notice(email: str) -> None:
    owner = User.objects.filter(email_index=email_index(email)).first()
    if owner is None or not (owner.is_active or _is_pending(owner)):
        return  # a closed account: its address is no longer written to
    events.sign_up_attempted(user=owner)
    account_link_send(user=owner, kind="sign_up_attempt")


def _is_pending(user: User) -> bool:
    return SignUpPending.objects.filter(user=user).exists()


def sign_up_pending_from_link(
    *, unverified_uid: str, unverified_token: str
) -> User | None:
    """Return the unconfirmed account a confirmation link names, None if void.

    Void: malformed, expired, for an account already confirmed or closed, or
    forged; all alike.
    """
    user = account_from_uid(unverified_uid)
    if user is None or user.is_active or not _is_pending(user):
        return None
    if not sign_up_tokens.check_token(user, unverified_token):
        return None
    return user


@sensitive_variables("password")
def sign_up_confirm(
    *, request: HttpRequest, user: User, password: str, now: dt.datetime | None = None
) -> User:
    """Confirm the account with the password chosen at sign-up and sign it in.

    A wrong password is refused and counted like a failed sign-in, so the link
    cannot be used to guess it; the account stays unconfirmed. The marketing box
    ticked at sign-up becomes a consent (or a double opt-in request) only now.
    """
    now = now or timezone.now()
    sign_in_lock_check(request=request, account_hash=user.email_index or "", now=now)
    if not user.check_password(password):
        sign_in_failure_record(
            request=request, account_hash=user.email_index or "", now=now
        )
        raise SignInRefused(CONFIRMATION_REFUSED)
    with transaction.atomic():
        pending = SignUpPending.objects.select_for_update().get(user=user)
        user.is_active = True
        user.save(update_fields=["is_active"])
        pending.delete()
        if pending.marketing_opt_in and choices.marketing_purpose() is not None:
            choices.marketing_opt_in_at_sign_up(user=user, now=now)
        events.sign_up_confirmed(user=user)
    client_session_start(request=request, user=user, remember=False, now=now)
    return user


def sign_ups_expired_close(*, now: dt.datetime | None = None) -> int:
    """Close the accounts nobody confirmed in time: profile deleted, address freed.

    Their e-mail, its blind index and name are deleted and the password made
    unusable, so the address can sign up again; the inactive row and its data
    subject stay for the records already written under it (the acknowledgement).
    Idempotent; return how many were closed.
    """
    now = now or timezone.now()
    horizon = now - conf.sign_up_link_lifetime()
    closed = 0
    for pending in SignUpPending.objects.filter(created_at__lt=horizon):
        with transaction.atomic():
            user = User.objects.select_for_update().get(pk=pending.user_id)
            user.email = user.email_index = user.full_name = user.phone = None
            user.set_unusable_password()
            user.save(
                update_fields=["email", "email_index", "full_name", "phone", "password"]
            )
            SignUpPending.objects.filter(pk=pending.pk).delete()
            events.sign_up_expired(user=user)
        closed += 1
    return closed
