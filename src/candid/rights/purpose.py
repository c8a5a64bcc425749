"""The purpose gate for answering requests: `records_purpose_require(subject_id)`.

Answering a request uses the requester's data (reading it for an export, changing
it for a correction, erasing it), and every use of personal data passes the purpose
gate. The declaration names the purpose requests are answered and recorded under
(`rights.records_purpose`, validated to rest on a legal obligation), so the gate
still allows it after an objection, a restriction or an erasure (Art. 17(3)(b),
18(2), 21(1)), and denies it for a person the studio has no record of.
"""

from __future__ import annotations

import uuid

from candid.consent.exceptions import PurposeDenied
from candid.consent.purposes import require_purpose
from candid.notices.selectors import declaration_active
from candid.rights.exceptions import TransitionRefused


def records_purpose_require(subject_id: uuid.UUID | str) -> str:
    """Let a request's answer use the requester's data; return the purpose's key.

    Raise TransitionRefused, naming the purpose and why, if the gate denies it.
    """
    purpose = declaration_active().records_purpose
    if purpose is None:  # a valid declaration always has one: deny by default
        raise TransitionRefused(
            "The declaration in force names no purpose to answer requests under "
            "(rights.records_purpose)."
        )
    key = purpose.key
    try:
        require_purpose(subject_id, key)
    except PurposeDenied as denied:
        raise TransitionRefused(str(denied)) from denied
    return key
