"""Publishing versions of the privacy policy."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from candid.consent.purposes import policy_changed
from candid.notices.changes import advance_notice_problem
from candid.notices.exceptions import PublishError
from candid.notices.models import PolicyVersion
from candid.notices.selectors import declaration_request_cache_clear
from candid.policy import (
    Declaration,
    DeclarationError,
    parse_declaration,
    text_digest,
)
from candid.policy.diff import Change, PolicyDiff, diff_declarations
from candid.policy.render import render_html


def policy_publish(*, source: str, now: dt.datetime | None = None) -> PolicyVersion:
    """Validate and store a declaration as a published, immutable policy version.

    Publishing the same text twice returns the stored version (idempotent). A version
    number already published with other content is refused: versions never change
    (NOT-03). So is a version that takes effect before the newest one published, since
    "Last Updated" must be the effective date of the newest version. The diff against
    the version before is stored with it, and says whether the change is significant.
    A significant change must take effect no sooner than the declared advance notice
    after publication; once stored, every client is e-mailed a summary of it and
    asked for fresh consent where a consent purpose widened (NOT-03, in the
    background: `candid.notices.tasks`), and every process's purpose gate re-reads
    the policy.
    """
    declaration = parse_declaration(source, source="declaration")
    digest = text_digest(source)
    existing = _same_version(declaration, digest)
    if existing is not None:
        return existing
    html = render_html(declaration)
    try:
        with transaction.atomic():
            diff = _diff_against_newest(declaration)
            published_at = now or timezone.now()
            _advance_notice_check(declaration, diff, published_at)
            published = PolicyVersion.objects.create(
                version=declaration.policy.version,
                effective_date=declaration.policy.effective_date,
                published_at=published_at,
                source=source,
                source_sha256=digest,
                rendered_html=html,
                rendered_sha256=text_digest(html),
                significant=diff.significant,
                changes=diff.as_json(),
            )
            _announce(published)
    except IntegrityError:
        # Another process published this version number meanwhile: answer as if it
        # had been there first (the same text is returned, other text refused).
        _same_version(declaration, digest)
        declaration_request_cache_clear()
        return PolicyVersion.objects.get(version=declaration.policy.version)
    # A request that publishes sees its own version from here on.
    declaration_request_cache_clear()
    return published


def _advance_notice_check(
    declaration: Declaration, diff: PolicyDiff, published_at: dt.datetime
) -> None:
    problem = advance_notice_problem(
        declaration=declaration,
        significant=diff.significant,
        published_on=timezone.localdate(published_at),
    )
    if problem is not None:
        raise PublishError(problem)


def _announce(version: PolicyVersion) -> None:
    """Let every gate re-read the policy; e-mail clients of a significant change."""
    policy_changed()
    if version.significant:
        transaction.on_commit(lambda: _enqueue_change_notices(version.pk))


def _enqueue_change_notices(version_id: int) -> None:
    from candid.notices.tasks import change_notices_send_task

    change_notices_send_task.enqueue(version_id)


def _same_version(declaration: Declaration, digest: str) -> PolicyVersion | None:
    """Return the stored version with this number and text, or refuse other text."""
    version = declaration.policy.version
    existing = PolicyVersion.objects.filter(version=version).first()
    if existing is not None and existing.source_sha256 != digest:
        raise PublishError(
            f"version {version} is already published with other content; "
            "give the new text a new version"
        )
    return existing


def _diff_against_newest(declaration: Declaration) -> PolicyDiff:
    """Return the changes since the newest published version, refusing to go back in time."""
    newest = (
        PolicyVersion.objects.select_for_update()
        .order_by("-effective_date", "-published_at")
        .first()
    )
    if newest is None:
        return PolicyDiff(changes=())
    effective = declaration.policy.effective_date
    if effective < newest.effective_date:
        raise PublishError(
            f"version {declaration.policy.version} takes effect on {effective:%Y-%m-%d}, "
            f"before version {newest.version} ({newest.effective_date:%Y-%m-%d}); "
            "a new version must take effect on or after the newest one published"
        )
    try:
        previous = parse_declaration(newest.source, source=f"version {newest.version}")
    except DeclarationError:
        return _not_comparable(newest)
    return diff_declarations(previous, declaration)


def _not_comparable(newest: PolicyVersion) -> PolicyDiff:
    """Treat a change from a version this code can no longer read as significant."""
    summary = (
        f"Version {newest.version} can no longer be read to compare; "
        "the new version is treated as a significant change."
    )
    return PolicyDiff(changes=(Change("not_comparable", "", summary, True),))
