"""Sections on who receives the data, where it goes, and how long it is kept (Art. 13(1)(e-f), 13(2)(a))."""

from __future__ import annotations

from candid.policy import wording as w
from candid.policy.document import Section
from candid.policy.render.text import join, labels
from candid.policy.schema import Declaration, RetentionRule


def _sharing(d: Declaration) -> str:
    recipients = [r.name for r in d.recipients if r.sale_or_sharing]
    cookies = [f'"{c.name}"' for c in d.cookies.categories if c.sale_or_sharing]
    who = join(recipients) if recipients else "third parties"
    verb = "receives" if len(recipients) == 1 else "receive"
    via = f" through our {join(cookies)} cookies" if cookies else ""
    california = (
        ', which California law calls "sharing"'
        if "US-CA" in d.jurisdiction_codes
        else ""
    )
    return (
        f"We do not sell personal data for money. However, {who} {verb} data{via} for "
        f"cross-context advertising{california}. This happens only after you accept those "
        "cookies, and you can opt out at any time, including by sending a Global Privacy "
        "Control signal, which we honour."
    )


def section_recipients(d: Declaration) -> Section:
    s = Section("sharing", "Who we share your data with")
    s.table(
        ["Recipient", "Role", "What for", "Data", "Where"],
        [
            [
                r.name,
                w.ROLES[r.role],
                r.service,
                labels(d, r.data_categories),
                ", ".join(r.countries),
            ]
            for r in d.recipients
        ],
    )
    if d.sells_or_shares:
        s.para(_sharing(d))
    else:
        s.para("We do not sell or share your personal information.")
    s.para("Every recipient may use your data only for the purposes listed here.")
    return s


def section_transfers(d: Declaration) -> Section:
    s = Section("transfers", "International transfers")
    rows = [
        [
            r.name,
            ", ".join(r.countries),
            w.MECHANISMS[r.transfer.mechanism],
            r.transfer.details,
            r.transfer.copy_available_from,
        ]
        for r in d.recipients
        if r.transfer
    ]
    if rows:
        s.table(
            ["Recipient", "Countries", "Safeguard", "Details", "Ask for a copy from"],
            rows,
        )
        s.para(
            "You can request details of these safeguards and of the technical and organisational "
            "measures that protect your data, and a copy of the safeguards, from the contact shown."
        )
    else:
        s.para(
            "We do not transfer personal data outside the European Economic Area and the United Kingdom."
        )
    return s


def _kept_for(rule: RetentionRule) -> str:
    if rule.period.amount == 0:
        return w.UNTIL[rule.trigger]
    return f"{rule.period} {w.TRIGGERS[rule.trigger]}"


def _kept_what(d: Declaration, rule: RetentionRule) -> str:
    if rule.category:
        return d.category(rule.category).label
    # `validate` makes every rule name a category or a record, never neither.
    record = rule.record or ""
    return f"Records: {record.replace('_', ' ')}"


def section_retention(d: Declaration) -> Section:
    s = Section("retention", "How long we keep your data")
    rows = []
    for rule in d.retention:
        why = rule.reason
        if rule.legal_obligation:
            why += f" Legal obligation: {rule.legal_obligation}"
        rows.append([_kept_what(d, rule), _kept_for(rule), w.ACTIONS[rule.action], why])
    s.table(["Data", "Kept for", "Then", "Why"], rows)
    s.para(
        f"Backup copies are kept for {d.backups.retention} and then destroyed. Personal data in "
        "backups is encrypted with a key per client; when you ask for erasure that key is destroyed, "
        "so even a backup copy can no longer be read."
    )
    return s
