"""Reads of the published policy.

The version in force is read at most once per request: `declaration_request_scope`
(entered by `candid.notices.middleware.DeclarationCacheMiddleware`) holds it for the
request, and `policy_publish` empties that holder, so a version published during a
request is seen by the rest of it. Outside a request (commands, tasks, tests calling
services) every call reads the database, as before.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.db.utils import OperationalError, ProgrammingError
from django.utils import timezone

from candid.notices.models import PolicyVersion
from candid.policy import Declaration, load_declaration, parse_declaration

_CURRENT = "current"
_request_cache: ContextVar[dict[str, PolicyVersion | None] | None] = ContextVar(
    "candid_declaration_request_cache", default=None
)


@contextmanager
def declaration_request_scope() -> Iterator[None]:
    """Read the version in force at most once inside this block (one request)."""
    token = _request_cache.set({})
    try:
        yield
    finally:
        _request_cache.reset(token)


def declaration_request_cache_clear() -> None:
    """Forget the version held for the current request, if any (after a publish)."""
    cache = _request_cache.get()
    if cache is not None:
        cache.clear()


def policy_version_current() -> PolicyVersion | None:
    """Return the newest published version already in force, or None before the first.

    A version published ahead of its effective date (the advance notice of NOT-03) is
    announced, not applied: the version before it stays in force until that day.
    Inside a request scope the answer is read once and reused.
    """
    cache = _request_cache.get()
    if cache is not None and _CURRENT in cache:
        return cache[_CURRENT]
    today = timezone.localdate()
    current = (
        PolicyVersion.objects.filter(effective_date__lte=today)
        .order_by("-effective_date", "-published_at")
        .first()
    )
    if cache is not None:
        cache[_CURRENT] = current
    return current


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


def declaration_of(version: PolicyVersion) -> Declaration:
    """Return the declaration a published version holds."""
    return _parsed(version.source_sha256, version.source)


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
