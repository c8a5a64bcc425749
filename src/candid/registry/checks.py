"""Start-up checks of the registry: each processor must report breaches in time (BR-04).

The registry owns candid.E800-E819 and W800-W809; ids are never reused.

| Id          | Meaning                                                                 |
|-------------|-------------------------------------------------------------------------|
| candid.W800 | A processor's contract sets no time for reporting a breach to the studio. |
| candid.W801 | No `security_notice` service message: people cannot be told of a breach. |
"""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error, Warning

from candid.datamap.checks import declaration_for_checks

SECURITY_NOTICE = "security_notice"


class Messages:
    NO_BREACH_HOURS = (
        "Processor '{key}' has no contractual time for reporting a breach to the "
        "studio: its breach could reach the studio too late for the 72 hours to the "
        "authority (Art. 28(3)(f), 33(2); BR-04)."
    )

    NO_SECURITY_NOTICE = (
        "The declaration has no 'security_notice' service message: people at high "
        "risk from a breach could not be e-mailed (Art. 34(1); BR-03)."
    )


class Hints:
    NO_BREACH_HOURS = (
        "Set recipients[{key}].contract.breach_notice_hours to the hours the signed "
        "agreement gives it, e.g. 24 or 48."
    )
    NO_SECURITY_NOTICE = (
        "Add {key: security_notice, description: Tells you about a security "
        "incident that affects your data.} to communications.service."
    )


def check_processor_contracts(
    app_configs: Any = None, **kwargs: Any
) -> list[CheckMessage]:
    """Warn of processors without breach-notice hours, and of no way to tell people."""
    declaration = declaration_for_checks()
    if isinstance(declaration, Error):
        return []  # candid.datamap reports an unreadable declaration
    found = [
        Warning(
            Messages.NO_BREACH_HOURS.format(key=recipient.key),
            hint=Hints.NO_BREACH_HOURS.format(key=recipient.key),
            id="candid.W800",
        )
        for recipient in declaration.recipients
        if recipient.role == "processor"
        and recipient.contract.breach_notice_hours is None
    ]
    if not any(m.key == SECURITY_NOTICE for m in declaration.communications.service):
        found.append(
            Warning(
                Messages.NO_SECURITY_NOTICE,
                hint=Hints.NO_SECURITY_NOTICE,
                id="candid.W801",
            )
        )
    return found
