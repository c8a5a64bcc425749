"""The service e-mails of bookings: the confirmation, and the cancellation notice.

Both go as the declared service message `booking_confirmation` through the mail app,
so they carry no promotion (MKT-05). A studio whose declaration names no such
message sends none, and a mail server failure is logged, not raised: the booking
or cancellation stands and is listed on the client's bookings page.
"""

from __future__ import annotations

import logging
import smtplib

from django.urls import reverse

from candid.bookings.models import Booking
from candid.mail import conf as mail_conf
from candid.mail.services import mail_send_service
from candid.notices.selectors import declaration_active

logger = logging.getLogger("candid.bookings")

MESSAGE_KEY = "booking_confirmation"
SUBJECTS = {
    "booked": "Your session is booked",
    "cancelled": "Your booking was cancelled",
}


def booking_mail_send(*, booking: Booking, kind: str) -> bool:
    """E-mail the client that their session is booked or cancelled; return if sent."""
    declaration = declaration_active()
    declared = {message.key for message in declaration.communications.service}
    to = booking.client.email
    if MESSAGE_KEY not in declared or not to:
        logger.warning("bookings.mail_skipped kind=%s reason=undeclared", kind)
        return False
    context = {
        "kind": kind,
        "booking": booking,
        "bookings_url": mail_conf.base_url() + reverse("bookings:mine"),
        "studio_name": declaration.controller.name,
    }
    try:
        mail_send_service(
            message_key=MESSAGE_KEY,
            to=to,
            subject=SUBJECTS[kind],
            text_template="bookings/email/booking.txt",
            context=context,
        )
    except (OSError, smtplib.SMTPException) as error:
        logger.warning("bookings.mail_failed error=%s", type(error).__name__)
        return False
    return True
