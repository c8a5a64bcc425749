"""The rights app's audit records: request ids, types, states and keys, never values.

Every step of a request goes to the audit log (issue 6, DSR-14), so the log shows
how each request was handled even after the requester's data is erased.
"""

from __future__ import annotations

from typing import Any

from candid.audit import events as types
from candid.audit.entries import Actor
from candid.audit.events import EventType
from candid.audit.services import audit_record
from candid.rights.models import PREFERENCES, Request


def record(
    action: EventType, *, request: Request, actor: Actor, **details: Any
) -> None:
    """Append one event about `request`: its id, type and state, and `details`."""
    audit_record(
        action=action,
        actor=actor,
        subject_id=request.subject_id,
        categories=[PREFERENCES],
        objects=[request],
        details={
            "type": str(request.type),
            "state": str(request.state),
            **{key: _plain(value) for key, value in details.items()},
        },
    )


received = types.RIGHTS_REQUEST_RECEIVED
verified = types.RIGHTS_IDENTITY_VERIFIED
extended = types.RIGHTS_DEADLINE_EXTENDED
refused = types.RIGHTS_REQUEST_REFUSED
code_sent = types.RIGHTS_VERIFICATION_CODE_SENT
verification_failed = types.RIGHTS_VERIFICATION_FAILED
verification_locked = types.RIGHTS_VERIFICATION_LOCKED
state_changed = types.RIGHTS_REQUEST_STATE_CHANGED
fee_requested = types.RIGHTS_FEE_REQUESTED
clock_paused = types.RIGHTS_CLOCK_PAUSED
clock_resumed = types.RIGHTS_CLOCK_RESUMED
receipt_confirmed = types.RIGHTS_RECEIPT_CONFIRMED
reminder_sent = types.RIGHTS_REMINDER_SENT
access_delivered = types.RIGHTS_ACCESS_DELIVERED
email_confirmed = types.RIGHTS_EMAIL_CONFIRMED
data_points_matched = types.RIGHTS_DATA_POINTS_MATCHED
declaration_signed = types.RIGHTS_DECLARATION_SIGNED
agent_confirmed = types.RIGHTS_AGENT_CONFIRMED
staff_check_asked = types.RIGHTS_STAFF_CHECK_ASKED
agent_proof_viewed = types.DATA_READ


def _plain(value: Any) -> Any:
    # Choices are str subclasses; the audit log takes only plain values.
    return str(value) if isinstance(value, str) else value
