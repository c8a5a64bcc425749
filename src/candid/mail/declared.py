"""The messages the active declaration allows, by kind (MKT-01, C-02)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils.html import strip_tags

from candid.mail import conf
from candid.mail.exceptions import PromotionalServiceMessage, UndeclaredMessage
from candid.policy import Declaration
from candid.policy.schema import MarketingMessage, Message, Purpose


def service_message_get(*, declaration: Declaration, message_key: str) -> Message:
    """Return the declared service message, or raise UndeclaredMessage."""
    communications = declaration.communications
    for message in communications.service:
        if message.key == message_key:
            return message
    if any(m.key == message_key for m in communications.marketing):
        raise UndeclaredMessage(
            f"'{message_key}' is a marketing message: send it with mail_send_marketing, "
            "which checks consent and adds an unsubscribe"
        )
    raise UndeclaredMessage(_undeclared(message_key, "service", communications.service))


def marketing_message_get(
    *, declaration: Declaration, message_key: str
) -> tuple[MarketingMessage, Purpose]:
    """Return the declared marketing e-mail and its purpose, or raise UndeclaredMessage."""
    communications = declaration.communications
    message = next((m for m in communications.marketing if m.key == message_key), None)
    if message is None:
        raise UndeclaredMessage(
            _undeclared(message_key, "marketing", communications.marketing)
        )
    if message.channel != "email":
        raise UndeclaredMessage(
            f"marketing message '{message_key}' is declared for {message.channel}, "
            "not e-mail"
        )
    purpose = next(p for p in declaration.purposes if p.key == message.purpose)
    return message, purpose


def list_name(*, declaration: Declaration, list_key: str) -> str:
    """Return the name people know a list by: its purpose's name, else its key."""
    purpose = next((p for p in declaration.purposes if p.key == list_key), None)
    return purpose.name if purpose is not None else list_key


def _undeclared(message_key: str, kind: str, declared: Iterable[Message]) -> str:
    keys = ", ".join(sorted(m.key for m in declared)) or "none"
    return (
        f"'{message_key}' is not a {kind} message of the active declaration "
        f"(declared: {keys})"
    )


def promotions_refuse(*, message_key: str, parts: Iterable[str]) -> None:
    """Raise PromotionalServiceMessage if any part of a service message promotes.

    A service message goes to everyone whatever their marketing choices, so it may
    carry no promotion, offer or upgrade (MKT-05, C-02). The markers are matched as in
    the declaration lint: lower case, whitespace collapsed, padded with spaces.
    """
    text = " ".join(strip_tags(part) for part in parts)
    text = " " + re.sub(r"\s+", " ", text.lower()) + " "
    for marker in conf.promotional_markers():
        if marker.lower() in text:
            raise PromotionalServiceMessage(
                f"service message '{message_key}' mentions '{marker.strip()}': "
                "promoting products or upgrades is marketing and needs consent and "
                "an unsubscribe; nothing was sent"
            )
