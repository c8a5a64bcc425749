"""Writes of the consent ledger and of policy acknowledgements (LAW-03, LAW-04, LAW-06).

Each write is validated first and changes nothing when refused; a recorded decision
reaches the purpose gate of every process by its next check (`subject_changed`).
Objections and restrictions are in `candid.consent.rights`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable

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
from candid.policy import Declaration, text_digest
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
    subject, visitor = valid.holder(subject_id, visitor_id, live=False)
    event = _withdrawal(
        declaration,
        subject,
        visitor,
        purpose,
        surface=surface,
        mechanism=mechanism,
        policy_version=policy_version,
        text=text,
        text_sha256=text_sha256,
        gpc=gpc,
        now=now,
    )
    return _record_many([event])[0]


def consents_withdraw(
    *,
    subject_id: uuid.UUID | None = None,
    visitor_id: str | None = None,
    purposes: Iterable[str],
    surface: str,
    mechanism: str = Mechanism.BUTTON,
    gpc: bool = False,
    now: dt.datetime | None = None,
) -> list[ConsentEvent]:
    """Record that a person withdrew consent to several purposes at once.

    The same ledger rows as one `consent_withdraw` per purpose, in the order given,
    each naming the purpose as declared (LAW-03): all are checked before any is
    written, and they are written in one transaction with one audit append, so a
    refused purpose (undeclared, or not resting on consent) records none of them.
    Used where one act ends several consents: an erasure, a Global Privacy Control
    signal, staff withdrawing every consent of an account.
    """
    declaration = declaration_active()
    subject, visitor = valid.holder(subject_id, visitor_id, live=False)
    moment = valid.moment(now)
    withdrawals = [
        _withdrawal(
            declaration,
            subject,
            visitor,
            purpose,
            surface=surface,
            mechanism=mechanism,
            gpc=gpc,
            now=moment,
        )
        for purpose in dict.fromkeys(purposes)
    ]
    return _record_many(withdrawals) if withdrawals else []


def _withdrawal(
    declaration: Declaration,
    subject: uuid.UUID | None,
    visitor: str,
    purpose: str,
    *,
    surface: str,
    mechanism: str,
    gpc: bool,
    now: dt.datetime | None,
    policy_version: str | None = None,
    text: str | None = None,
    text_sha256: str | None = None,
) -> ConsentEvent:
    """Return the (unsaved) ledger row of one withdrawal, or raise ConsentError."""
    declared = consent_purpose(declaration, purpose)
    if text is None and text_sha256 is None:
        text_sha256 = purpose_statement_digest(declared)
    return ConsentEvent(
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


def purpose_statement_digest(purpose: Purpose) -> str:
    """Return the SHA-256 of a purpose's name and description as the policy states them."""
    return text_digest(f"{purpose.name}\n{purpose.description}")


def _record(event: ConsentEvent) -> ConsentEvent:
    return _record_many([event])[0]


def _record_many(decisions: list[ConsentEvent]) -> list[ConsentEvent]:
    """Save ledger rows of one holder in one transaction, then audit them in one append."""
    with transaction.atomic():
        if len(decisions) == 1:
            decisions[0].save(force_insert=True)
        else:
            ConsentEvent.objects.bulk_create(decisions)
        subject_id = decisions[0].subject_id
        if subject_id is not None:
            subject_changed(subject_id)
        events.consents_recorded(decisions)
    return decisions


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
