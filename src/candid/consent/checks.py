"""Start-up checks of the purpose gate. The consent app owns candid.E040-E049, W040-W049.

| Id          | Meaning                                                                    |
|-------------|----------------------------------------------------------------------------|
| candid.E040 | The shared counter file cannot be opened, so withdrawals would not reach other processes. |
"""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error

from candid.consent import conf
from candid.consent.generations import Generations


class Messages:
    NO_COUNTERS = (
        "The purpose gate's counter file {path} cannot be opened ({reason}): a "
        "withdrawal recorded by one process would not reach the others' next check."
    )


class Hints:
    NO_COUNTERS = (
        "Make the folder writable by every web and task process, or set "
        "CANDID_CONSENT_GENERATION_FILE to a writable path on local disk."
    )


def generation_file_check(**kwargs: Any) -> list[CheckMessage]:
    """Refuse to start when the gate's shared counter file cannot be opened (LAW-04)."""
    path = conf.generation_file()
    try:
        Generations(path).close()
    except OSError as error:
        return [
            Error(
                Messages.NO_COUNTERS.format(path=path, reason=error.strerror),
                hint=Hints.NO_COUNTERS,
                id="candid.E040",
            )
        ]
    return []
