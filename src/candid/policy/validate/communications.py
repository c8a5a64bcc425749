"""Service e-mails promote nothing; marketing e-mails name a marketing purpose (MKT-01, MKT-05)."""

from __future__ import annotations

from candid.policy.schema import Declaration
from candid.policy.validate.common import Found

PROMOTIONAL_MARKERS = (
    "upgrade",
    "offer",
    "promotion",
    "discount",
    "new product",
    "sale ",
)


def check_communications(d: Declaration) -> Found:
    """Yield service messages that read as promotion and unanchored marketing messages."""
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
