"""Which step each type of request may take from each state (DSR-02).

Every type runs received -> verifying -> in_progress -> extended -> completed, and
may be refused or withdrawn while open. Opt-outs of sale or sharing, limits on
sensitive data and consent withdrawals need no identity check (DSR-05), so they
skip `verifying`; opt-outs have a fixed 15 business days and cannot be extended.
"""

from __future__ import annotations

from candid.rights.models import RequestType, State

_ENDINGS = {State.COMPLETED, State.REFUSED, State.WITHDRAWN}
_FULL: dict[str, set[str]] = {
    State.RECEIVED: {State.VERIFYING, State.IN_PROGRESS, *_ENDINGS},
    State.VERIFYING: {State.IN_PROGRESS, *_ENDINGS},
    State.IN_PROGRESS: {State.EXTENDED, *_ENDINGS},
    State.EXTENDED: set(_ENDINGS),
}
UNVERIFIED_TYPES = frozenset(
    {
        RequestType.OPT_OUT_SALE_SHARING,
        RequestType.LIMIT_SENSITIVE,
        RequestType.WITHDRAW_CONSENT,
    }
)
UNEXTENDABLE_TYPES = frozenset(
    {RequestType.OPT_OUT_SALE_SHARING, RequestType.LIMIT_SENSITIVE}
)


def transitions_for(request_type: str) -> dict[str, frozenset[str]]:
    """Return the state machine of one request type: state -> states it may enter."""
    machine = {state: set(targets) for state, targets in _FULL.items()}
    if request_type in UNVERIFIED_TYPES:
        del machine[State.VERIFYING]
        machine[State.RECEIVED].discard(State.VERIFYING)
    if request_type in UNEXTENDABLE_TYPES:
        del machine[State.EXTENDED]
        machine[State.IN_PROGRESS].discard(State.EXTENDED)
    return {state: frozenset(targets) for state, targets in machine.items()}


def may_enter(request_type: str, current: str, target: str) -> bool:
    """Say whether a request of `request_type` may go from `current` to `target`."""
    return target in transitions_for(request_type).get(current, frozenset())


def needs_verification(request_type: str) -> bool:
    """Say whether the requester's identity must be checked first (DSR-05)."""
    return request_type not in UNVERIFIED_TYPES
