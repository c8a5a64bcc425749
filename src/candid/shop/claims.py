"""Technical-issue claims: the buyer reports, staff assess (seed S1; C-14).

A downloaded purchase is final, except that a file which does not work is the
studio's to fix or refund. The buyer describes the issue on the order page; staff
holding the shop role uphold the claim (refund through the provider, licence and
links disabled) or reject it.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from candid.accounts.models import User
from candid.audit.access import staff_holds
from candid.audit.entries import Actor
from candid.consent.purposes import require_purpose
from candid.shop import events
from candid.shop.declared import PURPOSE
from candid.shop.exceptions import AccessDenied, ClaimInvalid, OrderNotFound
from candid.shop.models import Claim, ClaimStatus, Order, OrderStatus
from candid.shop.refunds import order_refund

ASSESS_PERMISSION = "shop.change_claim"
DESCRIPTION_MIN_LENGTH = 10
DESCRIPTION_MAX_LENGTH = 2000


@sensitive_variables("description")
def claim_submit(
    *,
    client: User,
    order_id: uuid.UUID,
    description: str,
    now: dt.datetime | None = None,
) -> Claim:
    """File the buyer's technical-issue claim on their paid order, for staff."""
    now = now or timezone.now()
    text = description.strip()
    if not DESCRIPTION_MIN_LENGTH <= len(text) <= DESCRIPTION_MAX_LENGTH:
        raise ClaimInvalid(
            f"Describe the issue in {DESCRIPTION_MIN_LENGTH} to "
            f"{DESCRIPTION_MAX_LENGTH} characters."
        )
    order = Order.objects.filter(
        pk=order_id, client=client, status=OrderStatus.PAID
    ).first()
    if order is None:
        raise OrderNotFound
    require_purpose(order.subject_id, PURPOSE)
    with transaction.atomic():
        claim = Claim.objects.create(
            order=order, subject_id=order.subject_id, description=text, submitted_at=now
        )
        events.claim_submitted(claim=claim)
    return claim


def claim_assess(
    *, staff: User, claim_id: uuid.UUID, uphold: bool, now: dt.datetime | None = None
) -> Claim:
    """Uphold (refund in full, licence disabled) or reject an open claim.

    Only staff holding `shop.change_claim` may; an assessed claim is returned as it
    is. If the provider refuses the refund the claim stays open.
    """
    now = now or timezone.now()
    if not staff_holds(staff, ASSESS_PERMISSION):
        raise AccessDenied
    claim = Claim.objects.filter(pk=claim_id).first()
    if claim is None:
        raise ClaimInvalid("No such claim.")
    if claim.status != ClaimStatus.OPEN:
        return claim
    if uphold:
        order_refund(
            order_id=claim.order_id,
            actor=Actor.staff(staff.pk),
            reason="technical_issue",
            now=now,
        )
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim_id)
        if claim.status != ClaimStatus.OPEN:
            return claim
        claim.status = ClaimStatus.UPHELD if uphold else ClaimStatus.REJECTED
        claim.assessed_by = staff
        claim.assessed_at = now
        claim.save(update_fields=["status", "assessed_by", "assessed_at"])
        events.claim_assessed(claim=claim, staff_id=staff.pk)
    return claim
