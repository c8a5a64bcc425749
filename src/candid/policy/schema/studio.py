"""How the studio's site and business treat people.

Accounts, cookies, e-mails, policy changes, security, automated decisions, client
images and sales.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from candid.policy.schema.vocabulary import (
    ChangeRoute,
    DurationField,
    FidesKey,
    Key,
    Part,
    ReleaseUse,
)


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
