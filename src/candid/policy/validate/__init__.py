"""Checks of how the parts of a declaration fit together.

Each check yields `(path, message)` for every problem it finds, so a studio sees
all of them at once. The messages name the rule broken and how to mend it. The
checks live in one module per concern; `semantic_problems` runs them all, in order.
"""

from __future__ import annotations

from collections.abc import Callable

from candid.policy.schema import Declaration
from candid.policy.validate.common import Found, Path
from candid.policy.validate.communications import (
    PROMOTIONAL_MARKERS,
    check_communications,
)
from candid.policy.validate.controller import check_controller
from candid.policy.validate.cookies import check_cookies
from candid.policy.validate.purposes import check_purposes
from candid.policy.validate.recipients import EEA_AND_UK, check_recipients
from candid.policy.validate.retention import check_retention
from candid.policy.validate.rights import RIGHTS_REQUIRED, check_rights
from candid.policy.validate.sections import check_other_sections
from candid.policy.validate.vocabulary import check_vocabulary

__all__ = [
    "CHECKS",
    "EEA_AND_UK",
    "PROMOTIONAL_MARKERS",
    "RIGHTS_REQUIRED",
    "Found",
    "Path",
    "check_communications",
    "check_controller",
    "check_cookies",
    "check_other_sections",
    "check_purposes",
    "check_recipients",
    "check_retention",
    "check_rights",
    "check_vocabulary",
    "semantic_problems",
]

CHECKS: tuple[Callable[[Declaration], Found], ...] = (
    check_vocabulary,
    check_controller,
    check_purposes,
    check_recipients,
    check_retention,
    check_rights,
    check_cookies,
    check_communications,
    check_other_sections,
)


def semantic_problems(declaration: Declaration) -> list[tuple[Path, str]]:
    """Return every problem in how the declaration's parts fit together."""
    return [problem for check in CHECKS for problem in check(declaration)]
