"""The controller can be reached, and has a representative where the law wants one."""

from __future__ import annotations

from candid.policy.schema import Declaration
from candid.policy.validate.common import Found, duplicates


def check_controller(d: Declaration) -> Found:
    """Yield a bad contact address, missing Art. 27 representatives, repeated laws."""
    c = d.controller
    if "@" not in c.email:
        yield ("controller", "email"), f"'{c.email}' is not an e-mail address"
    if (
        "EU" in d.jurisdiction_codes
        and c.established_in != "EU"
        and c.eu_representative is None
    ):
        yield (
            ("controller", "eu_representative"),
            "a controller outside the EU that serves people in the EU names an EU representative (GDPR Art. 27)",
        )
    if (
        "UK" in d.jurisdiction_codes
        and c.established_in != "UK"
        and c.uk_representative is None
    ):
        yield (
            ("controller", "uk_representative"),
            "a controller outside the UK that serves people in the UK names a UK representative (UK GDPR Art. 27)",
        )
    for key in duplicates(j.code for j in d.jurisdictions):
        yield ("jurisdictions",), f"jurisdiction '{key}' is declared more than once"
