"""Checks of the input to the consent services: bad input gets a clear error, no write."""

from __future__ import annotations

import datetime as dt
import re
import uuid

from django.utils import timezone

from candid.consent.exceptions import ConsentError
from candid.datamap.models import Subject
from candid.notices.models import PolicyVersion
from candid.policy import Declaration, text_digest

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_VISITOR_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


def subject_id_parsed(raw_subject_id: object) -> uuid.UUID:
    """Return a subject id as a UUID, or raise ConsentError."""
    try:
        return uuid.UUID(str(raw_subject_id))
    except ValueError:
        raise ConsentError(f"{raw_subject_id!r} is not a subject id.") from None


def subject_live(raw_subject_id: object) -> uuid.UUID:
    """Return the id of a known subject whose data is not erased, or raise ConsentError."""
    subject_id = subject_id_parsed(raw_subject_id)
    found = list(Subject.objects.filter(id=subject_id).values_list("erased_at"))
    if not found:
        raise ConsentError(f"No data subject {subject_id} is known.")
    if found[0][0] is not None:
        raise ConsentError(f"Data subject {subject_id} has been erased.")
    return subject_id


def holder(
    raw_subject_id: object | None, raw_visitor_id: str | None, *, live: bool
) -> tuple[uuid.UUID | None, str]:
    """Return (subject id, visitor id) with exactly one set, or raise ConsentError.

    With `live`, the subject must be known and not erased (a grant); without it any
    well-formed id will do, so a withdrawal never fails for want of a Subject row.
    """
    has_subject = raw_subject_id is not None
    if has_subject == bool(raw_visitor_id):
        raise ConsentError("Give exactly one of subject_id and visitor_id.")
    if has_subject:
        parse = subject_live if live else subject_id_parsed
        return parse(raw_subject_id), ""
    if not isinstance(raw_visitor_id, str) or not _VISITOR_ID.match(raw_visitor_id):
        raise ConsentError(
            "A visitor id is the opaque id of the consent cookie: 8 to 64 letters, "
            "digits, '-' or '_'."
        )
    return None, raw_visitor_id


def choice(value: str, allowed: list[str], what: str) -> str:
    """Return `value`, as plain text, if it is one of `allowed`, else raise ConsentError."""
    if value not in allowed:
        raise ConsentError(
            f"Unknown {what} {value!r}; use one of: {', '.join(allowed)}."
        )
    return str(value)


def policy_version(declaration: Declaration, version: str | None) -> str:
    """Return the policy version shown: the one in force by default, else a published one."""
    if version is None or version == declaration.policy.version:
        return declaration.policy.version
    if not PolicyVersion.objects.filter(version=version).exists():
        raise ConsentError(
            f"Policy version {version!r} was never published; the version in force "
            f"is {declaration.policy.version!r}."
        )
    return version


def digest(text: str | None, text_sha256: str | None) -> str:
    """Return the SHA-256 of the text shown, from the text or its digest (LAW-03)."""
    if (text is None) == (text_sha256 is None):
        raise ConsentError(
            "Give exactly one of text (the wording shown) and text_sha256 (its digest)."
        )
    if text is not None:
        if not text.strip():
            raise ConsentError(
                "The wording shown is empty: nothing proves what was agreed."
            )
        return text_digest(text)
    if not isinstance(text_sha256, str) or not _SHA256.match(text_sha256.lower()):
        raise ConsentError("text_sha256 must be 64 hexadecimal digits (SHA-256).")
    return text_sha256.lower()


def moment(now: dt.datetime | None) -> dt.datetime:
    """Return `now`, or the current time; a naive datetime is refused."""
    if now is None:
        return timezone.now()
    if timezone.is_naive(now):
        raise ConsentError("Times must be timezone-aware.")
    return now
