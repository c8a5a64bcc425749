"""The words a declaration may use: keys, durations and every closed list of values.

`Part` is the base of every model of the declaration: unknown fields are errors and
values never change once loaded.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer

from candid.policy.durations import Duration


def _parse_duration(value: Any) -> Duration:
    if isinstance(value, Duration):
        return value
    if not isinstance(value, str):
        raise ValueError("write a duration such as '90 days', '1 month' or '6 years'")
    return Duration.parse(value)


DurationField = Annotated[
    Duration, BeforeValidator(_parse_duration), PlainSerializer(str, return_type=str)
]
Key = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
FidesKey = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_.]*$")]

LegalBasis = Literal["consent", "contract", "legal_obligation", "legitimate_interests"]
JurisdictionCode = Literal["EU", "UK", "US-CA", "US"]
RecipientRole = Literal[
    "processor", "controller", "joint_controller", "authority", "professional_adviser"
]
TransferMechanism = Literal[
    "adequacy", "dpf", "scc", "idta", "uk_addendum", "bcr", "derogation"
]
RetentionAction = Literal["delete", "anonymise", "keep"]
RetentionTrigger = Literal[
    "collected",
    "account_closed",
    "last_login",
    "last_activity",
    "booking_completed",
    "order_completed",
    "end_of_financial_year",
    "gallery_delivered",
    "request_closed",
    "consent_withdrawn",
    "release_withdrawn",
    "unsubscribed",
]
# The record types the studio apps keep; a retention rule may name one of these.
RecordType = Literal[
    "account",
    "session",
    "booking",
    "order",
    "invoice",
    "download",
    "gallery",
    "gallery_image",
    "share_link",
    "model_release",
    "print_order",
    "consent_record",
    "rights_request",
    "audit_event",
    "marketing_suppression",
    "contact_enquiry",
    "web_log",
    "fraud_signal",
    "email_log",
]
Right = Literal[
    # GDPR / UK GDPR
    "access",
    "rectification",
    "erasure",
    "restriction",
    "portability",
    "objection",
    "withdraw_consent",
    "complain",
    # California
    "know",
    "delete",
    "correct",
    "opt_out_sale_sharing",
    "limit_sensitive",
    "non_discrimination",
]
ChannelKind = Literal["web_form", "account", "email", "post", "phone", "in_person"]
ChangeRoute = Literal["email", "site_notice"]
CcpaCategory = Literal[
    "identifiers",
    "customer_records",
    "commercial_information",
    "internet_activity",
    "geolocation",
    "audio_visual",
    "professional",
    "inferences",
    "sensitive_personal_information",
]
ReleaseUse = Literal[
    "portfolio", "website", "social_media", "marketing", "print_advertising"
]


class Part(BaseModel):
    """A part of the declaration: unknown fields are errors, values never change."""

    model_config = ConfigDict(extra="forbid", frozen=True)
