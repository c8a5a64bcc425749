"""Tell every client of a significant policy change, and ask fresh consent (NOT-03).

When a significant version is published, each active client gets one e-mail (the
declared `policy_change` service message) at least the declared advance notice
before it takes effect: what changed in plain words, the date it takes effect, a
link to say "I have read it" (recorded as an acknowledgement, never as consent,
LAW-06) and, for each consent purpose of theirs whose scope widened, a link to give
fresh consent; the old consent stops counting on the effective date. Sending is
bounded, resumable and never twice per client and version
(`candid.notices.deliveries`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.urls import reverse

from candid.audit.entries import Actor
from candid.audit.events import (
    NOTICES_CHANGE_NOTICE_SENT,
    NOTICES_CHANGE_NOTICE_SKIPPED,
)
from candid.audit.services import audit_record
from candid.consent.scope import reconsent_pending_for
from candid.mail import conf as mail_conf
from candid.mail.services import mail_send_service
from candid.notices.deliveries import DeliveryReport, deliveries_send
from candid.notices.models import PolicyVersion
from candid.notices.recipients import Recipient, client_recipients
from candid.notices.selectors import declaration_of
from candid.policy import Declaration

MESSAGE_KEY = "policy_change"
ACTOR = Actor.system("policy_change_notices")
# Change paths nobody needs told: the version number and its date are the news itself.
SELF_EVIDENT = ("policy.version", "policy.effective_date")


@dataclass(frozen=True)
class ChangeSummary:
    """What a version changed, in the words the diff gives each change."""

    significant: tuple[str, ...]
    other: tuple[str, ...]


def change_summary(version: PolicyVersion) -> ChangeSummary:
    """Return the plain-language sentences of a version's changes, significant first.

    Data category keys in the diff's sentences are given as the policy names them
    ("Orders, bookings, downloads and licences" for user.behavior.purchase_history).
    """
    plain = _plain_words(declaration_of(version))
    return ChangeSummary(
        significant=tuple(
            plain(c["summary"]) for c in version.changes if c["significant"]
        ),
        other=tuple(
            plain(c["summary"])
            for c in version.changes
            if not c["significant"] and c["path"] not in SELF_EVIDENT
        ),
    )


def _plain_words(declaration: Declaration):
    labels = {c.key: c.label for c in declaration.data_categories}
    if not labels:
        return lambda text: text
    keys = sorted(labels, key=len, reverse=True)
    pattern = re.compile(
        r"(?<![\w.])(" + "|".join(re.escape(k) for k in keys) + r")(?![\w.]*\w)"
    )
    return lambda text: pattern.sub(lambda m: labels[m.group(1)], text)


def topic_of(version: PolicyVersion) -> str:
    """Return the delivery topic of a version's change notice: "policy:2027.01"."""
    return f"policy:{version.version}"


def change_page_url(version: PolicyVersion) -> str:
    """Return the absolute address of the page about this change, for e-mails."""
    return mail_conf.base_url() + reverse(
        "notices:policy-change", args=[version.version]
    )


def change_notices_send(
    *, version: PolicyVersion, batch_size: int = 200
) -> DeliveryReport:
    """E-mail every active client the change notice of a significant version, once.

    A version that is not significant is announced on the site only (C-15), so
    nothing is sent. Each client's e-mail names the consents of theirs that need
    renewing; the audit log records each notice sent or skipped (ids only).
    """
    if not version.significant:
        return DeliveryReport()
    declaration = declaration_of(version)
    context = {
        "studio": declaration.controller.name,
        "version": version,
        "summary": change_summary(version),
        "page_url": change_page_url(version),
        "policy_url": mail_conf.base_url() + reverse("web:privacy-policy"),
    }

    def send(recipient: Recipient) -> None:
        renew = _to_renew(recipient, version, declaration)
        mail_send_service(
            message_key=MESSAGE_KEY,
            to=recipient.address or "",
            subject=f"Changes to {context['studio']}'s privacy policy from "
            f"{version.effective_date:%-d %B %Y}",
            text_template="notices/email/policy_change.txt",
            html_template="notices/email/policy_change.html",
            context={**context, "renew": renew},
        )
        audit_record(
            action=NOTICES_CHANGE_NOTICE_SENT,
            actor=ACTOR,
            subject_id=recipient.subject_id,
            purpose="service_messages",
            categories=["user.contact.email"],
            details={"version": version.version, "reconsents": len(renew)},
        )

    def skipped(recipient: Recipient, reason: str) -> None:
        audit_record(
            action=NOTICES_CHANGE_NOTICE_SKIPPED,
            actor=ACTOR,
            subject_id=recipient.subject_id,
            details={"version": version.version, "reason": str(reason)},
        )

    return deliveries_send(
        topic=topic_of(version),
        recipients=client_recipients(),
        send=send,
        on_skipped=skipped,
        batch_size=batch_size,
    )


def _to_renew(
    recipient: Recipient, version: PolicyVersion, declaration: Declaration
) -> list[dict[str, str]]:
    names = {p.key: p.name for p in declaration.purposes}
    return [
        {"key": pending.purpose, "name": names.get(pending.purpose, pending.purpose)}
        for pending in reconsent_pending_for(recipient.subject_id)
        if pending.version == version.version
    ]


def advance_notice_problem(
    *, declaration: Declaration, significant: bool, published_on: dt.date
) -> str | None:
    """Return why a version takes effect too soon to be announced, or None (NOT-03).

    A significant change takes effect no earlier than the declared advance notice
    (`changes.advance_notice`, e.g. 30 days) after it is published, so every client
    can read it, object or withdraw consent before it applies.
    """
    if not significant:
        return None
    notice = declaration.changes.advance_notice
    start = dt.datetime.combine(published_on, dt.time(), tzinfo=dt.UTC)
    earliest = notice.after(start).date()
    if declaration.policy.effective_date >= earliest:
        return None
    return (
        f"version {declaration.policy.version} changes the policy significantly and "
        f"must be announced {notice} before it takes effect: its effective date "
        f"{declaration.policy.effective_date:%Y-%m-%d} must be on or after "
        f"{earliest:%Y-%m-%d}"
    )


@dataclass(frozen=True)
class PendingRenewal:
    """A consent of the client's that a new version's scope no longer covers."""

    purpose_key: str
    purpose_name: str
    version: str
    effective_date: dt.date
    in_force: bool


def renewals_pending_for(subject_id) -> list[PendingRenewal]:
    """Return the consents a client should give again, for the privacy centre (NOT-03)."""
    found = []
    for pending in reconsent_pending_for(subject_id):
        version = PolicyVersion.objects.get(version=pending.version)
        names = {p.key: p.name for p in declaration_of(version).purposes}
        found.append(
            PendingRenewal(
                purpose_key=pending.purpose,
                purpose_name=names.get(pending.purpose, pending.purpose),
                version=pending.version,
                effective_date=pending.effective_date,
                in_force=pending.in_force,
            )
        )
    return found
