"""The mail app's records: ids, message keys and outcomes, never an address.

A marketing send is a use of the subject's e-mail address for the list's purpose, so
each one, sent or refused, goes to the audit log as `data.used` or `data.use_denied`.
"""

from __future__ import annotations

import logging
import uuid

from candid.audit.entries import Actor
from candid.audit.events import DATA_USE_DENIED, DATA_USED
from candid.audit.services import audit_record

logger = logging.getLogger("candid.mail")
ACTOR = Actor.system("mail")
EMAIL = "user.contact.email"


def service_sent(*, message_key: str) -> None:
    """Record that a service message left."""
    logger.info("mail.service_sent message=%s", message_key)


def marketing_sent(*, message_key: str, subject_id: uuid.UUID, list_key: str) -> None:
    """Record that a marketing message left for a subject."""
    audit_record(
        action=DATA_USED,
        actor=ACTOR,
        subject_id=subject_id,
        purpose=list_key,
        categories=[EMAIL],
        details={"message": message_key},
    )
    logger.info("mail.marketing_sent message=%s subject=%s", message_key, subject_id)


def marketing_skipped(
    *, message_key: str, subject_id: uuid.UUID, list_key: str, outcome: str
) -> None:
    """Record that a marketing message was not sent to a subject, and why."""
    audit_record(
        action=DATA_USE_DENIED,
        actor=ACTOR,
        subject_id=subject_id,
        purpose=list_key,
        categories=[EMAIL],
        details={"message": message_key, "reason": str(outcome)},
    )
    logger.info(
        "mail.marketing_skipped message=%s subject=%s reason=%s",
        message_key,
        subject_id,
        outcome,
    )


def unsubscribed(*, subject_id: uuid.UUID, list_key: str) -> None:
    """Record that a subject left a list through an unsubscribe link."""
    logger.info("mail.unsubscribed list=%s subject=%s", list_key, subject_id)


def suppression_added(*, list_key: str) -> None:
    """Record that an address was added to a list's suppression list."""
    logger.info("mail.suppression_added list=%s", list_key)


def withdrawal_not_needed(*, subject_id: uuid.UUID, list_key: str) -> None:
    """Record that an unsubscribe named a list the policy in force no longer asks consent for."""
    logger.info("mail.withdrawal_not_needed list=%s subject=%s", list_key, subject_id)
