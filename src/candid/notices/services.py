"""Publishing versions of the privacy policy."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from candid.notices.exceptions import PublishError
from candid.notices.models import PolicyVersion
from candid.policy import parse_declaration, text_digest
from candid.policy.render import render_html


def policy_publish(*, source: str, now: dt.datetime | None = None) -> PolicyVersion:
    """Validate and store a declaration as a published, immutable policy version.

    Publishing the same text twice returns the stored version (idempotent). A version
    number already published with other content is refused: versions never change.
    """
    declaration = parse_declaration(source, source="declaration")
    digest = text_digest(source)
    existing = PolicyVersion.objects.filter(version=declaration.policy.version).first()
    if existing is not None:
        if existing.source_sha256 != digest:
            raise PublishError(
                f"version {declaration.policy.version} is already published with other "
                "content; give the new text a new version"
            )
        return existing
    html = render_html(declaration)
    with transaction.atomic():
        return PolicyVersion.objects.create(
            version=declaration.policy.version,
            effective_date=declaration.policy.effective_date,
            published_at=now or timezone.now(),
            source=source,
            source_sha256=digest,
            rendered_html=html,
            rendered_sha256=text_digest(html),
        )
