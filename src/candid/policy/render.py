"""Turn a declaration into the public privacy policy (GDPR Art. 13, CCPA notice at collection).

Every section is built from the declaration; there is no free text that could
contradict it. A section the law requires cannot be missing, because the schema and
`validate` refuse a declaration without the data it needs.
"""

from __future__ import annotations

from candid.policy import wording as w
from candid.policy.document import (
    Document,
    Section,
    to_html_body,
    to_html_page,
    to_markdown,
)
from candid.policy.schema import Cookies, Declaration, Jurisdiction, RetentionRule


def _join(items: list[str], last: str = "and") -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _labels(d: Declaration, keys: list[str]) -> str:
    return "; ".join(d.category(key).label for key in keys)


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
                _labels(d, p.data_categories),
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
            f"{p.name}: withdraw through {_join([routes[r] for r in p.consent.withdraw_via], 'or')}."
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
        moments = _join([w.ACKNOWLEDGED_AT[m] for m in d.policy.acknowledged_at], "or")
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


def _sharing(d: Declaration) -> str:
    recipients = [r.name for r in d.recipients if r.sale_or_sharing]
    cookies = [f'"{c.name}"' for c in d.cookies.categories if c.sale_or_sharing]
    who = _join(recipients) if recipients else "third parties"
    verb = "receives" if len(recipients) == 1 else "receive"
    via = f" through our {_join(cookies)} cookies" if cookies else ""
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
                _labels(d, r.data_categories),
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


def section_retention(d: Declaration) -> Section:
    s = Section("retention", "How long we keep your data")
    rows = []
    for rule in d.retention:
        what = (
            d.category(rule.category).label
            if rule.category
            else f"Records: {rule.record.replace('_', ' ')}"
        )
        why = rule.reason
        if rule.legal_obligation:
            why += f" Legal obligation: {rule.legal_obligation}"
        rows.append([what, _kept_for(rule), w.ACTIONS[rule.action], why])
    s.table(["Data", "Kept for", "Then", "Why"], rows)
    s.para(
        f"Backup copies are kept for {d.backups.retention} and then destroyed. Personal data in "
        "backups is encrypted with a key per client; when you ask for erasure that key is destroyed, "
        "so even a backup copy can no longer be read."
    )
    return s


def _deadline(j: Jurisdiction) -> str:
    rules = j.response
    text = f"{_capital(w.JURISDICTIONS[j.code])}: we answer within {rules.period} of receiving your request"
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
    s.bullets(
        [
            _capital(w.CHANNELS[c.kind])
            + (f": {c.address}" if c.address else "")
            + (" (recommended)" if c.recommended else "")
            for c in d.rights.channels
        ]
    )
    v = d.rights.verification
    s.para(
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
    s.sub("When we answer")
    s.bullets([_deadline(j) for j in d.jurisdictions])
    fee = {
        "refuse_or_reasonable_fee": "we may charge a reasonable fee based on our administrative costs, or refuse",
        "refuse": "we may refuse",
        "none": "we still answer free of charge",
    }
    s.para(
        "Making a request is free. If a request is manifestly unfounded or excessive, "
        f"{fee[d.rights.fees.unfounded_or_excessive]}; we tell you why in writing, and of your right to complain. "
        f"Copies of your data are delivered through a secure link that expires after {d.rights.export_link_lifetime}."
    )
    s.sub("Complaints")
    s.bullets(
        [
            f"{_capital(w.JURISDICTIONS[j.code])}: {j.supervisory_authority.name}, {j.supervisory_authority.url}"
            for j in d.jurisdictions
        ]
    )
    return s


def _cookie_choices(c: Cookies) -> str:
    return (
        "Only strictly necessary cookies are set until you choose otherwise. Our cookie banner offers "
        '"Accept all" and "Reject all" side by side, and a choice per category; nothing is pre-ticked. '
        f"Change your mind at any time with the cookie settings link at the foot of every page. We "
        f"ask again after {c.reconsent_after} or when our cookies change. "
        "A Global Privacy Control signal from your browser is honoured as a refusal of advertising cookies."
    )


def section_cookies(d: Declaration) -> Section:
    c = d.cookies
    s = Section("cookies", "Cookies and similar technologies")
    if all(category.essential for category in c.categories):
        s.para(
            "We set only the strictly necessary cookies listed below. They need no consent, and "
            "we use no analytics, advertising or other optional cookies."
        )
    else:
        s.para(_cookie_choices(c))
    for category in c.categories:
        state = "always on" if category.essential else "only with your consent"
        s.sub(f"{category.name} ({state})")
        s.para(category.description)
        s.table(
            ["Cookie", "Set by", "Purpose", "Lifetime"],
            [[k.name, k.provider, k.purpose, k.lifetime] for k in category.cookies],
        )
        if category.scripts:
            s.para(
                f"Scripts loaded only after consent: {_join([x.name for x in category.scripts])}."
            )
    if c.browser_settings_note:
        s.para(
            "Your browser settings can also block or delete cookies; this is in addition to, not "
            "instead of, the choices above."
        )
    if c.more_information_url:
        s.para(
            f"For more about cookies and how to stop them being set, see {c.more_information_url}"
        )
    return s


def section_account(d: Declaration) -> Section:
    a = d.accounts
    s = Section("account", "Your account")
    s.para(
        f"You must be at least {a.minimum_age} to open an account. We delete any account opened by "
        "someone younger as soon as we learn of it, keeping only what the law obliges us to keep."
    )
    s.para(
        'If you tick "keep me logged in", you stay signed in on that browser and device only, for up '
        f"to {a.keep_me_logged_in}; otherwise you are signed out when the browser closes. Your account "
        "page lists your active sessions and lets you sign out of each."
    )
    s.para(
        "You can change the personal data in your account directly. Changes apply to future "
        "orders; orders already placed keep the details they were placed with."
    )
    if a.dormant_after:
        notice = f" We warn you {a.dormant_notice} before." if a.dormant_notice else ""
        s.para(f"Accounts unused for {a.dormant_after} are deleted.{notice}")
    if a.social_login_providers:
        s.para(
            f"If you sign in with {_join(a.social_login_providers, 'or')}, we receive only: "
            f"{_labels(d, a.social_login_fields)}."
        )
    return s


def section_images(d: Declaration) -> Section | None:
    i = d.images
    if i is None:
        return None
    s = Section("images", "Your photographs and model releases")
    s.para(
        "Images from your sessions are confidential. Without your explicit, written consent they are "
        "not shared with third parties, published or used for promotional purposes."
    )
    s.para(
        f"We may ask you to sign a model release so that images can appear in "
        f"{_join([w.RELEASE_USES[u] for u in i.release_uses], 'or')}. "
        "Signing is entirely voluntary, can cover some uses and not others, and can be withdrawn at any time; "
        "an image is only used promotionally if every person identifiable in it has a release for that use, "
        "signed by a parent or guardian for a minor."
    )
    s.para(
        f"You see your images in a private{', password-protected' if i.gallery_password_protected else ''} "
        "online gallery. You decide whom to share it with: "
        f"each share link has its own password, expires after {i.share_link_lifetime} unless you "
        f"choose otherwise, and can be revoked at any time. "
        f"Galleries are deleted {i.gallery_lifetime} after delivery. Images shown to anyone "
        f"outside the studio have their "
        f"{_join([w.METADATA[m] for m in i.stripped_metadata])} removed."
    )
    if i.print_vendor_purpose:
        s.para(
            "When you order prints, the printing service receives only the files you ordered and "
            "the delivery details it needs. It works only on our instructions, under a contract "
            "that binds it to confidentiality."
        )
    return s


def section_commerce(d: Declaration) -> Section | None:
    c = d.commerce
    if c is None or (c.bookings is None and c.digital_products is None):
        return None
    s = Section("refunds", "Bookings, digital products and refunds")
    if c.bookings:
        late = c.bookings.late_cancellation_refund_percent
        late_text = (
            "also refunded in full"
            if late == 100
            else (f"refunded at {late}%" if late else "not refunded")
        )
        s.para(
            f"You may cancel a booking at least {c.bookings.full_refund_before} before the session "
            f"for a full refund. Later cancellations are {late_text}."
        )
    p = c.digital_products
    if p:
        s.para("Digital products come with a personal-use licence only:")
        s.bullets(p.licence_terms)
        if p.final_after_download:
            s.para(
                "A sale is final once a file has been downloaded, but only if you asked at checkout for immediate "
                "download and acknowledged that you then lose the 14-day right of withdrawal; we "
                "confirm this by e-mail. "
                f"Before you download, you can still cancel and be refunded. Download links expire "
                f"after {p.download_link_lifetime}."
            )
        s.para(p.technical_issue_route)
    return s


def section_security(d: Declaration) -> Section:
    x = d.security
    s = Section("security", "How we protect your data")
    s.bullets(
        [*x.measures, x.transport, x.card_data, x.staff_access, x.incident_response]
    )
    return s


def section_automated(d: Declaration) -> Section:
    s = Section("automated-decisions", "Automated decisions")
    s.para(d.automated_decisions.description)
    return s


def section_california(d: Declaration) -> Section | None:
    if "US-CA" not in d.jurisdiction_codes:
        return None
    s = Section("california", "Notice for California residents")
    groups: dict[str, list[str]] = {}
    for c in d.data_categories:
        groups.setdefault(c.ccpa_category, []).append(c.label)
    s.para(
        "In the past 12 months we collected these categories of personal information, from the "
        "sources shown above, for the purposes shown above:"
    )
    s.table(
        ["Category (CCPA)", "What it covers", "Kept for"],
        [
            [w.CCPA_CATEGORIES[k], "; ".join(v), 'as in "How long we keep your data"']
            for k, v in groups.items()
        ],
    )
    roles = sorted({w.RECIPIENT_CATEGORIES[r.role] for r in d.recipients})
    s.para(
        f"We disclose personal information to these categories of recipients: {_join(roles)}."
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
        f"To exercise your California rights, use any of: {_join(methods, 'or')}. An authorised agent may act for you."
    )
    return s


def section_changes(d: Declaration) -> Section:
    ch = d.changes
    s = Section("changes", "Changes to this policy")
    routes = {
        "email": "an e-mail to every client",
        "site_notice": "a notice on this website",
    }
    s.para(
        f"We announce significant changes (a new purpose, new kinds of data or recipients, a new "
        f"transfer, longer retention) by {_join([routes[r] for r in ch.significant])}, "
        f"at least {ch.advance_notice} before they take effect; other changes by "
        f"{_join([routes[r] for r in ch.other])}. "
        "Where a change affects something you consented to, we ask for your consent again."
    )
    s.para(
        f'The "Last Updated" date at the top shows when this policy last changed. This is version {d.policy.version}.'
    )
    return s


def section_contact(d: Declaration) -> Section:
    s = Section("contact", "Contact us")
    form = [c.address for c in d.rights.channels if c.kind == "web_form" and c.address]
    s.para(
        f"Questions about this policy or your data: {d.controller.email}"
        + (f", or the form at {form[0]}" if form else "")
        + "."
    )
    return s


SECTIONS = (
    section_controller,
    section_collected,
    section_purposes,
    section_consent,
    section_communications,
    section_recipients,
    section_transfers,
    section_retention,
    section_rights,
    section_cookies,
    section_account,
    section_images,
    section_commerce,
    section_security,
    section_automated,
    section_california,
    section_changes,
    section_contact,
)


def build_document(d: Declaration) -> Document:
    """Return the privacy policy as a document, ready for either writer."""
    sections = [s for s in (build(d) for build in SECTIONS) if s is not None]
    meta = [
        f"Last Updated: {d.policy.effective_date:%d %B %Y}",
        f"Version {d.policy.version}",
    ]
    return Document(
        title=f"{d.controller.name} {d.policy.title}", meta=meta, sections=sections
    )


def render_markdown(d: Declaration) -> str:
    """Return the privacy policy as Markdown."""
    return to_markdown(build_document(d))


def render_html_body(d: Declaration) -> str:
    """Return the privacy policy as an HTML fragment for the site's page."""
    return to_html_body(build_document(d))


def render_html(d: Declaration) -> str:
    """Return the privacy policy as a standalone HTML page."""
    return to_html_page(build_document(d))
