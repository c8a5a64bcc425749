"""Every right the studio's laws give is offered, on more than one channel (DSR-01)."""

from __future__ import annotations

from candid.policy.schema import Declaration
from candid.policy.validate.common import Found

RIGHTS_REQUIRED = {
    "EU": (
        "access",
        "rectification",
        "erasure",
        "restriction",
        "portability",
        "objection",
        "withdraw_consent",
        "complain",
    ),
    "UK": (
        "access",
        "rectification",
        "erasure",
        "restriction",
        "portability",
        "objection",
        "withdraw_consent",
        "complain",
    ),
    "US-CA": ("know", "delete", "correct", "non_discrimination"),
}


def check_rights(d: Declaration) -> Found:
    """Yield rights the laws require but the declaration lacks, and weak channels."""
    yield from _check_offered(d)
    yield from _check_records_purpose(d)
    kinds = {c.kind for c in d.rights.channels}
    if len(kinds) < 2:
        yield (
            ("rights", "channels"),
            (
                "requests must be accepted on more than one channel; a single route such as a "
                "web form alone is not enough (GDPR Art. 12(2); CCPA: at least two methods)"
            ),
        )
    for i, channel in enumerate(d.rights.channels):
        if (
            channel.kind in ("web_form", "email", "post", "phone")
            and not channel.address
        ):
            yield (
                ("rights", "channels", i, "address"),
                f"the {channel.kind} channel needs its address",
            )


def _check_offered(d: Declaration) -> Found:
    offered = set(d.rights.offered)
    for code in sorted(d.jurisdiction_codes):
        for right in RIGHTS_REQUIRED.get(code, ()):
            if right not in offered:
                yield (
                    ("rights", "offered"),
                    f"{code} law gives people the right '{right}': offer it",
                )
    if (
        "US-CA" in d.jurisdiction_codes
        and d.sells_or_shares
        and "opt_out_sale_sharing" not in offered
    ):
        yield (
            ("rights", "offered"),
            (
                "a recipient or cookie receives data for sale or cross-context advertising, so "
                "California residents need 'opt_out_sale_sharing' (CCPA 1798.120)"
            ),
        )


def _check_records_purpose(d: Declaration) -> Found:
    """The purpose requests are answered under is declared, under a legal obligation.

    Answering a request and keeping its record is required by law (GDPR Art. 5(2),
    12 to 22, 30), so it may go on after an objection, a restriction or an erasure:
    no other basis allows that (DSR-14).
    """
    key = d.rights.records_purpose
    purpose = d.records_purpose
    where = ("rights", "records_purpose")
    if purpose is None and key is None:
        yield (
            where,
            "name the purpose requests are answered and recorded under: a "
            "legal-obligation purpose that keeps 'user.privacy_preferences'",
        )
    elif purpose is None:
        yield where, f"'{key}' is not a declared purpose"
    elif purpose.legal_basis != "legal_obligation":
        yield (
            where,
            (
                f"requests are answered and recorded because the law requires it: "
                f"purpose '{key}' needs the legal basis 'legal_obligation', "
                f"not '{purpose.legal_basis}'"
            ),
        )
