"""How sure the studio must be of a requester's identity, by request and jurisdiction.

Proportionate verification (DSR-05): opt-outs need nothing; a requester without an
account proves control of the e-mail address with a one-time code, and a request
that discloses or deletes data also needs the declaration's `extra_data_points`.

California (CCPA regs §7062, REQUIREMENTS table row 17) counts the e-mail address
as one data point:

- to know categories: a reasonable degree of certainty, 2 data points;
- to know specific pieces: a reasonably high degree, 3 data points and a
  declaration signed under penalty of perjury (§7062(c)); an access or
  portability request is answered with the data itself, so it counts as one;
- to delete or correct: reasonable or reasonably high by the sensitivity of the
  data and the harm an unauthorised deletion does (§7062(d)); the regulation's
  example is family photographs, so a studio that declares images of people
  (`audio_visual`) or sensitive personal information asks 3 data points.

The standard depends on the declaration and the request only, never on whether
the address has an account, so asking for it reveals nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from candid.policy import Declaration
from candid.rights.models import KnowScope, RequestType

CALIFORNIA = "US-CA"
DISCLOSING_OR_DELETING = frozenset(
    {
        RequestType.ACCESS,
        RequestType.PORTABILITY,
        RequestType.ERASURE,
        RequestType.KNOW,
        RequestType.DELETE,
        RequestType.CORRECT,
    }
)
# CCPA categories whose unauthorised deletion or change harms the consumer most.
SENSITIVE_CCPA_CATEGORIES = frozenset(
    {"audio_visual", "sensitive_personal_information"}
)
_CHANGING = frozenset({RequestType.ERASURE, RequestType.DELETE, RequestType.CORRECT})
REASONABLE = 1  # further points beside the e-mail address: 2 in all
REASONABLY_HIGH = 2  # 3 in all


@dataclass(frozen=True)
class Standard:
    """Further data points beyond the e-mail code, and whether a declaration is due."""

    data_points: int
    declaration: bool


NONE = Standard(data_points=0, declaration=False)


def verification_standard(
    *, request_type: str, jurisdiction: str, scope: str, declaration: Declaration
) -> Standard:
    """Return what a requester without an account must prove for this request."""
    if request_type not in DISCLOSING_OR_DELETING:
        return NONE
    baseline = declaration.rights.verification.extra_data_points
    if jurisdiction != CALIFORNIA:
        return Standard(data_points=baseline, declaration=False)
    if request_type == RequestType.KNOW and scope == KnowScope.CATEGORIES:
        return Standard(data_points=max(baseline, REASONABLE), declaration=False)
    if request_type in _CHANGING:
        points = REASONABLY_HIGH if _holds_sensitive(declaration) else REASONABLE
        return Standard(data_points=max(baseline, points), declaration=False)
    return Standard(data_points=max(baseline, REASONABLY_HIGH), declaration=True)


def _holds_sensitive(declaration: Declaration) -> bool:
    return any(
        category.ccpa_category in SENSITIVE_CCPA_CATEGORIES
        for category in declaration.data_categories
    )
