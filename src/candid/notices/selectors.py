"""Reads of the published policy."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.db.utils import OperationalError, ProgrammingError
from django.utils import timezone

from candid.notices.models import PolicyVersion
from candid.policy import Declaration, load_declaration, parse_declaration


def policy_version_current() -> PolicyVersion | None:
    """Return the newest published version already in force, or None before the first.

    A version published ahead of its effective date (the advance notice of NOT-03) is
    announced, not applied: the version before it stays in force until that day.
    """
    today = timezone.localdate()
    return (
        PolicyVersion.objects.filter(effective_date__lte=today)
        .order_by("-effective_date", "-published_at")
        .first()
    )


def policy_version_upcoming() -> PolicyVersion | None:
    """Return the next published version not yet in force, for the advance notice."""
    today = timezone.localdate()
    return (
        PolicyVersion.objects.filter(effective_date__gt=today)
        .order_by("effective_date", "published_at")
        .first()
    )


def policy_versions_list() -> list[PolicyVersion]:
    """Return every published policy version, newest first (NOT-03: the history is public)."""
    return list(PolicyVersion.objects.order_by("-effective_date", "-published_at"))


@lru_cache(maxsize=8)
def _parsed(source_sha256: str, source: str) -> Declaration:
    return parse_declaration(source, source=f"policy {source_sha256[:12]}")


@lru_cache(maxsize=8)
def _file_declaration(path: str, modified_ns: int, size: int) -> Declaration:
    return load_declaration(path)


def _published_in_force() -> PolicyVersion | None:
    try:
        return policy_version_current()
    except (OperationalError, ProgrammingError):
        # Start-up checks run before `migrate` has created the table.
        return None


def declaration_active() -> Declaration:
    """Return the declaration in force: the newest published one, else the configured file."""
    current = _published_in_force()
    if current is None:
        path = Path(settings.CANDID_POLICY_FILE)
        stat = path.stat()
        return _file_declaration(str(path), stat.st_mtime_ns, stat.st_size)
    return _parsed(current.source_sha256, current.source)
