"""Reads of the audit log."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet

from candid.audit.exceptions import AuditEntryInvalid
from candid.audit.models import AuditEvent


def audit_events_for_subject(subject_id: uuid.UUID | str) -> QuerySet[AuditEvent]:
    """Return every event about one subject, oldest first, found by its index.

    Answers "who used my data, when and why" for an access request (DSR-07) from
    the log itself, which erasure leaves whole. A malformed id raises
    AuditEntryInvalid before any query.
    """
    try:
        subject_uuid = uuid.UUID(str(subject_id))
    except ValueError:
        raise AuditEntryInvalid("subject_id must be a subject's UUID") from None
    return AuditEvent.objects.filter(subject_id=subject_uuid).order_by("sequence")
