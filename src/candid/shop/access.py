"""The gate every staff read of an order passes (SEC-05, SEC-07).

Staff see an order's personal data (name, address, payment references) only with
a role granting `shop.view_order` (the "Shop manager" group), and every such view
is written to the audit log. A missing order and a forbidden one give the same
error.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.core.exceptions import ValidationError

from candid.accounts.models import User
from candid.audit.access import staff_holds
from candid.shop import events
from candid.shop.exceptions import AccessDenied
from candid.shop.models import Order

VIEW_PERMISSION = "shop.view_order"


def access_order_by_id(
    *, staff: User, order_id: uuid.UUID | str, fields: Iterable[str]
) -> Order:
    """Return the order for staff allowed to see it, recording which fields were shown."""
    if not staff_holds(staff, VIEW_PERMISSION):
        raise AccessDenied
    try:
        order = Order.objects.select_related("product").get(pk=order_id)
    except (Order.DoesNotExist, ValueError, ValidationError):
        raise AccessDenied from None
    events.order_viewed(order=order, staff_id=staff.pk, fields=list(fields))
    return order
