"""Sections on the website and the account: cookies, sign-in, dormant accounts (CK-09, KID-01)."""

from __future__ import annotations

from candid.policy.document import Section
from candid.policy.render.text import join, labels
from candid.policy.schema import Cookies, Declaration


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
                f"Scripts loaded only after consent: {join([x.name for x in category.scripts])}."
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
            f"If you sign in with {join(a.social_login_providers, 'or')}, we receive only: "
            f"{labels(d, a.social_login_fields)}."
        )
    return s
