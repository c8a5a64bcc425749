"""Put the declaration's deadlines on a request (DSR-03, DSR-04, CA-02)."""

from __future__ import annotations

from django.utils import timezone

from candid.policy import Declaration
from candid.rights.deadlines import OPT_OUT_PERIOD, Deadlines, response_deadlines
from candid.rights.models import Request
from candid.rights.states import UNEXTENDABLE_TYPES

# England and Wales bank holidays count only in the UK profile (ICO rule).
BANK_HOLIDAY_JURISDICTIONS = frozenset({"UK"})


def deadlines_of(*, request: Request, declaration: Declaration) -> Deadlines:
    """Return the deadlines of `request` under its jurisdiction's response rules."""
    rules = declaration.jurisdiction(request.jurisdiction).response
    unextendable = request.type in UNEXTENDABLE_TYPES
    return response_deadlines(
        rules=rules,
        start=timezone.localdate(request.clock_started_at),
        received_on=timezone.localdate(request.received_at),
        paused_days=request.paused_days,
        uses_bank_holidays=request.jurisdiction in BANK_HOLIDAY_JURISDICTIONS,
        period=OPT_OUT_PERIOD if unextendable else None,
        extendable=not unextendable,
    )


def schedule(*, request: Request, declaration: Declaration) -> None:
    """Set `due_on` (extended if it was) and `confirm_receipt_by` on the row."""
    deadlines = deadlines_of(request=request, declaration=declaration)
    extended = request.extended_on is not None and deadlines.extended_due_on
    request.due_on = deadlines.extended_due_on if extended else deadlines.due_on
    request.confirm_receipt_by = deadlines.confirm_receipt_by
