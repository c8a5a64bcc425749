"""Service e-mails of accounts: security notices and opt-in confirmations.

Both go through the mail app as declared service messages, so they can carry no
promotion (MKT-05). A studio whose declaration names no fitting service message
sends none: the notice is logged as skipped instead of sent under a wrong name.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib

from django.core import signing
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from candid.accounts import conf
from candid.accounts.devices import device_summary
from candid.accounts.models import PendingOptIn, User
from candid.mail import conf as mail_conf
from candid.mail.services import mail_send_service
from candid.notices.selectors import declaration_active

logger = logging.getLogger("candid.accounts")

OPT_IN_SALT = "candid.accounts.opt-in"
OPT_IN_MAX_AGE = dt.timedelta(days=7)
NOTICE_SUBJECTS = {
    "sign_in": "New sign-in to your account",
    "password_changed": "Your password was changed",
    "email_changed": "The e-mail address of your account was changed",
}
LINK_SUBJECTS = {
    "password_reset": "Reset your password",
    "sign_up_confirmation": "Confirm your new account",
    "sign_up_attempt": "Someone tried to open an account with your address",
}


def declared_message_key(candidates: tuple[str, ...]) -> str | None:
    """Return the first of `candidates` the declaration names as a service message."""
    declared = {m.key for m in declaration_active().communications.service}
    return next((key for key in candidates if key in declared), None)


def security_notice_send(
    *,
    user: User,
    kind: str,
    request: HttpRequest | None = None,
    to: str | None = None,
    now: dt.datetime | None = None,
) -> bool:
    """E-mail the account holder that something happened to their account.

    `kind` is "sign_in", "password_changed" or "email_changed"; the notice says when,
    from which kind of device, and what to do if it was not them. Return whether it
    was sent. A mail server failure is logged, not raised: the sign-in stands.
    """
    key = declared_message_key(conf.security_message_keys())
    if key is None:
        logger.warning("accounts.notice_skipped kind=%s reason=undeclared", kind)
        return False
    context = {
        "kind": kind,
        "at": now or timezone.now(),
        "device": device_summary(request.headers.get("User-Agent", ""))
        if request
        else "",
        "sessions_url": mail_conf.base_url() + reverse("accounts:sessions"),
        "studio_name": declaration_active().controller.name,
    }
    return _send(
        key=key,
        to=to or user.email,
        subject=NOTICE_SUBJECTS[kind],
        template="accounts/email/security_notice.txt",
        context=context,
    )


def account_link_send(*, user: User, kind: str, url: str = "") -> bool:
    """E-mail the account holder a link or a warning about their account.

    `kind` is "password_reset" (a one-time reset link), "sign_up_confirmation" (the
    link that confirms a new account) or "sign_up_attempt" (someone tried to open an
    account with this address, which already has one). Sent as the declared
    security message; return whether it went out.
    """
    key = declared_message_key(conf.security_message_keys())
    if key is None:
        logger.warning("accounts.link_skipped kind=%s reason=undeclared", kind)
        return False
    context = {
        "kind": kind,
        "url": url,
        "sign_in_url": mail_conf.base_url() + reverse("accounts:sign-in"),
        "reset_url": mail_conf.base_url() + reverse("accounts:password-reset"),
        "minutes": int(conf.password_reset_lifetime().total_seconds() // 60),
        "days": conf.sign_up_link_lifetime().days,
        "studio_name": declaration_active().controller.name,
    }
    return _send(
        key=key,
        to=user.email,
        subject=LINK_SUBJECTS[kind],
        template="accounts/email/account_link.txt",
        context=context,
    )


def opt_in_confirmation_send(*, user: User, pending: PendingOptIn) -> bool:
    """E-mail the link that confirms a double opt-in; return whether it was sent."""
    key = declared_message_key(conf.opt_in_message_keys())
    if key is None:
        logger.warning(
            "accounts.opt_in_mail_skipped purpose=%s reason=undeclared", pending.purpose
        )
        return False
    declaration = declaration_active()
    token = signing.dumps(str(pending.pk), salt=OPT_IN_SALT)
    context = {
        "purpose_name": declaration.purpose(pending.purpose).name,
        "confirm_url": mail_conf.base_url() + reverse("accounts:opt-in", args=[token]),
        "days": OPT_IN_MAX_AGE.days,
        "studio_name": declaration.controller.name,
    }
    return _send(
        key=key,
        to=user.email,
        subject="Please confirm your e-mail choice",
        template="accounts/email/opt_in_confirmation.txt",
        context=context,
    )


def opt_in_pending_from_token(unverified_token: str) -> PendingOptIn | None:
    """Return the pending opt-in a confirmation link names, None if invalid or expired."""
    try:
        pending_id = signing.loads(
            unverified_token, salt=OPT_IN_SALT, max_age=OPT_IN_MAX_AGE
        )
    except signing.BadSignature:
        return None
    return PendingOptIn.objects.filter(pk=pending_id).first()


def _send(*, key: str, to: str | None, subject: str, template: str, context) -> bool:
    if not to:
        return False
    try:
        mail_send_service(
            message_key=key,
            to=to,
            subject=subject,
            text_template=template,
            context=context,
        )
    except (OSError, smtplib.SMTPException) as error:
        logger.warning(
            "accounts.mail_failed message=%s error=%s", key, type(error).__name__
        )
        return False
    return True
