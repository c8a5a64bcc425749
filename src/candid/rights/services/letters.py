"""E-mails to the requester about their request, as declared service messages."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from candid.mail.services import mail_send_service
from candid.rights.models import Request

MESSAGE_KEY = "rights_request"


def letter_send(
    *, request: Request, subject: str, template: str, context: Mapping[str, Any]
) -> bool:
    """E-mail the requester; return False (nothing sent) if no address is known.

    Electronic requests get electronic answers (DSR-13); the message is the
    declaration's `rights_request` service message, so it carries no promotion.
    """
    if not request.contact_email:
        return False
    mail_send_service(
        message_key=MESSAGE_KEY,
        to=request.contact_email,
        subject=subject,
        text_template=f"rights/email/{template}.txt",
        context={"request": request, **context},
    )
    return True
