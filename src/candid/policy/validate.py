"""Checks of how the parts of a declaration fit together.

Each check yields `(path, message)` for every problem it finds, so a studio sees
all of them at once. The messages name the rule broken and how to mend it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator

from candid.policy import taxonomy
from candid.policy.schema import Declaration

Path = tuple[str | int, ...]
Found = Iterator[tuple[Path, str]]

EEA_AND_UK = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE "
    "IS LI NO GB UK".split()
)
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
PROMOTIONAL_MARKERS = (
    "upgrade",
    "offer",
    "promotion",
    "discount",
    "new product",
    "sale ",
)


def _duplicates(keys: Iterable[str]) -> set[str]:
    return {key for key, count in Counter(keys).items() if count > 1}


def _unknown_key(key: str, vocabulary: frozenset[str], kind: str) -> str:
    close = taxonomy.nearest(key, vocabulary)
    hint = f"; nearest valid keys: {', '.join(close)}" if close else ""
    return f"'{key}' is not a fideslang {kind}{hint}"


def check_vocabulary(d: Declaration) -> Found:
    categories = taxonomy.data_categories()
    for i, category in enumerate(d.data_categories):
        if category.key not in categories:
            yield (
                ("data_categories", i, "key"),
                _unknown_key(category.key, categories, "data category"),
            )
        elif (
            taxonomy.is_special_category(category.key)
            and not d.collects_special_categories
        ):
            yield (
                ("data_categories", i, "key"),
                (
                    f"'{category.key}' is special-category data (GDPR Art. 9), but the "
                    "declaration says none is collected"
                ),
            )
    for key in _duplicates(c.key for c in d.data_categories):
        yield ("data_categories",), f"'{key}' is declared more than once"
    subjects = taxonomy.data_subjects()
    for i, subject in enumerate(d.data_subjects):
        if subject.key not in subjects:
            yield (
                ("data_subjects", i, "key"),
                _unknown_key(subject.key, subjects, "data subject"),
            )


def _check_purpose_basis(i: int, purpose, d: Declaration) -> Found:
    here: Path = ("purposes", i)
    basis = purpose.legal_basis
    if basis is None:
        yield (
            (*here, "legal_basis"),
            (
                f"purpose '{purpose.key}' has no legal basis; give exactly one of consent, "
                "contract, legal_obligation, legitimate_interests"
            ),
        )
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
    if basis == "legitimate_interests" and purpose.legitimate_interest is None:
        yield (
            here,
            f"purpose '{purpose.key}' rests on legitimate interests but has no balancing "
            f"assessment (legitimate_interest)",
        )
    if basis == "legitimate_interests" and not purpose.objectable:
        yield (
            (*here, "objectable"),
            f"purpose '{purpose.key}' rests on legitimate interests, so people can object to it "
            f"(GDPR Art. 21): set objectable: true",
        )
    if basis == "legal_obligation" and not purpose.legal_obligation:
        yield (
            here,
            f"purpose '{purpose.key}' rests on a legal obligation but does not name it (legal_obligation)",
        )
    if basis == "consent" and purpose.data_use.startswith("essential"):
        yield (
            (*here, "legal_basis"),
            (
                f"purpose '{purpose.key}' is essential to the service, so it cannot rest on "
                "consent (GDPR Art. 7(4)); use contract or legal_obligation"
            ),
        )


def _check_marketing(i: int, purpose, d: Declaration) -> Found:
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


def check_purposes(d: Declaration) -> Found:
    declared = {c.key for c in d.data_categories}
    subjects = {s.key for s in d.data_subjects}
    uses = taxonomy.data_uses()
    for key in _duplicates(p.key for p in d.purposes):
        yield ("purposes",), f"purpose '{key}' is declared more than once"
    for i, purpose in enumerate(d.purposes):
        if purpose.data_use not in uses:
            yield (
                ("purposes", i, "data_use"),
                _unknown_key(purpose.data_use, uses, "data use"),
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
        yield from _check_purpose_basis(i, purpose, d)
        yield from _check_marketing(i, purpose, d)
    unused = declared - {k for p in d.purposes for k in p.data_categories}
    for key in sorted(unused):
        yield (
            ("data_categories",),
            f"'{key}' is collected but no purpose uses it (GDPR Art. 5(1)(c))",
        )


def _check_transfer(i: int, recipient, d: Declaration) -> Found:
    here: Path = ("recipients", i)
    outside = [c for c in recipient.countries if c.upper() not in EEA_AND_UK]
    if outside and recipient.transfer is None:
        yield (
            (*here, "transfer"),
            (
                f"'{recipient.key}' receives data in {', '.join(outside)}, outside the EEA and UK: "
                "name the transfer safeguard (GDPR Art. 44-46)"
            ),
        )
    if (
        recipient.transfer
        and recipient.transfer.mechanism == "scc"
        and "UK" in d.jurisdiction_codes
    ):
        yield (
            (*here, "transfer", "mechanism"),
            (
                f"'{recipient.key}': UK exports need the IDTA or the UK Addendum, not bare EU SCCs"
            ),
        )


def check_recipients(d: Declaration) -> Found:
    purposes = {p.key: p for p in d.purposes}
    declared = {c.key for c in d.data_categories}
    for key in _duplicates(r.key for r in d.recipients):
        yield ("recipients",), f"recipient '{key}' is declared more than once"
    for i, recipient in enumerate(d.recipients):
        here: Path = ("recipients", i)
        for j, key in enumerate(recipient.purposes):
            if key not in purposes:
                yield (
                    (*here, "purposes", j),
                    f"'{recipient.key}' serves purpose '{key}', which is not declared",
                )
        used = {
            c
            for key in recipient.purposes
            if key in purposes
            for c in purposes[key].data_categories
        }
        for j, key in enumerate(recipient.data_categories):
            if key not in declared:
                yield (
                    (*here, "data_categories", j),
                    f"'{recipient.key}' receives '{key}', which is not a declared data category",
                )
            elif key not in used:
                yield (
                    (*here, "data_categories", j),
                    (
                        f"'{recipient.key}' receives '{key}', but none of its purposes uses it"
                    ),
                )
        if recipient.role == "processor" and recipient.contract.dpa_signed_on is None:
            yield (
                (*here, "contract", "dpa_signed_on"),
                f"processor '{recipient.key}' needs a data processing agreement (GDPR Art. 28): give its date",
            )
        yield from _check_transfer(i, recipient, d)


def check_retention(d: Declaration) -> Found:
    declared = {c.key for c in d.data_categories}
    covered: Counter[str] = Counter()
    for i, rule in enumerate(d.retention):
        here: Path = ("retention", i)
        if (rule.category is None) == (rule.record is None):
            yield here, "a retention rule names exactly one of category or record"
        if rule.category is not None:
            covered[rule.category] += 1
            if rule.category not in declared:
                yield (
                    (*here, "category"),
                    f"retention rule for '{rule.category}', which is not a declared data category",
                )
        if rule.action == "keep" and not rule.legal_obligation:
            yield (
                (*here, "legal_obligation"),
                "a rule that keeps data against an erasure request must name the legal obligation",
            )
    for key in sorted(declared - set(covered)):
        yield ("retention",), f"'{key}' has no retention rule (GDPR Art. 13(2)(a))"
    for key in sorted(k for k, n in covered.items() if n > 1):
        yield ("retention",), f"'{key}' has more than one retention rule"
    for key in _duplicates(r.record for r in d.retention if r.record):
        yield ("retention",), f"record '{key}' has more than one retention rule"


def check_rights(d: Declaration) -> Found:
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


def check_cookies(d: Declaration) -> Found:
    purposes = {p.key: p for p in d.purposes}
    categories = d.cookies.categories
    if not any(c.essential for c in categories):
        yield (
            ("cookies", "categories"),
            "declare the strictly necessary cookies as an essential category",
        )
    for key in _duplicates(c.key for c in categories):
        yield (
            ("cookies", "categories"),
            f"cookie category '{key}' is declared more than once",
        )
    for i, category in enumerate(categories):
        here: Path = ("cookies", "categories", i)
        if category.essential:
            if category.scripts:
                yield (
                    (*here, "scripts"),
                    "strictly necessary cookies may not load third-party scripts",
                )
            continue
        if category.purpose is None or category.purpose not in purposes:
            yield (
                (*here, "purpose"),
                f"cookie category '{category.key}' must name a declared purpose",
            )
        elif purposes[category.purpose].legal_basis != "consent":
            yield (
                (*here, "purpose"),
                (
                    f"non-essential cookies ('{category.key}') need consent (ePrivacy Art. 5(3)); "
                    f"purpose '{category.purpose}' does not rest on consent"
                ),
            )


def check_communications(d: Declaration) -> Found:
    purposes = {p.key: p for p in d.purposes}
    for i, message in enumerate(d.communications.service):
        text = f" {message.description.lower()} "
        for marker in PROMOTIONAL_MARKERS:
            if marker in text:
                yield (
                    ("communications", "service", i, "description"),
                    (
                        f"service message '{message.key}' mentions '{marker.strip()}': promoting "
                        "products or upgrades is marketing and needs consent and an unsubscribe"
                    ),
                )
                break
    for i, message in enumerate(d.communications.marketing):
        purpose = purposes.get(message.purpose)
        if purpose is None or not purpose.is_marketing:
            yield (
                ("communications", "marketing", i, "purpose"),
                f"marketing message '{message.key}' must name a declared marketing purpose",
            )


def check_controller(d: Declaration) -> Found:
    c = d.controller
    if "@" not in c.email:
        yield ("controller", "email"), f"'{c.email}' is not an e-mail address"
    if (
        "EU" in d.jurisdiction_codes
        and c.established_in != "EU"
        and c.eu_representative is None
    ):
        yield (
            ("controller", "eu_representative"),
            "a controller outside the EU that serves people in the EU names an EU representative (GDPR Art. 27)",
        )
    if (
        "UK" in d.jurisdiction_codes
        and c.established_in != "UK"
        and c.uk_representative is None
    ):
        yield (
            ("controller", "uk_representative"),
            "a controller outside the UK that serves people in the UK names a UK representative (UK GDPR Art. 27)",
        )
    for key in _duplicates(j.code for j in d.jurisdictions):
        yield ("jurisdictions",), f"jurisdiction '{key}' is declared more than once"


def check_other_sections(d: Declaration) -> Found:
    if "email" not in d.changes.significant:
        yield (
            ("changes", "significant"),
            "significant changes must be announced by e-mail, not only on the website",
        )
    declared = {c.key for c in d.data_categories}
    for i, key in enumerate(d.accounts.social_login_fields):
        if key not in declared:
            yield (
                ("accounts", "social_login_fields", i),
                f"social login imports '{key}', which is not a declared data category",
            )
    if d.images is not None:
        if not d.images.promotional_use_requires_release:
            yield (
                ("images", "promotional_use_requires_release"),
                (
                    "promotional use of client images needs each person's signed release; it cannot "
                    "be a default right of the studio (GDPR Art. 6-7; Cal. Civ. Code 3344)"
                ),
            )
        vendor = d.images.print_vendor_purpose
        if vendor is not None and vendor not in {p.key for p in d.purposes}:
            yield (
                ("images", "print_vendor_purpose"),
                f"'{vendor}' is not a declared purpose",
            )
    products = d.commerce.digital_products if d.commerce else None
    if (
        products
        and not products.withdrawal_waiver_required
        and d.jurisdiction_codes & {"EU", "UK"}
    ):
        yield (
            ("commerce", "digital_products", "withdrawal_waiver_required"),
            (
                "in the EU and UK a sale is final on download only after the buyer's express "
                "waiver of the 14-day withdrawal right"
            ),
        )


CHECKS: tuple[Callable[[Declaration], Found], ...] = (
    check_vocabulary,
    check_controller,
    check_purposes,
    check_recipients,
    check_retention,
    check_rights,
    check_cookies,
    check_communications,
    check_other_sections,
)


def semantic_problems(declaration: Declaration) -> list[tuple[Path, str]]:
    """Return every problem in how the declaration's parts fit together."""
    return [problem for check in CHECKS for problem in check(declaration)]
