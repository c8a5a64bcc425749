"""Who declares the policy, how to reach them, and under which laws (GDPR Art. 13(1)(a-b))."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from candid.policy.schema.vocabulary import (
    DurationField,
    JurisdictionCode,
    Part,
)


class Person(Part):
    name: str = Field(min_length=1)
    email: str | None = None
    postal_address: str | None = None


class PolicyMeta(Part):
    title: str = "Privacy Policy"
    version: str = Field(min_length=1)
    effective_date: dt.date
    language: str = "en"
    # Where people are asked to confirm they have read the policy. That confirmation is
    # an acknowledgement, never consent or agreement to terms (LAW-06, C-05).
    acknowledged_at: list[Literal["sign_up", "booking", "checkout"]] = []


class Controller(Part):
    name: str = Field(min_length=1)
    legal_name: str | None = None
    description: str = Field(min_length=1)
    website: str = Field(min_length=1)
    email: str = Field(min_length=3)
    postal_address: str | None = None
    phone: str | None = None
    dpo: Person | None = None
    privacy_lead: Person
    eu_representative: Person | None = None
    uk_representative: Person | None = None
    established_in: Literal["EU", "UK", "US", "other"]


class Authority(Part):
    name: str = Field(min_length=1)
    url: str = Field(min_length=1)


class ResponseRules(Part):
    """How long a rights request may take in one jurisdiction (DSR-03, CA-02)."""

    period: DurationField
    extension: DurationField
    extension_notice_required: bool = True
    receipt_confirmation: DurationField | None = None
    weekend_rollover: bool = False
    clock_starts_at_identity: bool = False


class Jurisdiction(Part):
    code: JurisdictionCode
    supervisory_authority: Authority
    response: ResponseRules
    digital_age_of_consent: int = Field(ge=13, le=18)
