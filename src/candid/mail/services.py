"""Sending service and marketing e-mail, and unsubscribing (MKT-01..05, MKT-08, C-02).

Two kinds of message, both named in the active declaration's `communications`:
service messages go to anyone the studio serves and may carry no promotion; marketing
messages go only to subjects whose consent the gate allows at the moment of sending,
never to a suppressed address, and each carries a one-click unsubscribe.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone

from candid.consent.exceptions import ConsentError, PurposeDenied
from candid.consent.models import Surface
from candid.consent.purposes import require_purpose
from candid.consent.selectors import consent_state
from candid.consent.services import consent_withdraw
from candid.mail import compose, conf, events
from candid.mail.addresses import address_hash, address_normalise
from candid.mail.declared import (
    marketing_message_get,
    promotions_refuse,
    service_message_get,
)
from candid.mail.exceptions import InvalidRecipient
from candid.mail.models import Suppression
from candid.mail.selectors import suppression_exists
from candid.mail.tokens import UnsubscribeTarget, unsubscribe_token_make
from candid.notices.selectors import declaration_active
from candid.policy import Declaration
from candid.policy.schema import Purpose


class MarketingOutcome(enum.StrEnum):
    """What became of one marketing message."""

    SENT = "sent"
    SUPPRESSED = "suppressed"
    NO_CONSENT = "no_consent"
    INVALID_ADDRESS = "invalid_address"


def mail_send_service(
    *,
    message_key: str,
    to: str,
    subject: str,
    text_template: str,
    html_template: str | None = None,
    context: Mapping[str, Any] | None = None,
    connection: BaseEmailBackend | None = None,
) -> None:
    """Send one declared service message from the transactional address.

    A service message is sent on the contract basis, whatever the recipient chose
    about marketing, so it is refused, with nothing sent, if its key is not a declared
    service message or its rendered content promotes anything (MKT-05, C-02).
    """
    declaration = declaration_active()
    service_message_get(declaration=declaration, message_key=message_key)
    address = address_normalise(to)
    draft = compose.Draft(subject, text_template, html_template, context)
    content = draft.render()
    promotions_refuse(message_key=message_key, parts=content.parts)
    email = compose.email_build(
        from_email=compose.sender(address=conf.from_service(), declaration=declaration),
        to=address,
        content=content,
        headers={},
    )
    email.connection = connection
    email.send()
    events.service_sent(message_key=message_key)


def mail_send_marketing(
    *,
    message_key: str,
    subject_id: uuid.UUID,
    to: str,
    subject: str,
    text_template: str,
    html_template: str | None = None,
    context: Mapping[str, Any] | None = None,
    connection: BaseEmailBackend | None = None,
) -> MarketingOutcome:
    """Send one declared marketing e-mail if, at this moment, it may be sent.

    The address must not be on the list's suppression list (MKT-08) and the consent
    gate must allow the message's purpose for the subject now, not when the campaign
    was planned (MKT-01). A refused recipient is skipped, recorded and reported in the
    outcome. A sent message comes from the marketing address with the RFC 8058
    headers and a visible unsubscribe link and the sender's identity (MKT-02, MKT-06).
    """
    return _marketing_send(
        declaration=declaration_active(),
        message_key=message_key,
        subject_id=subject_id,
        to=to,
        draft=compose.Draft(subject, text_template, html_template, context),
        connection=connection,
    )


def _marketing_send(
    *,
    declaration: Declaration,
    message_key: str,
    subject_id: uuid.UUID,
    to: str,
    draft: compose.Draft,
    connection: BaseEmailBackend | None,
) -> MarketingOutcome:
    _, purpose = marketing_message_get(declaration=declaration, message_key=message_key)
    address = address_normalise(to)
    target = UnsubscribeTarget(
        subject_id=_subject_uuid(subject_id),
        list_key=purpose.key,
        address_hash=address_hash(address),
    )
    refusal = _marketing_refusal(target)
    if refusal is not None:
        events.marketing_skipped(
            message_key=message_key,
            subject_id=target.subject_id,
            list_key=target.list_key,
            outcome=refusal,
        )
        return refusal
    email = _marketing_email(
        declaration=declaration, purpose=purpose, target=target, to=address, draft=draft
    )
    email.connection = connection
    email.send()
    events.marketing_sent(
        message_key=message_key,
        subject_id=target.subject_id,
        list_key=target.list_key,
    )
    return MarketingOutcome.SENT


def _subject_uuid(subject_id: object) -> uuid.UUID:
    try:
        return uuid.UUID(str(subject_id))
    except ValueError:
        raise InvalidRecipient(f"{subject_id!r} is not a subject id") from None


def _marketing_refusal(target: UnsubscribeTarget) -> MarketingOutcome | None:
    """Return why the message may not go to this recipient now, or None."""
    if suppression_exists(address_hash=target.address_hash, list_key=target.list_key):
        return MarketingOutcome.SUPPRESSED
    try:
        require_purpose(target.subject_id, target.list_key)
    except PurposeDenied:
        return MarketingOutcome.NO_CONSENT
    return None


def _marketing_email(
    *,
    declaration: Declaration,
    purpose: Purpose,
    target: UnsubscribeTarget,
    to: str,
    draft: compose.Draft,
) -> EmailMultiAlternatives:
    """Return the message with its unsubscribe headers, link and sender's identity."""
    token = unsubscribe_token_make(target=target)
    url = compose.unsubscribe_url(token)
    content = compose.with_footer(
        draft.render(unsubscribe_url=url),
        compose.footer_context(declaration=declaration, purpose=purpose, url=url),
    )
    return compose.email_build(
        from_email=compose.sender(
            address=conf.from_marketing(), declaration=declaration
        ),
        to=to,
        content=content,
        headers=compose.unsubscribe_headers(token),
    )


@dataclass
class CampaignReport:
    """Which subjects a campaign reached and which it skipped, and why."""

    outcomes: dict[uuid.UUID, MarketingOutcome] = field(default_factory=dict)

    def subjects(self, outcome: MarketingOutcome) -> list[uuid.UUID]:
        return [s for s, o in self.outcomes.items() if o == outcome]


def mail_send_campaign(
    *,
    message_key: str,
    recipients: Iterable[tuple[uuid.UUID, str]],
    subject: str,
    text_template: str,
    html_template: str | None = None,
    context: Mapping[str, Any] | None = None,
) -> CampaignReport:
    """Send one marketing message to many (subject id, address) pairs over one connection.

    Each recipient passes the same checks as `mail_send_marketing`, at the moment of
    their own send; an invalid address or subject id is skipped and reported.
    """
    declaration = declaration_active()
    draft = compose.Draft(subject, text_template, html_template, context)
    report = CampaignReport()
    with get_connection() as connection:
        for subject_id, to in recipients:
            try:
                outcome = _marketing_send(
                    declaration=declaration,
                    message_key=message_key,
                    subject_id=subject_id,
                    to=to,
                    draft=draft,
                    connection=connection,
                )
            except InvalidRecipient:
                outcome = MarketingOutcome.INVALID_ADDRESS
            report.outcomes[subject_id] = outcome
    return report


def mail_unsubscribe(
    *, target: UnsubscribeTarget, now: dt.datetime | None = None
) -> None:
    """Withdraw the subject's consent to the list and suppress the address, at once.

    Both in one transaction, so the very next send is refused (MKT-04): the withdrawal
    goes to the consent ledger with the surface `unsubscribe_link`, through the consent
    app, which also tells the purpose gate of every process; the suppression entry
    outlives the subject's erasure (MKT-08). Unsubscribing twice records nothing more
    (MKT-03: idempotent).
    """
    now = now or timezone.now()
    with transaction.atomic():
        _consent_withdraw_once(target=target, now=now)
        _suppress(address_hash=target.address_hash, list_key=target.list_key, now=now)
    events.unsubscribed(subject_id=target.subject_id, list_key=target.list_key)


def _consent_withdraw_once(*, target: UnsubscribeTarget, now: dt.datetime) -> None:
    """Record the withdrawal unless the ledger already ends with one for this list."""
    state = consent_state(target.subject_id, purpose=target.list_key)
    if state.decided_at is not None and not state.granted:
        return
    try:
        consent_withdraw(
            subject_id=target.subject_id,
            purpose=target.list_key,
            surface=Surface.UNSUBSCRIBE_LINK,
            now=now,
        )
    except ConsentError:
        # The policy in force no longer asks consent for this list, so the gate
        # already refuses it; the suppression entry is still worth keeping.
        events.withdrawal_not_needed(
            subject_id=target.subject_id, list_key=target.list_key
        )


def suppression_add(
    *, email: str, list_key: str, now: dt.datetime | None = None
) -> None:
    """Put an address on a list's suppression list, e.g. from an old opt-out export.

    Idempotent: an address already suppressed keeps its first date.
    """
    _suppress(
        address_hash=address_hash(email), list_key=list_key, now=now or timezone.now()
    )
    events.suppression_added(list_key=list_key)


def _suppress(*, address_hash: str, list_key: str, now: dt.datetime) -> None:
    # ignore_conflicts: a concurrent unsubscribe of the same address is not an error.
    Suppression.objects.bulk_create(
        [Suppression(address_hash=address_hash, list_key=list_key, created_at=now)],
        ignore_conflicts=True,
    )
