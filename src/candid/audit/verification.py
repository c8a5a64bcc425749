"""Verify the audit log's hash chain and report the first broken link.

The verifier walks the events in sequence order, in batches, and checks that each
one has the next sequence number (else an event was deleted), that its stored hash
is the SHA-256 of its fields (else it was edited), and that it names the hash of
the event before it (else it was replaced, reordered or forged). Around the walk it
checks the ends: the first event follows the recorded prune checkpoint or the
genesis hash, and the last one is the chain head, with nothing beyond it (SEC-07).

The database builds each event's preimage (`chain.preimage_sql`), so Python only
hashes one string per event.
"""

from __future__ import annotations

import enum
import hashlib
import json
from dataclasses import dataclass

from django.db import connection
from django.db.models import Subquery

from candid.audit import chain
from candid.audit.events import AUDIT_CHAIN_PRUNED
from candid.audit.models import AuditChainHead, AuditEvent

DEFAULT_BATCH_SIZE = 10_000


class BreakReason(enum.StrEnum):
    MISSING = "missing"
    EDITED = "edited"
    UNLINKED = "unlinked"
    FORGED = "forged"
    UNANCHORED = "unanchored"


@dataclass(frozen=True)
class VerificationResult:
    """What the verifier found: how far the chain holds, and where it breaks, if it does.

    `events_checked` events verified, up to `last_sequence` with hash `last_hash`.
    `broken_at` is the first event whose link fails, `reason` why, and `explanation`
    says it in words.
    """

    events_checked: int
    last_sequence: int
    last_hash: str
    broken_at: int | None = None
    reason: BreakReason | None = None
    explanation: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_at is None

    @property
    def message(self) -> str:
        if self.intact:
            return (
                f"Audit chain intact: {self.events_checked} events verified, "
                f"up to #{self.last_sequence}."
            )
        return (
            f"Audit chain broken at event #{self.broken_at} ({self.reason}): "
            f"{self.explanation}. {self.events_checked} events before it verified."
        )

    def broken(
        self, at: int, reason: BreakReason, explanation: str
    ) -> VerificationResult:
        """Return this result, broken at event `at`."""
        return VerificationResult(
            events_checked=self.events_checked,
            last_sequence=self.last_sequence,
            last_hash=self.last_hash,
            broken_at=at,
            reason=reason,
            explanation=explanation,
        )


def audit_verify(*, batch_size: int = DEFAULT_BATCH_SIZE) -> VerificationResult:
    """Verify the whole audit chain, streaming `batch_size` events at a time.

    Proves the log was not edited, shortened, reordered or added to other than by
    the recorder (SEC-07: verification fails if any row is edited or deleted).
    """
    _require_positive(batch_size)
    head = AuditChainHead.objects.filter(pk=AuditChainHead.ROW_ID).first()
    if head is None:
        return _headless()
    result = verify_through(head, through=head.sequence, batch_size=batch_size)
    if not result.intact:
        return result
    return _check_end(head, result)


def verify_through(
    head: AuditChainHead, *, through: int, batch_size: int = DEFAULT_BATCH_SIZE
) -> VerificationResult:
    """Verify the chain from its recorded start up to event `through`."""
    _require_positive(batch_size)
    start = VerificationResult(
        events_checked=0, last_sequence=head.pruned_through, last_hash=head.pruned_hash
    )
    if head.pruned_through and not _checkpoint_matches(head):
        return start.broken(
            head.pruned_through + 1,
            BreakReason.UNANCHORED,
            f"the events up to #{head.pruned_through} were dropped without a "
            "matching audit.chain_pruned checkpoint",
        )
    return _walk(start, through=through, batch_size=batch_size)


def _require_positive(batch_size: int) -> None:
    if (
        isinstance(batch_size, bool)
        or not isinstance(batch_size, int)
        or batch_size < 1
    ):
        raise ValueError("batch_size must be a positive integer")


def _walk(
    start: VerificationResult, *, through: int, batch_size: int
) -> VerificationResult:
    expression, parameter = chain.preimage_sql(connection.vendor)
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    sql = (
        f"SELECT {expression}, hash FROM {table} "  # noqa: S608
        "WHERE sequence > %s AND sequence <= %s ORDER BY sequence LIMIT %s"
    )
    expected, previous = start.last_sequence + 1, start.last_hash
    with connection.cursor() as cursor:
        while expected <= through:
            cursor.execute(sql, [parameter, expected - 1, through, batch_size])
            rows = cursor.fetchall()
            if not rows:
                break
            failed = _first_failure(rows, expected, previous)
            if failed is not None:
                last_hash = rows[failed - 1][1] if failed else previous
                return _at(start, expected + failed, last_hash).broken(
                    *_diagnose(rows[failed], expected + failed)
                )
            expected, previous = expected + len(rows), rows[-1][1]
    return _at(start, expected, previous)


_SEPARATOR = chain.SEPARATOR.encode()


def _first_failure(rows: list[tuple], expected: int, previous: str) -> int | None:
    """Return the offset of the first row that does not extend the chain, if any.

    Each row is (preimage bytes, stored hash). This is the verifier's whole cost per
    event, so the checks run over the batch as lists: the numbers are consecutive
    if the first and last are (they are unique and in order), every stored hash is
    the SHA-256 of its preimage, and every preimage ends with the separator and the
    hash before it.
    """
    last = expected + len(rows) - 1
    if _sequence_of(rows[0][0]) != expected or _sequence_of(rows[-1][0]) != last:
        return next(
            offset
            for offset, (preimage, _) in enumerate(rows)
            if _sequence_of(preimage) != expected + offset
        )
    preimages = [preimage for preimage, _ in rows]
    stored = [digest for _, digest in rows]
    sha256 = hashlib.sha256
    digests = [sha256(preimage).hexdigest() for preimage in preimages]
    links = [_SEPARATOR + digest.encode() for digest in (previous, *stored[:-1])]
    if digests == stored and all(map(bytes.endswith, preimages, links)):
        return None
    return next(
        offset
        for offset, (preimage, link) in enumerate(zip(preimages, links, strict=True))
        if digests[offset] != stored[offset] or not preimage.endswith(link)
    )


def _sequence_of(preimage: bytes) -> int:
    return int(preimage[: preimage.index(_SEPARATOR)])


def _diagnose(row: tuple, expected: int) -> tuple[int, BreakReason, str]:
    """Say why a row that `_first_failure` stopped at breaks the chain."""
    preimage, stored = row
    sequence = _sequence_of(preimage)
    if sequence != expected:
        return expected, BreakReason.MISSING, "it is missing: the event was deleted"
    if hashlib.sha256(preimage).hexdigest() != stored:
        return (
            sequence,
            BreakReason.EDITED,
            "its contents do not match its hash: the event was edited",
        )
    return (
        sequence,
        BreakReason.UNLINKED,
        f"it does not follow event #{sequence - 1}: an event was replaced, "
        "reordered or forged",
    )


def _at(start: VerificationResult, expected: int, previous: str) -> VerificationResult:
    return VerificationResult(
        events_checked=expected - 1 - start.last_sequence,
        last_sequence=expected - 1,
        last_hash=previous,
    )


def _check_end(head: AuditChainHead, result: VerificationResult) -> VerificationResult:
    if result.last_sequence < head.sequence:
        return result.broken(
            result.last_sequence + 1,
            BreakReason.MISSING,
            "it is missing: the event was deleted",
        )
    if result.last_hash != head.hash:
        return result.broken(
            head.sequence,
            BreakReason.UNLINKED,
            "it does not match the chain head: the event was replaced",
        )
    # The head is read again in the same statement: events appended meanwhile by
    # the recorder lie at or below it.
    current_head = AuditChainHead.objects.filter(pk=head.pk).values("sequence")
    beyond = (
        AuditEvent.objects.filter(sequence__gt=Subquery(current_head))
        .order_by("sequence")
        .values_list("sequence", flat=True)
        .first()
    )
    if beyond is not None:
        return result.broken(
            beyond,
            BreakReason.FORGED,
            "it lies beyond the chain head: the event was not appended by the recorder",
        )
    return result


def _checkpoint_matches(head: AuditChainHead) -> bool:
    """Say whether the checkpoint event records the drop the head says happened."""
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT details FROM {table} WHERE sequence = %s AND action = %s",  # noqa: S608
            [head.checkpoint_sequence, AUDIT_CHAIN_PRUNED.code],
        )
        found = cursor.fetchone()
    try:
        details = json.loads(found[0]) if found else None
    except ValueError:
        return False
    return isinstance(details, dict) and (
        details.get("through_sequence"),
        details.get("through_hash"),
    ) == (head.pruned_through, head.pruned_hash)


def _headless() -> VerificationResult:
    empty = VerificationResult(
        events_checked=0, last_sequence=0, last_hash=chain.GENESIS_HASH
    )
    first = (
        AuditEvent.objects.order_by("sequence")
        .values_list("sequence", flat=True)
        .first()
    )
    if first is None:
        return empty
    return empty.broken(
        first, BreakReason.UNANCHORED, "the chain head is missing while events exist"
    )
