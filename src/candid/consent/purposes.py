"""The purpose gate: `require_purpose(subject_id, purpose_key)` before any use of personal data.

The gate allows a purpose only if the declaration in force declares it and its legal
basis holds for the subject now (`candid.consent.basis`); otherwise it raises
`PurposeDenied` naming the purpose and the reason. It denies by default: an undeclared
purpose, an unknown subject or a missing consent is a denial.

Speed and freshness. Every request path calls the gate, so a warm check must cost
about a microsecond, yet a withdrawal must stop the very next check, in this process
and in every other one (gunicorn runs several workers; LAW-04). The design:

- Each process keeps, per subject, the set of purposes allowed and the reason for
  each denial, derived from the ledgers (`_Entry`). A warm check is one dict lookup,
  two counter reads and a set membership test.
- `candid.consent.generations` maps a small file of 64-bit counters into every
  process (mmap, MAP_SHARED). Every write to the consent ledger, objections or
  restrictions bumps the counter of the subject's bucket; publishing a policy
  version bumps the policy counter. An entry remembers both counters as they were
  *before* its facts were read, so a write committed at any later moment makes the
  entry stale at the next check, whichever process wrote it.
- Writers bump at once (so the same process, even inside the open transaction, sees
  the change) and again after commit (so no process can cache the pre-commit facts
  under the new counter value).
- Entries also expire after CANDID_CONSENT_GATE_SECONDS (60 s, LAW-04's bound), when
  a restriction starts or ends, and when a changed date brings a new policy version
  into force: the counters cover one host, the expiry covers everything else, such
  as web processes on several hosts or a process killed between commit and bump.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
import uuid

from django.db import transaction
from django.utils import timezone

from candid.consent import conf
from candid.consent.basis import decisions
from candid.consent.declared import PurposeRule, purpose_rules
from candid.consent.exceptions import DenialReason, PurposeDenied
from candid.consent.generations import POLICY_SLOT, Generations, subject_slot
from candid.consent.scope import consent_scopes
from candid.consent.selectors import subject_facts
from candid.notices.selectors import declaration_active

logger = logging.getLogger("candid.consent")
_monotonic = time.monotonic


class _Entry:
    """One subject's decisions, and the counter values they were derived under."""

    __slots__ = (
        "allowed",
        "denials",
        "expires",
        "policy",
        "slot",
        "slots",
        "subject",
        "subject_id",
    )

    def __init__(self, **values: object) -> None:
        for name, value in values.items():
            setattr(self, name, value)


class _Gate:
    """This process's cache of decisions, rules and the shared counter file."""

    def __init__(self) -> None:
        self.entries: dict[int, _Entry] = {}
        self.generations: Generations | None = None
        self.rules: dict[str, PurposeRule] = {}
        self.rules_policy = -1
        self.rules_expire = 0.0

    def counters(self) -> Generations:
        """Return the shared counter file, mapping it on first use in this process."""
        path = conf.generation_file()
        if self.generations is None or self.generations.path != path:
            self.generations = Generations(path)
        return self.generations

    def rules_at(self, policy: int) -> dict[str, PurposeRule]:
        """Return the declared purposes' rules, re-read if the policy counter moved."""
        if self.rules_policy != policy or _monotonic() >= self.rules_expire:
            self.rules = purpose_rules(declaration_active(), consent_scopes())
            self.rules_policy = policy
            self.rules_expire = _monotonic() + conf.gate_seconds()
        return self.rules


_gate = _Gate()


def require_purpose(subject_id: uuid.UUID, purpose_key: str) -> None:
    """Allow the use of a subject's data for a purpose, or raise PurposeDenied.

    Keeps the promise that data is used only for declared purposes whose legal basis
    holds (Art. 5(1)(b), 6(1); LAW-02, LAW-07, DSR-11, DSR-12) and that a withdrawal is
    honoured by the very next check, in every process (Art. 7(3); LAW-04).
    """
    try:
        key = subject_id.int
    except AttributeError:
        key = _subject_key(subject_id, purpose_key)
    entry = _gate.entries.get(key)
    if entry is None or (
        entry.slots[entry.slot] != entry.subject
        or entry.slots[POLICY_SLOT] != entry.policy
        or _monotonic() >= entry.expires
    ):
        entry = _load(key, purpose_key)
    if purpose_key in entry.allowed:
        return
    raise _denied(entry.subject_id, purpose_key, entry.denials.get(purpose_key))


def _subject_key(subject_id: object, purpose_key: str) -> int:
    """Return the integer of a subject id given as text, or deny an unusable id."""
    try:
        return uuid.UUID(str(subject_id)).int
    except ValueError:
        raise _denied(None, purpose_key, DenialReason.UNKNOWN_SUBJECT) from None


def _load(key: int, purpose_key: str) -> _Entry:
    """Derive a subject's decisions from the ledgers and keep them."""
    slots = _gate.counters().slots
    slot = subject_slot(key)
    # Counters first, facts second: a write committed after these reads bumps a
    # counter past the remembered value, so the entry cannot outlive it.
    subject_counter, policy_counter = slots[slot], slots[POLICY_SLOT]
    rules = _gate.rules_at(policy_counter)
    now = timezone.now()
    subject_id = uuid.UUID(int=key)
    loaded = subject_facts(subject_id, now=now)
    if loaded is None:
        raise _denied(subject_id, purpose_key, DenialReason.UNKNOWN_SUBJECT)
    reasons = decisions(rules, loaded.facts)
    entry = _Entry(
        allowed=frozenset(k for k, reason in reasons.items() if reason is None),
        denials={k: reason for k, reason in reasons.items() if reason is not None},
        expires=_expiry(now, loaded.changes_at),
        policy=policy_counter,
        slot=slot,
        slots=slots,
        subject=subject_counter,
        subject_id=subject_id,
    )
    _keep(key, entry)
    return entry


def _expiry(now: dt.datetime, changes_at: dt.datetime | None) -> float:
    expires = min(_monotonic() + conf.gate_seconds(), _gate.rules_expire)
    if changes_at is not None:
        expires = min(expires, _monotonic() + (changes_at - now).total_seconds())
    return expires


def _keep(key: int, entry: _Entry) -> None:
    entries = _gate.entries
    entries.pop(key, None)
    while entries and len(entries) >= conf.gate_size():
        # Dicts keep insertion order: the first entry is the oldest loaded.
        entries.pop(next(iter(entries)), None)
    entries[key] = entry


def _denied(
    subject_id: uuid.UUID | None, purpose_key: str, reason: DenialReason | None
) -> PurposeDenied:
    reason = reason or DenialReason.UNDECLARED
    logger.info(
        "consent.purpose_denied purpose=%s subject=%s reason=%s",
        purpose_key,
        subject_id,
        reason,
    )
    return PurposeDenied(purpose=purpose_key, reason=reason, subject_id=subject_id)


def subject_changed(subject_id: uuid.UUID) -> None:
    """Make every process re-derive a subject's decisions at its next check.

    Call after any write that changes what the gate would decide for the subject:
    the counter moves now and again once the transaction commits.
    """
    counters = _gate.counters()
    counters.bump_subject(subject_id)
    transaction.on_commit(lambda: counters.bump_subject(subject_id))


def policy_changed() -> None:
    """Make every process re-read the declaration in force at its next check."""
    counters = _gate.counters()
    counters.bump(POLICY_SLOT)
    transaction.on_commit(lambda: counters.bump(POLICY_SLOT))


def gate_reset() -> None:
    """Forget this process's cached decisions and rules (settings changed, tests)."""
    _gate.entries.clear()
    _gate.rules = {}
    _gate.rules_policy = -1
    _gate.rules_expire = 0.0
