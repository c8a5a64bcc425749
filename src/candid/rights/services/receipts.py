"""Confirm to the requester that a request arrived (CCPA reg §7021(a), CA-02).

In the California profile receipt is confirmed within 10 business days. The e-mail
with the one-time code does it for the public form; a request made while signed
in, or logged by staff from a letter, call or e-mail, gets this letter instead,
once. `rights_remind` sends every confirmation due, so a daily run keeps the
deadline whatever channel the request came by.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import transaction
from django.utils import timezone

from candid.audit.entries import Actor
from candid.rights import events
from candid.rights.models import Request
from candid.rights.selectors import requests_open
from candid.rights.services.letters import letter_send


def receipt_confirm(
    *, request_id: uuid.UUID, actor: Actor, now: dt.datetime | None = None
) -> bool:
    """E-mail the requester that their request arrived and when it is due, once.

    Return False, sending nothing, if receipt was already confirmed or no address
    is known (a letter or call: staff confirm by the same channel).
    """
    now = now or timezone.now()
    with transaction.atomic():
        request = Request.objects.select_for_update().get(pk=request_id)
        if request.receipt_confirmed_at is not None or not request.contact_email:
            return False
        request.receipt_confirmed_at = now
        request.save(update_fields=["receipt_confirmed_at"])
        events.record(events.receipt_confirmed, request=request, actor=actor)
    letter_send(
        request=request,
        subject="Your privacy request: we have received it",
        template="receipt",
        context={},
    )
    return True


def receipts_confirm_due(*, actor: Actor, now: dt.datetime | None = None) -> int:
    """Confirm receipt of every open request that needs it and has none; return how many."""
    pending = requests_open().filter(
        confirm_receipt_by__isnull=False, receipt_confirmed_at__isnull=True
    )
    return sum(
        receipt_confirm(request_id=request_id, actor=actor, now=now)
        for request_id in pending.values_list("id", flat=True)
    )
