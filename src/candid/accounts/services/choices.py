"""A client's privacy choices: the policy acknowledgement, marketing opt-in, toggles.

Consent goes to the consent ledger through its services, with the wording shown; an
acknowledgement of the policy goes to its own table and is never consent (LAW-06).
A purpose that declares double opt-in is only recorded as pending at sign-up; the
grant enters the ledger when the person confirms from the e-mail sent to them.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from candid.accounts import events
from candid.accounts.exceptions import AccountError
from candid.accounts.models import PendingOptIn, User
from candid.accounts.services.notices import opt_in_confirmation_send
from candid.consent.models import Mechanism, Surface
from candid.consent.selectors import consent_current_for
from candid.consent.services import (
    consent_grant,
    consent_withdraw,
    consents_withdraw,
    notice_acknowledge,
)
from candid.notices.selectors import declaration_active, policy_version_current
from candid.policy import text_digest
from candid.policy.render import render_html
from candid.policy.schema import Purpose

MARKETING_PURPOSE = "marketing_email"
SIGN_UP = "sign_up"


def marketing_purpose() -> Purpose | None:
    """Return the declared marketing e-mail purpose, None if the studio sends none."""
    declaration = declaration_active()
    return next(
        (
            p
            for p in declaration.purposes
            if p.key == MARKETING_PURPOSE and p.needs_consent
        ),
        None,
    )


def marketing_checkbox_text(purpose: Purpose) -> str:
    """Return the words of the sign-up form's marketing box, as the ledger hashes them."""
    return f"Yes, send me {purpose.name.lower()}. {purpose.description}"


def acknowledgement_asked_at_sign_up() -> bool:
    """Say whether the declaration asks people to confirm they read it at sign-up."""
    return SIGN_UP in declaration_active().policy.acknowledged_at


def policy_acknowledge_at_sign_up(*, user: User, now: dt.datetime) -> None:
    """Record that the person confirmed reading the policy in force, if it asks that.

    Stored as `notice_acknowledged`, with the digest of the page shown; the purpose
    gate never reads it, so it can never stand in for consent (LAW-06, C-05).
    """
    if not acknowledgement_asked_at_sign_up():
        return
    notice_acknowledge(
        subject_id=user.subject_id,
        surface=SIGN_UP,
        text_sha256=_policy_page_digest(),
        now=now,
    )


def _policy_page_digest() -> str:
    published = policy_version_current()
    if published is not None:
        return published.rendered_sha256
    return text_digest(render_html(declaration_active()))


def marketing_opt_in_at_sign_up(*, user: User, now: dt.datetime) -> None:
    """Record the ticked marketing box: a grant, or a pending one under double opt-in.

    With double opt-in the ledger gets the grant only when the person confirms from
    the e-mail sent to the address they gave (MKT, LAW-03); until then nothing may
    be sent to them for the purpose.
    """
    purpose = marketing_purpose()
    if purpose is None:
        raise AccountError("This studio sends no marketing e-mail to opt in to.")
    _opt_in(
        user=user,
        purpose=purpose,
        text=marketing_checkbox_text(purpose),
        surface=Surface.SIGNUP_FORM,
        mechanism=Mechanism.CHECKBOX,
        now=now,
    )


def _opt_in(
    *,
    user: User,
    purpose: Purpose,
    text: str,
    surface: str,
    mechanism: str,
    now: dt.datetime,
) -> None:
    """Grant now, or under double opt-in record the request and e-mail a confirmation."""
    if purpose.consent is None or not purpose.consent.double_opt_in:
        consent_grant(
            subject_id=user.subject_id,
            purpose=purpose.key,
            surface=surface,
            mechanism=mechanism,
            text=text,
            now=now,
        )
        return
    with transaction.atomic():
        pending = PendingOptIn.objects.create(
            subject=user.subject,
            purpose=purpose.key,
            policy_version=declaration_active().policy.version,
            text_sha256=text_digest(text),
            surface=surface,
            mechanism=mechanism,
            requested_at=now,
        )
        events.opt_in_pending(user=user, purpose=purpose.key)
        transaction.on_commit(
            lambda: opt_in_confirmation_send(user=user, pending=pending)
        )


def opt_in_confirm(*, pending: PendingOptIn, now: dt.datetime | None = None) -> None:
    """Turn a confirmed pending opt-in into a grant in the consent ledger.

    The grant carries the policy version and wording of the original request, and
    the time of confirmation. Idempotent: a second confirmation changes nothing.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = PendingOptIn.objects.select_for_update().get(pk=pending.pk)
        if locked.confirmed_at is not None:
            return
        consent_grant(
            subject_id=locked.subject_id,
            purpose=locked.purpose,
            surface=locked.surface,
            mechanism=locked.mechanism,
            policy_version=locked.policy_version,
            text_sha256=locked.text_sha256,
            now=now,
        )
        locked.confirmed_at = now
        locked.save(update_fields=["confirmed_at"])


def privacy_centre_choice(
    *, user: User, purpose_key: str, granted: bool, now: dt.datetime | None = None
) -> None:
    """Change one consent from the privacy centre, in one step either way (LAW-04).

    Withdrawing takes effect at the purpose gate's very next check; granting a
    purpose under double opt-in waits for the e-mailed confirmation, as at sign-up.
    """
    now = now or timezone.now()
    purpose = _privacy_centre_purpose(purpose_key)
    if not granted:
        PendingOptIn.objects.filter(
            subject_id=user.subject_id, purpose=purpose.key, confirmed_at__isnull=True
        ).delete()
        consent_withdraw(
            subject_id=user.subject_id,
            purpose=purpose.key,
            surface=Surface.PRIVACY_CENTRE,
            mechanism=Mechanism.TOGGLE,
            now=now,
        )
        return
    _opt_in(
        user=user,
        purpose=purpose,
        text=privacy_centre_toggle_text(purpose),
        surface=Surface.PRIVACY_CENTRE,
        mechanism=Mechanism.TOGGLE,
        now=now,
    )


def privacy_centre_toggle_text(purpose: Purpose) -> str:
    """Return the words next to a purpose's toggle in the privacy centre."""
    return f"{purpose.name}: {purpose.description}"


def privacy_centre_purposes() -> list[Purpose]:
    """Return the consent purposes a signed-in client changes in the privacy centre.

    Those withdrawn through the cookie banner are choices of one browser, made and
    changed in the cookie settings; the privacy centre links there instead.
    """
    return [
        purpose
        for purpose in declaration_active().purposes
        if purpose.needs_consent
        and purpose.consent is not None
        and "privacy_centre" in purpose.consent.withdraw_via
        and "cookie_banner" not in purpose.consent.withdraw_via
    ]


def _privacy_centre_purpose(purpose_key: str) -> Purpose:
    for purpose in privacy_centre_purposes():
        if purpose.key == purpose_key:
            return purpose
    raise AccountError("That choice cannot be changed here.")


def consents_withdraw_all(*, user: User, now: dt.datetime) -> list[str]:
    """Withdraw every standing consent of the account, with staff as the surface.

    The ledger is append-only proof (LAW-03): it gets a withdrawal per granted
    purpose, so nothing more is done on consent, and pending opt-ins are deleted.
    Return the purposes withdrawn.
    """
    PendingOptIn.objects.filter(subject_id=user.subject_id).delete()
    withdrawn = [
        key
        for key, state in consent_current_for(user.subject_id).items()
        if state.granted
    ]
    consents_withdraw(
        subject_id=user.subject_id,
        purposes=withdrawn,
        surface=Surface.STAFF,
        mechanism=Mechanism.BUTTON,
        now=now,
    )
    return withdrawn
