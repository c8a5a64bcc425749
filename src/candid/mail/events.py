"""The mail app's records: ids, message keys and outcomes, never an address."""

from __future__ import annotations

import logging
import uuid

logger = logging.getLogger("candid.mail")


def service_sent(*, message_key: str) -> None:
    """Record that a service message left."""
    logger.info("mail.service_sent message=%s", message_key)


def marketing_sent(*, message_key: str, subject_id: uuid.UUID) -> None:
    """Record that a marketing message left for a subject."""
    logger.info("mail.marketing_sent message=%s subject=%s", message_key, subject_id)


def marketing_skipped(*, message_key: str, subject_id: uuid.UUID, outcome: str) -> None:
    """Record that a marketing message was not sent to a subject, and why."""
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
