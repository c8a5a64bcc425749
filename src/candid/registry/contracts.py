"""The Art. 28(3) checklist of each processor's contract, with its warnings (PRC-02).

The declaration says who the processors are, when each data processing agreement
was signed and how fast each must report a breach (BR-04); staff record which of the
eight Art. 28(3) terms the signed contract holds. Anything missing is a warning.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from candid.audit.entries import Actor
from candid.policy import Declaration
from candid.policy.schema import Recipient
from candid.registry.events import processor_terms_recorded
from candid.registry.exceptions import ProcessorTermsInvalid
from candid.registry.models import ProcessorTerms

TERMS = {
    "instructions": "(a) processes only on documented instructions",
    "confidentiality": "(b) people processing the data are bound to confidentiality",
    "security": "(c) takes the security measures of Art. 32",
    "sub_processors": "(d) engages sub-processors only as Art. 28(2) and (4) allow",
    "assists_with_rights": "(e) helps answer data-subject requests",
    "assists_with_obligations": "(f) helps with Arts. 32-36 (security, breaches, DPIAs)",
    "deletes_or_returns": "(g) deletes or returns the data at the end of the service",
    "audits": "(h) gives the information needed and allows audits",
}


@dataclass(frozen=True)
class Checklist:
    """One processor: its contract facts, the terms ticked, and what is missing."""

    key: str
    name: str
    dpa_signed_on: dt.date | None
    breach_notice_hours: int | None
    terms: dict[str, bool]
    checked_at: dt.datetime | None
    contract_link: str
    warnings: tuple[str, ...]

    @property
    def complete(self) -> bool:
        return not self.warnings


def processor_checklists(declaration: Declaration) -> list[Checklist]:
    """Return the Art. 28(3) checklist of every declared processor, in order (PRC-02)."""
    recorded = {t.recipient_key: t for t in ProcessorTerms.objects.all()}
    return [
        _checklist(recipient, recorded.get(recipient.key))
        for recipient in declaration.recipients
        if recipient.role == "processor"
    ]


def _checklist(recipient: Recipient, record: ProcessorTerms | None) -> Checklist:
    terms = {name: bool(record and getattr(record, name)) for name in TERMS}
    return Checklist(
        key=recipient.key,
        name=recipient.name,
        dpa_signed_on=recipient.contract.dpa_signed_on,
        breach_notice_hours=recipient.contract.breach_notice_hours,
        terms=terms,
        checked_at=record.checked_at if record else None,
        contract_link=record.contract_link if record else "",
        warnings=tuple(_warnings(recipient, record, terms)),
    )


def _warnings(
    recipient: Recipient, record: ProcessorTerms | None, terms: dict[str, bool]
) -> list[str]:
    # The declaration's validator already refuses a processor without a signed
    # agreement or a transfer outside the EEA and UK without a safeguard.
    found = []
    if recipient.contract.breach_notice_hours is None:
        found.append(
            "The contract sets no time within which the processor reports a breach "
            "(Art. 33(2); BR-04)."
        )
    if record is None:
        found.append("The contract's Art. 28(3) terms have not been checked yet.")
        return found
    found.extend(
        f"Missing term {TERMS[name]}." for name, held in terms.items() if not held
    )
    return found


def processor_terms_record(
    *,
    user,
    declaration: Declaration,
    recipient_key: str,
    terms: Mapping[str, bool],
    contract_link: str = "",
    now: dt.datetime | None = None,
) -> ProcessorTerms:
    """Record which Art. 28(3) terms a processor's signed contract holds (PRC-02).

    Only a declared processor can be recorded; every term is stated, ticked or not.
    """
    processors = {r.key for r in declaration.recipients if r.role == "processor"}
    if recipient_key not in processors:
        raise ProcessorTermsInvalid(
            f"'{recipient_key}' is not a processor of the declaration in force."
        )
    unknown = set(terms) - set(TERMS)
    if unknown:
        raise ProcessorTermsInvalid(f"Unknown terms: {', '.join(sorted(unknown))}.")
    values = {name: bool(terms.get(name, False)) for name in TERMS}
    with transaction.atomic():
        record, _ = ProcessorTerms.objects.update_or_create(
            recipient_key=recipient_key,
            defaults={
                **values,
                "contract_link": contract_link.strip(),
                "checked_at": now or timezone.now(),
                "checked_by": user,
            },
        )
        processor_terms_recorded(
            recipient_key=recipient_key,
            actor=Actor.staff(user.pk),
            missing=sum(not held for held in values.values()),
        )
    return record
