"""The service e-mails of the shop: the order confirmation and the waiver confirmation.

The order confirmation (`order_confirmation`) gives the licence key, the download
links and the licence terms. The waiver confirmation
(`withdrawal_waiver_confirmation`) is the durable-medium confirmation of COM-01: it
repeats that the buyer asked for immediate download and acknowledged losing the
14-day right of withdrawal, with the licence terms. A mail server failure is
logged, not raised: the order stands and its page shows everything.
"""

from __future__ import annotations

import logging
import smtplib

from django.urls import reverse

from candid.mail import conf as mail_conf
from candid.mail.services import mail_send_service
from candid.notices.selectors import declaration_active
from candid.shop.models import Order

logger = logging.getLogger("candid.shop")

ORDER_CONFIRMATION = "order_confirmation"
WAIVER_CONFIRMATION = "withdrawal_waiver_confirmation"


def _send(
    *, message_key: str, order: Order, subject: str, template: str, **extra
) -> bool:
    declaration = declaration_active()
    declared = {message.key for message in declaration.communications.service}
    to = order.client.email
    if message_key not in declared or not to:
        logger.warning("shop.mail_skipped message=%s", message_key)
        return False
    context = {
        "order": order,
        "order_url": mail_conf.base_url() + reverse("shop:order", args=[order.pk]),
        "studio_name": declaration.controller.name,
        **extra,
    }
    try:
        mail_send_service(
            message_key=message_key,
            to=to,
            subject=subject,
            text_template=template,
            context=context,
        )
    except (OSError, smtplib.SMTPException) as error:
        logger.warning("shop.mail_failed error=%s", type(error).__name__)
        return False
    return True


def order_confirmation_send(
    *, order: Order, licence_key: str, links: list[tuple[str, str]]
) -> bool:
    """E-mail the licence key, download links (name, URL) and licence terms."""
    base = mail_conf.base_url()
    return _send(
        message_key=ORDER_CONFIRMATION,
        order=order,
        subject=f"Your order {order.number}",
        template="shop/email/order_confirmation.txt",
        licence_key=licence_key,
        links=[(name, base + path) for name, path in links],
    )


def waiver_confirmation_send(*, order: Order) -> bool:
    """E-mail the confirmation of the waiver on a durable medium (COM-01)."""
    return _send(
        message_key=WAIVER_CONFIRMATION,
        order=order,
        subject=f"Your download request for order {order.number}",
        template="shop/email/waiver_confirmation.txt",
    )
