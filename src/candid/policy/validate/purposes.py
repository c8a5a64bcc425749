"""Every purpose names declared data, one legal basis and what that basis demands.

LAW-01 (one basis), LAW-02 (legitimate interests rest on a balancing test), and the
rules for direct marketing (consent or soft opt-in, an unsubscribe, an objection).
"""

from __future__ import annotations

from candid.policy import taxonomy
from candid.policy.schema import Declaration, Purpose
from candid.policy.validate.common import Found, Path, duplicates, unknown_key


def check_purposes(d: Declaration) -> Found:
    """Yield repeated or dangling purposes, bases that do not fit, unused categories."""
    declared = {c.key for c in d.data_categories}
    subjects = {s.key for s in d.data_subjects}
    for key in duplicates(p.key for p in d.purposes):
        yield ("purposes",), f"purpose '{key}' is declared more than once"
    for i, purpose in enumerate(d.purposes):
        yield from _check_references(i, purpose, declared, subjects)
        yield from _check_purpose_basis(i, purpose)
        yield from _check_marketing(i, purpose, d)
    unused = declared - {k for p in d.purposes for k in p.data_categories}
    for key in sorted(unused):
        yield (
            ("data_categories",),
            f"'{key}' is collected but no purpose uses it (GDPR Art. 5(1)(c))",
        )


def _check_references(
    i: int, purpose: Purpose, declared: set[str], subjects: set[str]
) -> Found:
    uses = taxonomy.data_uses()
    if purpose.data_use not in uses:
        yield (
            ("purposes", i, "data_use"),
            unknown_key(purpose.data_use, uses, "data use"),
        )
    for j, key in enumerate(purpose.data_categories):
        if key not in declared:
            yield (
                ("purposes", i, "data_categories", j),
                f"purpose '{purpose.key}' uses '{key}', which is not a declared data category",
            )
    for j, key in enumerate(purpose.data_subjects):
        if key not in subjects:
            yield (
                ("purposes", i, "data_subjects", j),
                f"purpose '{purpose.key}' names subject '{key}', which is not declared in data_subjects",
            )


def _check_purpose_basis(i: int, purpose: Purpose) -> Found:
    here: Path = ("purposes", i)
    if purpose.legal_basis is None:
        yield (
            (*here, "legal_basis"),
            (
                f"purpose '{purpose.key}' has no legal basis; give exactly one of consent, "
                "contract, legal_obligation, legitimate_interests"
            ),
        )
    yield from _check_consent_rules(here, purpose)
    yield from _check_legitimate_interests(here, purpose)
    if purpose.legal_basis == "legal_obligation" and not purpose.legal_obligation:
        yield (
            here,
            f"purpose '{purpose.key}' rests on a legal obligation but does not name it (legal_obligation)",
        )
    if purpose.legal_basis == "consent" and purpose.data_use.startswith("essential"):
        yield (
            (*here, "legal_basis"),
            (
                f"purpose '{purpose.key}' is essential to the service, so it cannot rest on "
                "consent (GDPR Art. 7(4)); use contract or legal_obligation"
            ),
        )


def _check_consent_rules(here: Path, purpose: Purpose) -> Found:
    basis = purpose.legal_basis
    if basis == "consent" and purpose.consent is None:
        yield (
            here,
            f"purpose '{purpose.key}' rests on consent but says nothing of how consent is given and withdrawn",
        )
    if purpose.consent is not None and basis != "consent":
        yield (
            (*here, "consent"),
            f"purpose '{purpose.key}' has consent rules but its legal basis is {basis}",
        )
    if purpose.consent is not None and purpose.consent.default != "denied":
        yield (
            (*here, "consent", "default"),
            (
                f"consent purpose '{purpose.key}' must default to denied: silence or a "
                "pre-ticked box is not consent (GDPR Art. 4(11), Planet49)"
            ),
        )


def _check_legitimate_interests(here: Path, purpose: Purpose) -> Found:
    if purpose.legal_basis != "legitimate_interests":
        return
    if purpose.legitimate_interest is None:
        yield (
            here,
            f"purpose '{purpose.key}' rests on legitimate interests but has no balancing "
            f"assessment (legitimate_interest)",
        )
    if not purpose.objectable:
        yield (
            (*here, "objectable"),
            f"purpose '{purpose.key}' rests on legitimate interests, so people can object to it "
            f"(GDPR Art. 21): set objectable: true",
        )


def _check_marketing(i: int, purpose: Purpose, d: Declaration) -> Found:
    here: Path = ("purposes", i)
    if not purpose.is_marketing:
        return
    if purpose.legal_basis not in ("consent", "legitimate_interests"):
        yield (
            (*here, "legal_basis"),
            f"marketing purpose '{purpose.key}' needs consent (or a declared soft opt-in), not {purpose.legal_basis}",
        )
    if (
        purpose.legal_basis == "legitimate_interests"
        and not d.communications.soft_opt_in
    ):
        yield (
            (*here, "legal_basis"),
            f"marketing purpose '{purpose.key}' rests on legitimate interests, which is only "
            f"allowed with communications.soft_opt_in",
        )
    if purpose.data_use.startswith("marketing.communications"):
        route = purpose.unsubscribe
        if route is None or not (route.one_click and route.link_in_every_message):
            yield (
                (*here, "unsubscribe"),
                (
                    f"marketing purpose '{purpose.key}' needs an unsubscribe route: one-click "
                    "and a link in every message (RFC 8058, PECR reg. 22)"
                ),
            )
    if not purpose.objectable:
        yield (
            (*here, "objectable"),
            f"people can always object to direct marketing (GDPR Art. 21(2)): set objectable: true on '{purpose.key}'",
        )
