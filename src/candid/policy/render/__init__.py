"""Turn a declaration into the public privacy policy (GDPR Art. 13, CCPA notice at collection).

Every section is built from the declaration; there is no free text that could
contradict it. A section the law requires cannot be missing, because the schema and
`validate` refuse a declaration without the data it needs. The sections live in the
`sections_*` modules; `SECTIONS` gives their order on the page.
"""

from __future__ import annotations

from collections.abc import Callable

from candid.policy.document import (
    Document,
    Section,
    to_html_body,
    to_html_page,
    to_markdown,
)
from candid.policy.render.sections_business import section_commerce, section_images
from candid.policy.render.sections_closing import (
    section_automated,
    section_changes,
    section_contact,
    section_security,
)
from candid.policy.render.sections_data import (
    section_collected,
    section_communications,
    section_consent,
    section_controller,
    section_purposes,
)
from candid.policy.render.sections_rights import section_california, section_rights
from candid.policy.render.sections_sharing import (
    section_recipients,
    section_retention,
    section_transfers,
)
from candid.policy.render.sections_site import section_account, section_cookies
from candid.policy.schema import Declaration

__all__ = [
    "SECTIONS",
    "build_document",
    "render_html",
    "render_html_body",
    "render_markdown",
    "section_account",
    "section_automated",
    "section_california",
    "section_changes",
    "section_collected",
    "section_commerce",
    "section_communications",
    "section_consent",
    "section_contact",
    "section_controller",
    "section_cookies",
    "section_images",
    "section_purposes",
    "section_recipients",
    "section_retention",
    "section_rights",
    "section_security",
    "section_transfers",
]

# A section that does not apply to the studio (no images, no California) is None.
SECTIONS: tuple[Callable[[Declaration], Section | None], ...] = (
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
