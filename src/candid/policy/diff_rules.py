"""Rules for changes to the data itself: purposes, categories, subjects, recipients.

Significant (NOT-03, issue 2): a new purpose, data category, data subject, recipient
or transfer destination; a purpose's use, basis, categories or subjects widened; a
recipient given more data, more purposes, a new role or sale/sharing; a weaker
transfer safeguard; an objection removed. The opposite moves (less data, a purpose
or recipient removed) are listed as changes that are not significant.
`candid.policy.diff_terms` holds the rules for retention, rights and cookies.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from candid.policy.diff import Change
from candid.policy.durations import Duration
from candid.policy.schema import (
    Declaration,
    Purpose,
    Recipient,
    Transfer,
)

Item = TypeVar("Item")
# Strongest first: an adequacy decision needs no further safeguard, a derogation
# covers only an occasional transfer (GDPR Art. 45, 46, 49).
_MECHANISM_STRENGTH = {
    "adequacy": 3,
    "dpf": 3,
    "bcr": 2,
    "scc": 2,
    "idta": 2,
    "uk_addendum": 2,
    "derogation": 1,
}


def added_items(before: Iterable[Item], after: Iterable[Item]) -> list[Item]:
    """Return the items of `after` that `before` lacks, in their order."""
    earlier = list(before)
    return [item for item in after if item not in earlier]


def pairs(
    before: Iterable[Item], after: Iterable[Item], key: Callable[[Item], str]
) -> tuple[list[Item], list[Item], list[tuple[Item, Item]]]:
    """Return items only in `after`, only in `before`, and in both (old, new)."""
    old = {key(item): item for item in before}
    new = {key(item): item for item in after}
    added = [item for name, item in new.items() if name not in old]
    removed = [item for name, item in old.items() if name not in new]
    both = [(old[name], item) for name, item in new.items() if name in old]
    return added, removed, both


def names(keys: Iterable[str]) -> str:
    """Return keys as a list for a sentence: "user.name, user.contact.email"."""
    return ", ".join(keys)


def longer(was: Duration | None, now: Duration | None) -> bool:
    """Say whether `now` keeps data longer than `was`; no limit (None) is the longest."""
    if was is None or now is None:
        return now is None and was is not None
    return now.approximate_days > was.approximate_days


# Purposes


def _purposes(old: Declaration, new: Declaration) -> Iterator[Change]:
    added, removed, both = pairs(old.purposes, new.purposes, lambda p: p.key)
    for purpose in added:
        summary = (
            f'New purpose "{purpose.name}" ({purpose.data_use}, legal basis '
            f"{purpose.legal_basis}) using {names(purpose.data_categories)}."
        )
        yield Change("purpose_added", f"purposes[{purpose.key}]", summary, True)
    for purpose in removed:
        summary = f'Purpose "{purpose.name}" is no longer carried out.'
        yield Change("purpose_removed", f"purposes[{purpose.key}]", summary, False)
    for was, now in both:
        yield from _purpose_changed(was, now)


def _purpose_changed(was: Purpose, now: Purpose) -> Iterator[Change]:
    path, name, scope = f"purposes[{now.key}]", f'"{now.name}"', (now.key,)
    if was.data_use != now.data_use:
        summary = (
            f"Purpose {name} now has the data use {now.data_use} (was {was.data_use})."
        )
        yield Change("purpose_use_changed", f"{path}.data_use", summary, True, scope)
    if was.legal_basis != now.legal_basis:
        summary = (
            f"Purpose {name} now rests on {now.legal_basis} (was {was.legal_basis})."
        )
        yield Change(
            "purpose_legal_basis_changed", f"{path}.legal_basis", summary, True
        )
    yield from list_change(
        f"{path}.data_categories",
        was.data_categories,
        now.data_categories,
        noun=("purpose_categories", f"Purpose {name}", "data"),
        scope=scope,
    )
    yield from list_change(
        f"{path}.data_subjects",
        was.data_subjects,
        now.data_subjects,
        noun=("purpose_subjects", f"Purpose {name}", "the data of"),
        scope=scope,
    )
    if was.objectable and not now.objectable:
        summary = f"You can no longer object to purpose {name}."
        yield Change("objection_removed", f"{path}.objectable", summary, True)


def list_change(
    path: str,
    was: list[str],
    now: list[str],
    *,
    noun: tuple[str, str, str],
    scope: tuple[str, ...] = (),
) -> Iterator[Change]:
    """Yield one significant change for values added to a list, one plain for removals."""
    kind, subject, what = noun
    if added := added_items(was, now):
        summary = f"{subject} now uses {what} {names(added)}."
        yield Change(f"{kind}_added", path, summary, True, scope)
    if removed := added_items(now, was):
        summary = f"{subject} no longer uses {what} {names(removed)}."
        yield Change(f"{kind}_removed", path, summary, False)


# Data categories and data subjects


def _categories(old: Declaration, new: Declaration) -> Iterator[Change]:
    added, removed, both = pairs(
        old.data_categories, new.data_categories, lambda c: c.key
    )
    for category in added:
        summary = f"New data category: {category.label} ({category.key})."
        yield Change(
            "category_added", f"data_categories[{category.key}]", summary, True
        )
    for category in removed:
        summary = (
            f"Data category {category.label} ({category.key}) is no longer collected."
        )
        yield Change(
            "category_removed", f"data_categories[{category.key}]", summary, False
        )
    for was, now in both:
        path = f"data_categories[{now.key}]"
        if was.requirement == "optional" and now.requirement != "optional":
            summary = f"Giving {now.label} is now required ({now.requirement})."
            yield Change("category_required", f"{path}.requirement", summary, True)
        if was.encrypted_at_rest and not now.encrypted_at_rest:
            summary = f"{now.label} is no longer encrypted at rest."
            yield Change(
                "encryption_removed", f"{path}.encrypted_at_rest", summary, True
            )


def _subjects(old: Declaration, new: Declaration) -> Iterator[Change]:
    added, removed, _ = pairs(old.data_subjects, new.data_subjects, lambda s: s.key)
    for subject in added:
        summary = f"Data is now held about a new group of people: {subject.label}."
        yield Change("subject_added", f"data_subjects[{subject.key}]", summary, True)
    for subject in removed:
        summary = f"Data is no longer held about {subject.label}."
        yield Change("subject_removed", f"data_subjects[{subject.key}]", summary, False)


# Recipients and transfers


def _recipients(old: Declaration, new: Declaration) -> Iterator[Change]:
    added, removed, both = pairs(old.recipients, new.recipients, lambda r: r.key)
    for recipient in added:
        summary = (
            f"New recipient {recipient.name} ({recipient.role}, "
            f"in {names(recipient.countries)}) receives "
            f"{names(recipient.data_categories)}."
        )
        path = f"recipients[{recipient.key}]"
        yield Change("recipient_added", path, summary, True, tuple(recipient.purposes))
    for recipient in removed:
        summary = f"{recipient.name} no longer receives personal data."
        yield Change(
            "recipient_removed", f"recipients[{recipient.key}]", summary, False
        )
    for was, now in both:
        yield from _recipient_changed(was, now)


def _recipient_changed(was: Recipient, now: Recipient) -> Iterator[Change]:
    path, scope = f"recipients[{now.key}]", tuple(now.purposes)
    if was.role != now.role:
        summary = f"{now.name} is now a {now.role} (was a {was.role})."
        yield Change("recipient_role_changed", f"{path}.role", summary, True)
    yield from list_change(
        f"{path}.data_categories",
        was.data_categories,
        now.data_categories,
        noun=("recipient_categories", now.name, "data"),
        scope=scope,
    )
    yield from list_change(
        f"{path}.purposes",
        was.purposes,
        now.purposes,
        noun=("recipient_purposes", now.name, "data for"),
        scope=tuple(added_items(was.purposes, now.purposes)),
    )
    if countries := added_items(was.countries, now.countries):
        summary = f"{now.name} now receives data in {names(countries)}."
        yield Change("transfer_destination_added", f"{path}.countries", summary, True)
    if _weaker(was.transfer, now.transfer):
        yield _transfer_weakened(path, was, now)
    if now.sale_or_sharing and not was.sale_or_sharing:
        summary = f"Data given to {now.name} now counts as sale or sharing."
        yield Change(
            "sale_or_sharing_started", f"{path}.sale_or_sharing", summary, True
        )


def _weaker(was: Transfer | None, now: Transfer | None) -> bool:
    if was is None:
        return False
    if now is None:
        return True
    return _MECHANISM_STRENGTH[now.mechanism] < _MECHANISM_STRENGTH[was.mechanism]


def _transfer_weakened(path: str, was: Recipient, now: Recipient) -> Change:
    old_mechanism = was.transfer.mechanism if was.transfer else "none"
    new_mechanism = now.transfer.mechanism if now.transfer else "none"
    summary = (
        f"Transfers to {now.name} now rest on {new_mechanism} "
        f"(was {old_mechanism}), a weaker safeguard."
    )
    return Change("transfer_weakened", f"{path}.transfer", summary, True)


RULES = (_purposes, _categories, _subjects, _recipients)
