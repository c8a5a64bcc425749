"""Build the e-mails: rendered content, sender, and what every marketing mail carries."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import formataddr, parseaddr
from typing import Any

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from candid.mail import conf
from candid.policy import Declaration
from candid.policy.schema import Purpose

ONE_CLICK = "List-Unsubscribe=One-Click"


@dataclass(frozen=True)
class Content:
    """A message's rendered subject line, plain text and optional HTML."""

    subject: str
    text: str
    html: str | None = None

    @property
    def parts(self) -> tuple[str, ...]:
        return (self.subject, self.text, self.html or "")


@dataclass(frozen=True)
class Draft:
    """A message before rendering: subject line, template names and their context."""

    subject: str
    text_template: str
    html_template: str | None = None
    context: Mapping[str, Any] | None = None

    def render(self, **extra: Any) -> Content:
        """Render the templates; the subject becomes one line, as a header must be."""
        values = {**(self.context or {}), **extra}
        html = self.html_template
        return Content(
            subject=" ".join(self.subject.split()),
            text=render_to_string(self.text_template, values),
            html=render_to_string(html, values) if html else None,
        )


def sender(*, address: str, declaration: Declaration) -> str:
    """Return the From header: the configured address, named after the studio."""
    name, bare = parseaddr(address)
    return formataddr((name or declaration.controller.name, bare))


def email_build(
    *, from_email: str, to: str, content: Content, headers: Mapping[str, str]
) -> EmailMultiAlternatives:
    """Return one message with its plain text body and, if given, its HTML alternative."""
    email = EmailMultiAlternatives(
        subject=content.subject,
        body=content.text,
        from_email=from_email,
        to=[to],
        headers=dict(headers),
    )
    if content.html is not None:
        email.attach_alternative(content.html, "text/html")
    return email


def unsubscribe_url(token: str) -> str:
    """Return the absolute one-click unsubscribe URL of a token."""
    return conf.base_url() + reverse("mail:unsubscribe", args=[token])


def unsubscribe_headers(token: str) -> dict[str, str]:
    """Return the RFC 8058 headers: an HTTPS URI (and a mailto if configured)."""
    uris = [f"<{unsubscribe_url(token)}>"]
    mailto = conf.unsubscribe_mailto()
    if mailto:
        uris.append(f"<mailto:{mailto}?subject=unsubscribe%20{token}>")
    return {"List-Unsubscribe": ", ".join(uris), "List-Unsubscribe-Post": ONE_CLICK}


def footer_context(
    *, declaration: Declaration, purpose: Purpose, url: str
) -> dict[str, Any]:
    """Return what the marketing footer says: how to leave, and who is writing (MKT-02)."""
    controller = declaration.controller
    return {
        "unsubscribe_url": url,
        "list_name": purpose.name,
        "sender_name": controller.legal_name or controller.name,
        "postal_address": controller.postal_address,
        "website": controller.website,
        # CAN-SPAM: a commercial message must say it is an advertisement (US profile).
        "advertisement": any(
            j.code.startswith("US") for j in declaration.jurisdictions
        ),
    }


def with_footer(content: Content, footer: Mapping[str, Any]) -> Content:
    """Return the content with the marketing footer in the text and the HTML body."""
    text_footer = render_to_string("mail/marketing_footer.txt", footer)
    html = content.html
    if html is not None:
        html_footer = render_to_string("mail/marketing_footer.html", footer)
        end = html.lower().rfind("</body>")
        html = html + html_footer if end < 0 else html[:end] + html_footer + html[end:]
    return Content(
        subject=content.subject,
        text=f"{content.text.rstrip()}\n\n{text_footer}",
        html=html,
    )
