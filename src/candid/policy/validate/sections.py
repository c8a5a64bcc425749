"""The remaining sections: change notices, social login, client images, digital sales."""

from __future__ import annotations

from candid.policy.schema import Declaration
from candid.policy.validate.common import Found


def check_other_sections(d: Declaration) -> Found:
    """Yield site-only change notices, undeclared social-login data, image and sale faults."""
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
    yield from _check_images(d)
    yield from _check_digital_products(d)


def _check_images(d: Declaration) -> Found:
    if d.images is None:
        return
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


def _check_digital_products(d: Declaration) -> Found:
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
