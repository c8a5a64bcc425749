"""The typed shape of a studio's privacy policy declaration.

A declaration is a YAML file; `candid.policy.loader` reads it into a `Declaration`.
These models check the shape of each part (types, required fields, allowed words);
`candid.policy.validate` checks how the parts fit together.
"""

from __future__ import annotations

import datetime as dt
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


class RequestChannel(Part):
    kind: ChannelKind
    address: str | None = None
    recommended: bool = False


class Verification(Part):
    signed_in: Literal["reauthenticate"] = "reauthenticate"
    by_email: Literal["one_time_code", "link"] = "one_time_code"
    code_lifetime: DurationField
    max_attempts: int = Field(ge=1, le=10)
    extra_data_points: int = Field(ge=0, le=3)
    authorised_agent_proof: str = Field(min_length=1)


class Fees(Part):
    default: Literal[0] = 0
    unfounded_or_excessive: Literal["refuse_or_reasonable_fee", "refuse", "none"]


class Rights(Part):
    offered: list[Right] = Field(min_length=1)
    channels: list[RequestChannel] = Field(min_length=1)
    verification: Verification
    fees: Fees
    export_link_lifetime: DurationField


class Accounts(Part):
    minimum_age: int = Field(ge=13, le=21)
    keep_me_logged_in: DurationField
    dormant_after: DurationField | None = None
    dormant_notice: DurationField | None = None
    social_login_providers: list[str] = []
    social_login_fields: list[FidesKey] = []


class Cookie(Part):
    name: str = Field(min_length=1)
    provider: str = Field(min_length=1)
    purpose: str = Field(min_length=1)
    lifetime: str = Field(min_length=1)


class Script(Part):
    name: str = Field(min_length=1)
    src: str = Field(pattern=r"^https://")
    hosts: list[str] = Field(min_length=1)


class CookieCategory(Part):
    key: Key
    name: str = Field(min_length=1)
    description: str = Field(min_length=1)
    essential: bool = False
    purpose: Key | None = None
    cookies: list[Cookie] = Field(min_length=1)
    scripts: list[Script] = []
    sale_or_sharing: bool = False


class Cookies(Part):
    version: int = Field(ge=1)
    reconsent_after: DurationField
    categories: list[CookieCategory] = Field(min_length=1)
    browser_settings_note: bool = True
    # A public page about cookies and how to refuse them, for readers who want more.
    more_information_url: str | None = Field(default=None, pattern=r"^https://")


class Message(Part):
    key: Key
    description: str = Field(min_length=1)


class MarketingMessage(Message):
    purpose: Key
    channel: Literal["email", "sms"] = "email"


class Communications(Part):
    service: list[Message] = Field(min_length=1)
    marketing: list[MarketingMessage] = []
    soft_opt_in: bool = False


class Changes(Part):
    significant: list[ChangeRoute] = Field(min_length=1)
    other: list[ChangeRoute] = Field(min_length=1)
    advance_notice: DurationField
    reconsent_when_consent_scope_changes: bool = True


class Security(Part):
    measures: list[str] = Field(min_length=1)
    transport: str = Field(min_length=1)
    card_data: str = Field(min_length=1)
    staff_access: str = Field(min_length=1)
    incident_response: str = Field(min_length=1)


class AutomatedDecisions(Part):
    used: bool
    description: str = Field(min_length=1)


class Images(Part):
    """Client images: galleries, releases and who may see them (IMG-01..07)."""

    promotional_use_requires_release: bool
    release_uses: list[ReleaseUse] = Field(min_length=1)
    gallery_password_protected: bool
    share_link_lifetime: DurationField
    gallery_lifetime: DurationField
    stripped_metadata: list[Literal["gps", "camera_serial", "original_filename"]] = (
        Field(min_length=1)
    )
    print_vendor_purpose: Key | None = None


class Bookings(Part):
    full_refund_before: DurationField
    late_cancellation_refund_percent: int = Field(ge=0, le=100)


class DigitalProducts(Part):
    licence: Literal["personal_use"]
    licence_terms: list[str] = Field(min_length=1)
    final_after_download: bool
    withdrawal_waiver_required: bool = True
    download_link_lifetime: DurationField
    technical_issue_route: str = Field(min_length=1)


class Commerce(Part):
    bookings: Bookings | None = None
    digital_products: DigitalProducts | None = None


class Declaration(Part):
    """A studio's whole privacy policy, as data."""

    schema_version: Literal[1]
    policy: PolicyMeta
    controller: Controller
    applies_to: str = Field(min_length=1)
    jurisdictions: list[Jurisdiction] = Field(min_length=1)
    data_subjects: list[DataSubject] = Field(min_length=1)
    data_categories: list[DataCategory] = Field(min_length=1)
    collects_special_categories: bool = False
    purposes: list[Purpose] = Field(min_length=1)
    recipients: list[Recipient] = []
    retention: list[RetentionRule] = Field(min_length=1)
    backups: Backups
    rights: Rights
    accounts: Accounts
    cookies: Cookies
    communications: Communications
    changes: Changes
    security: Security
    automated_decisions: AutomatedDecisions
    images: Images | None = None
    commerce: Commerce | None = None

    # Lookups used on hot paths and by the renderer.
    def purpose(self, key: str) -> Purpose:
        for purpose in self.purposes:
            if purpose.key == key:
                return purpose
        raise KeyError(key)

    def category(self, key: str) -> DataCategory:
        for category in self.data_categories:
            if category.key == key:
                return category
        raise KeyError(key)

    def jurisdiction(self, code: str) -> Jurisdiction:
        for jurisdiction in self.jurisdictions:
            if jurisdiction.code == code:
                return jurisdiction
        raise KeyError(code)

    @property
    def jurisdiction_codes(self) -> frozenset[str]:
        return frozenset(j.code for j in self.jurisdictions)

    @property
    def sells_or_shares(self) -> bool:
        """Say whether any recipient or cookie receives data for sale or ad sharing (NOT-06)."""
        return any(r.sale_or_sharing for r in self.recipients) or any(
            c.sale_or_sharing for c in self.cookies.categories
        )
