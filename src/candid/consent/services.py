"""Writes of the consent ledger and of policy acknowledgements (LAW-03, LAW-04, LAW-06).

Each write is validated first and changes nothing when refused; a recorded decision
reaches the purpose gate of every process by its next check (`subject_changed`).
Objections and restrictions are in `candid.consent.rights`.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import transaction

from candid.consent import events
from candid.consent import validation as valid
from candid.consent.declared import consent_purpose, sale_or_sharing_purposes
from candid.consent.exceptions import ConsentError
from candid.consent.models import (
    AcknowledgementSurface,
    Action,
    ConsentEvent,
    Mechanism,
    NoticeAcknowledgement,
    Surface,
)
from candid.consent.purposes import subject_changed
from candid.notices.selectors import declaration_active
from candid.policy import text_digest
from candid.policy.schema import Purpose


def consent_grant(
    *,
    subject_id: uuid.UUID | None = None,
    visitor_id: str | None = None,
    purpose: str,
    surface: str,
    mechanism: str,
    policy_version: str | None = None,
    text: str | None = None,
    text_sha256: str | None = None,
    gpc: bool = False,
    now: dt.datetime | None = None,
) -> ConsentEvent:
    """Record that a person gave consent to one purpose, with the proof LAW-03 asks for.

    The purpose must be declared and rest on consent; the caller passes the wording
    shown (`text`) or its SHA-256, and how and where consent was given. A Global
    Privacy Control signal refuses sale and sharing, so a grant of such a purpose
    with the signal present is refused (CK-05). Nothing is recorded when refused.
    """
    declaration = declaration_active()
    consent_purpose(declaration, purpose)
    if mechanism == Mechanism.GPC:
        raise ConsentError(
            "A Global Privacy Control signal can only refuse, never grant."
        )
    if gpc and purpose in sale_or_sharing_purposes(declaration):
        raise ConsentError(
            f"A Global Privacy Control signal refuses sale and sharing: consent to "
            f"'{purpose}' cannot be recorded while it is present."
        )
    subject, visitor = valid.holder(subject_id, visitor_id, live=True)
    return _record(
        ConsentEvent(
            subject_id=subject,
            visitor_id=visitor,
            purpose=purpose,
            action=Action.GRANTED,
            policy_version=valid.policy_version(declaration, policy_version),
            text_sha256=valid.digest(text, text_sha256),
            surface=valid.choice(surface, Surface.values, "surface"),
            mechanism=valid.choice(mechanism, Mechanism.values, "mechanism"),
            gpc=bool(gpc),
            created_at=valid.moment(now),
        )
    )


def consent_withdraw(
    *,
    subject_id: uuid.UUID | None = None,
    visitor_id: str | None = None,
    purpose: str,
    surface: str,
    mechanism: str = Mechanism.BUTTON,
    policy_version: str | None = None,
    text: str | None = None,
    text_sha256: str | None = None,
    gpc: bool = False,
    now: dt.datetime | None = None,
) -> ConsentEvent:
    """Record that a person withdrew (or refused) consent to one purpose.

    Withdrawing is never harder than granting (Art. 7(3), LAW-04): only who, which
    purpose and where are needed. Without the wording shown, the ledger keeps the
    digest of the purpose as declared, which is what a withdrawal control names.
    The subject needs no live Subject row, so an erased person's old unsubscribe
    link still works. Every process's gate refuses the purpose at its next check.
    """
    declaration = declaration_active()
    declared = consent_purpose(declaration, purpose)
    if text is None and text_sha256 is None:
        text_sha256 = purpose_statement_digest(declared)
    subject, visitor = valid.holder(subject_id, visitor_id, live=False)
    return _record(
        ConsentEvent(
            subject_id=subject,
            visitor_id=visitor,
            purpose=purpose,
            action=Action.WITHDRAWN,
            policy_version=valid.policy_version(declaration, policy_version),
            text_sha256=valid.digest(text, text_sha256),
            surface=valid.choice(surface, Surface.values, "surface"),
            mechanism=valid.choice(mechanism, Mechanism.values, "mechanism"),
            gpc=bool(gpc) or mechanism == Mechanism.GPC,
            created_at=valid.moment(now),
        )
    )


def purpose_statement_digest(purpose: Purpose) -> str:
    """Return the SHA-256 of a purpose's name and description as the policy states them."""
    return text_digest(f"{purpose.name}\n{purpose.description}")


def _record(event: ConsentEvent) -> ConsentEvent:
    with transaction.atomic():
        event.save(force_insert=True)
        if event.subject_id is not None:
            subject_changed(event.subject_id)
        events.consent_recorded(event)
    return event


def notice_acknowledge(
    *,
    subject_id: uuid.UUID | None = None,
    visitor_id: str | None = None,
    surface: str,
    policy_version: str | None = None,
    text: str | None = None,
    text_sha256: str | None = None,
    now: dt.datetime | None = None,
) -> NoticeAcknowledgement:
    """Record `notice_acknowledged`: a person confirmed they were shown a policy version.

    Kept apart from the consent ledger and never read by the purpose gate: reading a
    policy, booking or continuing to use the site is not consent (LAW-06, C-05).
    """
    declaration = declaration_active()
    subject, visitor = valid.holder(subject_id, visitor_id, live=True)
    acknowledgement = NoticeAcknowledgement(
        subject_id=subject,
        visitor_id=visitor,
        policy_version=valid.policy_version(declaration, policy_version),
        text_sha256=valid.digest(text, text_sha256),
        surface=valid.choice(surface, AcknowledgementSurface.values, "surface"),
        created_at=valid.moment(now),
    )
    with transaction.atomic():
        acknowledgement.save(force_insert=True)
        events.notice_acknowledged(acknowledgement)
    return acknowledgement
