"""What is processed: data categories and subjects, purposes, recipients, retention."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from candid.policy.schema.vocabulary import (
    CcpaCategory,
    DurationField,
    FidesKey,
    Key,
    LegalBasis,
    Part,
    RecipientRole,
    RecordType,
    RetentionAction,
    RetentionTrigger,
    TransferMechanism,
)


class DataCategory(Part):
    """A kind of personal data the studio holds, in fideslang's vocabulary."""

    key: FidesKey
    label: str = Field(min_length=1)
    source: str = Field(min_length=1)
    requirement: Literal["contract", "statutory", "optional"]
    if_not_provided: str | None = None
    ccpa_category: CcpaCategory
    encrypted_at_rest: bool = False


class DataSubject(Part):
    key: FidesKey
    label: str = Field(min_length=1)


class LegitimateInterestAssessment(Part):
    """The balancing test a legitimate-interests purpose rests on (LAW-02)."""

    interest: str = Field(min_length=1)
    necessity: str = Field(min_length=1)
    balancing: str = Field(min_length=1)
    assessed_on: dt.date
    assessed_by: str = Field(min_length=1)


class ConsentRules(Part):
    default: Literal["denied", "granted"] = "denied"
    withdraw_via: list[
        Literal["privacy_centre", "unsubscribe_link", "cookie_banner"]
    ] = Field(min_length=1)
    double_opt_in: bool = False


class UnsubscribeRoute(Part):
    one_click: bool
    link_in_every_message: bool


class Purpose(Part):
    key: Key
    name: str = Field(min_length=1)
    description: str = Field(min_length=1)
    data_use: FidesKey
    legal_basis: LegalBasis | None = None
    data_categories: list[FidesKey] = Field(min_length=1)
    data_subjects: list[FidesKey] = Field(min_length=1)
    legitimate_interest: LegitimateInterestAssessment | None = None
    legal_obligation: str | None = None
    consent: ConsentRules | None = None
    unsubscribe: UnsubscribeRoute | None = None
    objectable: bool = False

    @property
    def is_marketing(self) -> bool:
        return self.data_use == "marketing" or self.data_use.startswith("marketing.")

    @property
    def needs_consent(self) -> bool:
        return self.legal_basis == "consent"


class Transfer(Part):
    mechanism: TransferMechanism
    details: str = Field(min_length=1)
    copy_available_from: str = Field(min_length=1)


class Contract(Part):
    dpa_signed_on: dt.date | None = None
    service_provider_terms: bool = False
    breach_notice_hours: int | None = Field(default=None, ge=1, le=168)


class Recipient(Part):
    key: Key
    name: str = Field(min_length=1)
    role: RecipientRole
    service: str = Field(min_length=1)
    purposes: list[Key] = Field(min_length=1)
    data_categories: list[FidesKey] = Field(min_length=1)
    countries: list[str] = Field(min_length=1)
    transfer: Transfer | None = None
    contract: Contract = Contract()
    sale_or_sharing: bool = False
    privacy_policy_url: str | None = None
    erasure_connector: Literal["stripe", "mailchimp", "email", "none"] = "email"
    erasure_contact: str | None = None


class RetentionRule(Part):
    """How long one category or record type is kept, and what happens then (RET-01)."""

    category: FidesKey | None = None
    record: RecordType | None = None
    period: DurationField
    trigger: RetentionTrigger
    action: RetentionAction
    legal_obligation: str | None = None
    reason: str = Field(min_length=1)


class Backups(Part):
    retention: DurationField
    restore_replays_erasures: bool = True
