"""Cookies beyond the strictly necessary rest on consent (ePrivacy Art. 5(3), CK-01)."""

from __future__ import annotations

from candid.policy.schema import Declaration
from candid.policy.validate.common import Found, Path, duplicates


def check_cookies(d: Declaration) -> Found:
    """Yield a missing essential category, repeats, and optional cookies without consent."""
    purposes = {p.key: p for p in d.purposes}
    categories = d.cookies.categories
    if not any(c.essential for c in categories):
        yield (
            ("cookies", "categories"),
            "declare the strictly necessary cookies as an essential category",
        )
    for key in duplicates(c.key for c in categories):
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
