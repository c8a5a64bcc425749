"""A real SMTP server (aiosmtpd) on 127.0.0.1 that the tests send Django's mail to.

The `smtp_inbox` fixture of tests/conftest.py runs one per test; a test package
that needs other mail settings overrides the fixture and asks for this one.
"""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage

from aiosmtpd.controller import Controller


class Inbox:
    """What the SMTP server accepted: envelopes, and the messages parsed."""

    def __init__(self) -> None:
        self.envelopes: list = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    @property
    def messages(self) -> list[EmailMessage]:
        # SMTP carries CRLF line ends; read the messages as a mailbox would store them.
        return [
            email.message_from_bytes(
                e.content.replace(b"\r\n", b"\n"), policy=email.policy.default
            )
            for e in self.envelopes
        ]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def smtp_server(settings) -> Iterator[Inbox]:
    """Run an SMTP server and point Django's SMTP back end at it while inside."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = controller.hostname
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    try:
        yield inbox
    finally:
        controller.stop()
