"""Every recipient serves declared purposes, gets only their data, and is safeguarded.

Processors need an Art. 28 agreement; transfers outside the EEA and UK need an
Art. 44-46 safeguard that suits the laws the studio answers to.
"""

from __future__ import annotations

from candid.policy.schema import Declaration, Purpose, Recipient
from candid.policy.validate.common import Found, Path, duplicates

EEA_AND_UK = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE "
    "IS LI NO GB UK".split()
)


def check_recipients(d: Declaration) -> Found:
    """Yield repeated recipients, dangling purposes, extra data, missing safeguards."""
    purposes = {p.key: p for p in d.purposes}
    declared = {c.key for c in d.data_categories}
    for key in duplicates(r.key for r in d.recipients):
        yield ("recipients",), f"recipient '{key}' is declared more than once"
    for i, recipient in enumerate(d.recipients):
        here: Path = ("recipients", i)
        for j, key in enumerate(recipient.purposes):
            if key not in purposes:
                yield (
                    (*here, "purposes", j),
                    f"'{recipient.key}' serves purpose '{key}', which is not declared",
                )
        yield from _check_categories(here, recipient, purposes, declared)
        if recipient.role == "processor" and recipient.contract.dpa_signed_on is None:
            yield (
                (*here, "contract", "dpa_signed_on"),
                f"processor '{recipient.key}' needs a data processing agreement (GDPR Art. 28): give its date",
            )
        yield from _check_transfer(here, recipient, d)


def _check_categories(
    here: Path,
    recipient: Recipient,
    purposes: dict[str, Purpose],
    declared: set[str],
) -> Found:
    used = {
        c
        for key in recipient.purposes
        if key in purposes
        for c in purposes[key].data_categories
    }
    for j, key in enumerate(recipient.data_categories):
        if key not in declared:
            yield (
                (*here, "data_categories", j),
                f"'{recipient.key}' receives '{key}', which is not a declared data category",
            )
        elif key not in used:
            yield (
                (*here, "data_categories", j),
                (
                    f"'{recipient.key}' receives '{key}', but none of its purposes uses it"
                ),
            )


def _check_transfer(here: Path, recipient: Recipient, d: Declaration) -> Found:
    outside = [c for c in recipient.countries if c.upper() not in EEA_AND_UK]
    if outside and recipient.transfer is None:
        yield (
            (*here, "transfer"),
            (
                f"'{recipient.key}' receives data in {', '.join(outside)}, outside the EEA and UK: "
                "name the transfer safeguard (GDPR Art. 44-46)"
            ),
        )
    if (
        recipient.transfer
        and recipient.transfer.mechanism == "scc"
        and "UK" in d.jurisdiction_codes
    ):
        yield (
            (*here, "transfer", "mechanism"),
            (
                f"'{recipient.key}': UK exports need the IDTA or the UK Addendum, not bare EU SCCs"
            ),
        )
