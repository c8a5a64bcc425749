"""Closing sections: security, automated decisions, changes and contact (NOT-03)."""

from __future__ import annotations

from candid.policy.document import Section
from candid.policy.render.text import join
from candid.policy.schema import Declaration


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


def section_changes(d: Declaration) -> Section:
    ch = d.changes
    s = Section("changes", "Changes to this policy")
    routes = {
        "email": "an e-mail to every client",
        "site_notice": "a notice on this website",
    }
    s.para(
        f"We announce significant changes (a new purpose, new kinds of data or recipients, a new "
        f"transfer, longer retention) by {join([routes[r] for r in ch.significant])}, "
        f"at least {ch.advance_notice} before they take effect; other changes by "
        f"{join([routes[r] for r in ch.other])}. "
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
