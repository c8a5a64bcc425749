"""Sections on who holds the data, what it is, why, and on what basis (Art. 13(1)(a-c))."""

from __future__ import annotations

from candid.policy import wording as w
from candid.policy.document import Section
from candid.policy.render.text import join, labels
from candid.policy.schema import Declaration


def section_controller(d: Declaration) -> Section:
    c = d.controller
    s = Section("who-we-are", "Who we are")
    s.para(f"{c.name} is the controller of your personal data. {c.description}")
    s.para(f"This policy applies to: {d.applies_to}")
    contact = [f"E-mail: {c.email}", f"Website: {c.website}"]
    if c.postal_address:
        contact.append(f"Post: {c.postal_address}")
    if c.phone:
        contact.append(f"Telephone: {c.phone}")
    contact.append(
        f"Privacy contact: {c.privacy_lead.name}"
        + (f", {c.privacy_lead.email}" if c.privacy_lead.email else "")
    )
    if c.dpo:
        contact.append(
            f"Data protection officer: {c.dpo.name}"
            + (f", {c.dpo.email}" if c.dpo.email else "")
        )
    for label, person in (
        ("EU representative", c.eu_representative),
        ("UK representative", c.uk_representative),
    ):
        if person:
            contact.append(
                f"{label}: {person.name}"
                + (f", {person.email}" if person.email else "")
            )
    s.bullets(contact)
    return s


def section_collected(d: Declaration) -> Section:
    s = Section("data-we-collect", "The personal data we collect")
    s.table(
        ["Data", "Where it comes from", "Required?", "If you do not give it"],
        [
            [
                c.label,
                c.source,
                w.REQUIREMENTS[c.requirement],
                c.if_not_provided or "Nothing changes for you.",
            ]
            for c in d.data_categories
        ],
    )
    if not d.collects_special_categories:
        s.para(
            "We do not collect or process sensitive (special-category) data such as health, "
            "biometric or religious information, and we use no face recognition. Please do not "
            "enter such details in notes or messages."
        )
    return s


def section_purposes(d: Declaration) -> Section:
    s = Section("how-we-use-it", "How we use your data and our legal basis")
    s.table(
        ["Purpose", "What we do", "Data used", "Legal basis"],
        [
            [
                p.name,
                p.description,
                labels(d, p.data_categories),
                w.LEGAL_BASES[p.legal_basis or "consent"],
            ]
            for p in d.purposes
        ],
    )
    for p in d.purposes:
        if p.legitimate_interest:
            li = p.legitimate_interest
            s.para(
                f"{p.name}: our legitimate interest is this. {li.interest} {li.necessity} {li.balancing}"
            )
        if p.legal_obligation:
            s.para(f"{p.name}: {p.legal_obligation}")
    s.para(
        "We never use your data for a purpose not listed here without first asking for your consent."
    )
    return s


def section_consent(d: Declaration) -> Section:
    s = Section("consent", "Consent and how to withdraw it")
    consent = [p for p in d.purposes if p.consent]
    routes = {
        "privacy_centre": "the privacy centre in your account",
        "unsubscribe_link": "the unsubscribe link in every marketing e-mail",
        "cookie_banner": "the cookie settings link at the foot of every page",
    }
    s.bullets(
        [
            f"{p.name}: withdraw through {join([routes[r] for r in p.consent.withdraw_via], 'or')}."
            for p in consent
            if p.consent
        ]
    )
    s.para(
        "Every consent option starts unticked; saying nothing is saying no. Withdrawing is as easy "
        "as giving consent and takes effect at once. Reading this policy, or continuing to use our "
        "website or services, is never taken as consent: it is only an acknowledgement that you "
        "were informed."
    )
    if d.policy.acknowledged_at:
        moments = join([w.ACKNOWLEDGED_AT[m] for m in d.policy.acknowledged_at], "or")
        s.para(
            f"When you {moments}, we ask you to confirm that you have read this policy. That "
            "confirmation only records that you were informed; it is not consent to any "
            "processing, and we never treat it as such."
        )
    return s


def section_communications(d: Declaration) -> Section:
    s = Section("emails", "E-mails we send you")
    s.para(
        "Service messages, which we send because you booked, bought or asked for something. They "
        "never contain promotions:"
    )
    s.bullets([m.description for m in d.communications.service])
    if d.communications.marketing:
        s.para(
            "Marketing messages, only if you opted in. Every one carries an unsubscribe link and a "
            "one-click unsubscribe that works at once; you can also switch them off in the privacy centre:"
        )
        s.bullets([m.description for m in d.communications.marketing])
    return s
