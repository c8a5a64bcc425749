"""The consent app's records of what changed: ids, purpose keys and actions, no values."""

from __future__ import annotations

import logging

from candid.consent.models import (
    ConsentEvent,
    NoticeAcknowledgement,
    Objection,
    Restriction,
)

logger = logging.getLogger("candid.consent")


def consent_recorded(event: ConsentEvent) -> None:
    """Record that a consent decision entered the ledger."""
    logger.info(
        "consent.%s purpose=%s subject=%s surface=%s gpc=%s event=%s",
        event.action,
        event.purpose,
        event.subject_id,
        event.surface,
        event.gpc,
        event.pk,
    )


def notice_acknowledged(acknowledgement: NoticeAcknowledgement) -> None:
    """Record that a person acknowledged a policy version (never consent, LAW-06)."""
    logger.info(
        "consent.notice_acknowledged version=%s subject=%s row=%s",
        acknowledgement.policy_version,
        acknowledgement.subject_id,
        acknowledgement.pk,
    )


def objection_recorded(objection: Objection) -> None:
    """Record that a subject objected to a purpose."""
    logger.info(
        "consent.objection_recorded purpose=%s subject=%s objection=%s",
        objection.purpose,
        objection.subject_id,
        objection.pk,
    )


def objection_overridden(objection: Objection) -> None:
    """Record that a named staff user overrode an objection on compelling grounds."""
    logger.info(
        "consent.objection_overridden purpose=%s subject=%s objection=%s staff=%s",
        objection.purpose,
        objection.subject_id,
        objection.pk,
        objection.overridden_by_id,
    )


def restriction_started(restriction: Restriction) -> None:
    """Record that processing of a subject's data was restricted."""
    logger.info(
        "consent.restriction_started subject=%s restriction=%s categories=%s",
        restriction.subject_id,
        restriction.pk,
        "all" if restriction.all_categories else ",".join(restriction.categories),
    )


def restriction_lifted(restriction: Restriction) -> None:
    """Record that a restriction ended."""
    logger.info(
        "consent.restriction_lifted subject=%s restriction=%s",
        restriction.subject_id,
        restriction.pk,
    )
