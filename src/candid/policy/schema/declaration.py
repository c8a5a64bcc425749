"""The whole declaration: every part in its place, and the lookups callers use."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from candid.policy.schema.controller import Controller, Jurisdiction, PolicyMeta
from candid.policy.schema.processing import (
    Backups,
    DataCategory,
    DataSubject,
    Purpose,
    Recipient,
    RetentionRule,
)
from candid.policy.schema.rights import Rights
from candid.policy.schema.studio import (
    Accounts,
    AutomatedDecisions,
    Changes,
    Commerce,
    Communications,
    Cookies,
    Images,
    Security,
)
from candid.policy.schema.vocabulary import Part


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
    def records_purpose(self) -> Purpose | None:
        """Return the purpose requests are answered and recorded under, if any.

        The one `rights.records_purpose` names; when it names none (a version
        published before the setting existed), the first legal-obligation purpose
        that keeps privacy preferences, as the records of requests are.
        """
        key = self.rights.records_purpose
        for purpose in self.purposes:
            if purpose.key == key or (
                key is None
                and purpose.legal_basis == "legal_obligation"
                and "user.privacy_preferences" in purpose.data_categories
            ):
                return purpose
        return None

    @property
    def sells_or_shares(self) -> bool:
        """Say whether any recipient or cookie receives data for sale or ad sharing (NOT-06)."""
        return any(r.sale_or_sharing for r in self.recipients) or any(
            c.sale_or_sharing for c in self.cookies.categories
        )
