"""Start-up checks of bookings. Bookings own candid.E300-E319 and W300-W309.

| Id          | Meaning                                                              |
|-------------|----------------------------------------------------------------------|
| candid.W300 | The declaration states no cancellation rule: nothing can be booked.  |
| candid.W301 | Late cancellations are refunded in full, so the full-refund window   |
|             | changes nothing (C-14: flagged to the studio owner).                 |
| candid.W302 | The declaration names no `booking_confirmation` service message:     |
|             | bookings and cancellations are not confirmed by e-mail.              |
"""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Warning

from candid.bookings.mail import MESSAGE_KEY
from candid.notices.selectors import declaration_active


class Messages:
    NO_RULE = (
        "The declaration in force states no cancellation rule (commerce.bookings), "
        "so every booking is refused (COM-02)."
    )
    WINDOW_WITHOUT_EFFECT = (
        "Late cancellations are refunded at 100%, so 'full refund at least {window} "
        "before' changes nothing: the published policy states a rule that never "
        "applies (C-14)."
    )
    NO_MESSAGE = (
        "The declaration names no '{key}' service message: bookings and "
        "cancellations are not confirmed by e-mail."
    )


class Hints:
    NO_RULE = (
        "Declare commerce.bookings with full_refund_before (e.g. '48 hours') and "
        "late_cancellation_refund_percent."
    )
    WINDOW_WITHOUT_EFFECT = (
        "Lower late_cancellation_refund_percent, or drop the window from the promise "
        "if every cancellation is refunded in full."
    )
    NO_MESSAGE = (
        "Declare communications.service {key: booking_confirmation, description: "
        '"Confirms a booking, its date and place, and how to cancel."}.'
    )


class Codes:
    NO_RULE = "candid.W300"
    WINDOW_WITHOUT_EFFECT = "candid.W301"
    NO_MESSAGE = "candid.W302"


def booking_rule_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Warn when the cancellation rule is missing or its window has no effect."""
    commerce = declaration_active().commerce
    rule = commerce.bookings if commerce else None
    if rule is None:
        return [Warning(Messages.NO_RULE, hint=Hints.NO_RULE, id=Codes.NO_RULE)]
    if rule.late_cancellation_refund_percent == 100:
        return [
            Warning(
                Messages.WINDOW_WITHOUT_EFFECT.format(window=rule.full_refund_before),
                hint=Hints.WINDOW_WITHOUT_EFFECT,
                id=Codes.WINDOW_WITHOUT_EFFECT,
            )
        ]
    return []


def booking_message_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Warn when bookings cannot be confirmed by e-mail under the declaration."""
    declared = {m.key for m in declaration_active().communications.service}
    if MESSAGE_KEY in declared:
        return []
    return [
        Warning(
            Messages.NO_MESSAGE.format(key=MESSAGE_KEY),
            hint=Hints.NO_MESSAGE,
            id=Codes.NO_MESSAGE,
        )
    ]
