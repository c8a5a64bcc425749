"""Sections on people's rights, how to use them, and the California notice (Art. 13(2)(b-d), NOT-04)."""

from __future__ import annotations

from candid.policy import wording as w
from candid.policy.document import Section
from candid.policy.render.text import capital, join
from candid.policy.schema import (
    Declaration,
    Jurisdiction,
    Purpose,
    RequestChannel,
    Verification,
)


def _deadline(j: Jurisdiction) -> str:
    rules = j.response
    text = f"{capital(w.JURISDICTIONS[j.code])}: we answer within {rules.period} of receiving your request"
    if rules.clock_starts_at_identity:
        text += " or, if later, the information we asked for to confirm your identity"
    if rules.receipt_confirmation:
        text += f", confirm receipt within {rules.receipt_confirmation}"
    text += (
        f", and may extend by up to {rules.extension} for complex requests, telling you why "
        "within the first period."
    )
    if rules.weekend_rollover:
        text += " A deadline that falls on a weekend or bank holiday moves to the next working day."
    return text


def section_rights(d: Declaration) -> Section:
    s = Section("your-rights", "Your rights")
    s.bullets([w.RIGHTS[r] for r in d.rights.offered])
    s.sub("How to make a request")
    s.bullets([_channel(c) for c in d.rights.channels])
    s.para(_verification(d.rights.verification))
    s.sub("When we answer")
    s.bullets([_deadline(j) for j in d.jurisdictions])
    s.para(
        "Making a request is free. If a request is manifestly unfounded or excessive, "
        f"{_FEES[d.rights.fees.unfounded_or_excessive]}; we tell you why in writing, and of your right to complain. "
        f"Copies of your data are delivered through a secure link that expires after {d.rights.export_link_lifetime}."
    )
    if d.records_purpose is not None:
        s.para(_records(d.records_purpose))
    s.sub("Complaints")
    s.bullets(
        [
            f"{capital(w.JURISDICTIONS[j.code])}: {j.supervisory_authority.name}, {j.supervisory_authority.url}"
            for j in d.jurisdictions
        ]
    )
    return s


def _records(purpose: Purpose) -> str:
    return (
        "We use your details to answer your request and keep a record of it and of our answer "
        f"under \u201c{purpose.name}\u201d, because the law requires it: an objection, a "
        "restriction or an erasure you asked for does not stop us answering your requests."
    )


_FEES = {
    "refuse_or_reasonable_fee": "we may charge a reasonable fee based on our administrative costs, or refuse",
    "refuse": "we may refuse",
    "none": "we still answer free of charge",
}


def _channel(c: RequestChannel) -> str:
    return (
        capital(w.CHANNELS[c.kind])
        + (f": {c.address}" if c.address else "")
        + (" (recommended)" if c.recommended else "")
    )


def _verification(v: Verification) -> str:
    return (
        "We check identity in proportion to the request: if you are signed in, we ask you to "
        f"confirm your password; otherwise we send a one-time code to your e-mail address, valid for "
        f"{v.code_lifetime} and locked after {v.max_attempts} wrong tries"
        + (
            f", and ask for {w.COUNTS[v.extra_data_points]} more detail such as a booking or order number"
            if v.extra_data_points
            else ""
        )
        + f". Someone acting for you needs: {v.authorised_agent_proof} Unsubscribing and opting "
        f"out need no identity check."
    )


def section_california(d: Declaration) -> Section | None:
    if "US-CA" not in d.jurisdiction_codes:
        return None
    s = Section("california", "Notice for California residents")
    s.para(
        "In the past 12 months we collected these categories of personal information, from the "
        "sources shown above, for the purposes shown above:"
    )
    s.table(["Category (CCPA)", "What it covers", "Kept for"], _ccpa_rows(d))
    roles = sorted({w.RECIPIENT_CATEGORIES[r.role] for r in d.recipients})
    s.para(
        f"We disclose personal information to these categories of recipients: {join(roles)}."
    )
    s.para(
        "We sell no personal information."
        if not d.sells_or_shares
        else 'We do not sell personal information for money, but advertising cookies "share" it '
        'for cross-context advertising; use the "Do Not Sell or Share My Personal '
        'Information" link or a Global Privacy Control signal to opt out.'
    )
    s.para(
        "Sensitive personal information (your account password) is used only to sign you in, never "
        "to infer anything about you."
    )
    methods = [
        w.CHANNELS[c.kind] + (f" ({c.address})" if c.address else "")
        for c in d.rights.channels
    ]
    s.para(
        f"To exercise your California rights, use any of: {join(methods, 'or')}. An authorised agent may act for you."
    )
    return s


def _ccpa_rows(d: Declaration) -> list[list[str]]:
    """Return one row per CCPA category, with the labels of the data it covers."""
    groups: dict[str, list[str]] = {}
    for c in d.data_categories:
        groups.setdefault(c.ccpa_category, []).append(c.label)
    return [
        [w.CCPA_CATEGORIES[k], "; ".join(v), 'as in "How long we keep your data"']
        for k, v in groups.items()
    ]
