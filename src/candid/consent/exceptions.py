"""The consent app's errors."""

from __future__ import annotations

import enum
import uuid


class DenialReason(enum.StrEnum):
    """Why the purpose gate refused a use of personal data: stable codes for logs."""

    UNDECLARED = "undeclared"
    NO_LEGAL_BASIS = "no_legal_basis"
    NO_CONSENT = "no_consent"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    CONSENT_OUTDATED = "consent_outdated"
    OBJECTION = "objection"
    RESTRICTION = "restriction"
    UNKNOWN_SUBJECT = "unknown_subject"
    SUBJECT_ERASED = "subject_erased"


EXPLANATIONS = {
    DenialReason.UNDECLARED: "the policy in force does not declare this purpose",
    DenialReason.NO_LEGAL_BASIS: "the policy in force gives this purpose no legal basis",
    DenialReason.NO_CONSENT: "the purpose rests on consent and the subject never gave it",
    DenialReason.CONSENT_WITHDRAWN: "the purpose rests on consent and the subject withdrew it",
    DenialReason.CONSENT_OUTDATED: (
        "the purpose's scope changed since the subject consented; fresh consent is "
        "needed"
    ),
    DenialReason.OBJECTION: "the subject objected to this purpose and the objection stands",
    DenialReason.RESTRICTION: "the subject restricted processing of data this purpose uses",
    DenialReason.UNKNOWN_SUBJECT: "no such data subject is known",
    DenialReason.SUBJECT_ERASED: "the subject's data has been erased",
}


class PurposeDenied(PermissionError):
    """The purpose gate refused to let personal data be used for a purpose."""

    def __init__(
        self, *, purpose: str, reason: DenialReason, subject_id: uuid.UUID | None
    ) -> None:
        self.purpose = purpose
        self.reason = reason
        self.subject_id = subject_id
        super().__init__(
            f"Purpose '{purpose}' is denied for subject {subject_id}: "
            f"{EXPLANATIONS[reason]} ({reason})."
        )


class ConsentError(ValueError):
    """A consent, objection or restriction cannot be recorded as asked; nothing changed."""


class AppendOnlyError(PermissionError):
    """A ledger row was about to be changed or deleted; ledgers only grow."""
