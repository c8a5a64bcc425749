"""Rules for changes to the terms: retention, rights, jurisdictions, accounts, cookies.

Significant (NOT-03, issue 2): longer retention or backups, a rule that now keeps
what it deleted, a retention rule removed; a right, request channel or jurisdiction
removed, a longer response deadline; a lower minimum account age, dormant accounts
kept longer; a cookie category, cookie or script added, or a cookie category given
another purpose; and switches that lessen protection (special categories collected,
automated decisions used, soft opt-in, promotional use without a release).
Where people are asked to acknowledge the policy, and the link to more about
cookies, are listed in plain words but are not significant.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from candid.policy.diff import Change, item_identity
from candid.policy.diff_rules import added_items, longer, names, pairs
from candid.policy.render.text import join
from candid.policy.schema import CookieCategory, Declaration, RetentionRule
from candid.policy.wording import ACKNOWLEDGED_AT


def _rule_path(rule: RetentionRule) -> str:
    identity = item_identity({"category": rule.category, "record": rule.record})
    return f"retention[{identity}]"


def _retention(old: Declaration, new: Declaration) -> Iterator[Change]:
    _, removed, both = pairs(old.retention, new.retention, _rule_path)
    for rule in removed:
        summary = f"The retention rule for {rule.category or rule.record} was removed."
        yield Change("retention_rule_removed", _rule_path(rule), summary, True)
    for was, now in both:
        yield from _retention_changed(was, now)
    if longer(old.backups.retention, new.backups.retention):
        summary = f"Backups are now kept {new.backups.retention} (was {old.backups.retention})."
        yield Change("retention_longer", "backups.retention", summary, True)


def _retention_changed(was: RetentionRule, now: RetentionRule) -> Iterator[Change]:
    path, what = _rule_path(now), now.category or now.record
    if was.period != now.period:
        is_longer = longer(was.period, now.period)
        kind = "retention_longer" if is_longer else "retention_shorter"
        summary = f"{what} is now kept {now.period} (was {was.period})."
        yield Change(kind, f"{path}.period", summary, is_longer)
    if was.trigger != now.trigger:
        # Another starting point may keep data longer; people are told either way.
        summary = f"The retention of {what} now counts from {now.trigger} (was {was.trigger})."
        yield Change("retention_trigger_changed", f"{path}.trigger", summary, True)
    if was.action != now.action:
        keeps = now.action == "keep"
        summary = f"At the end of its retention, {what} is now: {now.action} (was {was.action})."
        yield Change("retention_action_changed", f"{path}.action", summary, keeps)


def _jurisdictions(old: Declaration, new: Declaration) -> Iterator[Change]:
    added, removed, both = pairs(old.jurisdictions, new.jurisdictions, lambda j: j.code)
    for jurisdiction in removed:
        summary = f"The rights of the {jurisdiction.code} laws are no longer offered."
        path = f"jurisdictions[{jurisdiction.code}]"
        yield Change("jurisdiction_removed", path, summary, True)
    for was, now in both:
        path = f"jurisdictions[{now.code}].response"
        if longer(was.response.period, now.response.period) or longer(
            was.response.extension, now.response.extension
        ):
            summary = (
                f"Requests under {now.code} law may now take {now.response.period} "
                f"plus {now.response.extension} (was {was.response.period} "
                f"plus {was.response.extension})."
            )
            yield Change("response_slower", path, summary, True)


def _rights(old: Declaration, new: Declaration) -> Iterator[Change]:
    if removed := added_items(new.rights.offered, old.rights.offered):
        summary = f"Rights no longer offered: {names(removed)}."
        yield Change("right_removed", "rights.offered", summary, True)
    if added := added_items(old.rights.offered, new.rights.offered):
        summary = f"Rights now offered: {names(added)}."
        yield Change("right_added", "rights.offered", summary, False)
    _, gone, _ = pairs(old.rights.channels, new.rights.channels, lambda c: c.kind)
    for channel in gone:
        summary = f"Requests can no longer be made by {channel.kind.replace('_', ' ')}."
        yield Change(
            "channel_removed", f"rights.channels[{channel.kind}]", summary, True
        )


def _accounts(old: Declaration, new: Declaration) -> Iterator[Change]:
    was, now = old.accounts, new.accounts
    if now.minimum_age != was.minimum_age:
        lower = now.minimum_age < was.minimum_age
        summary = (
            f"Accounts are now open from age {now.minimum_age} (was {was.minimum_age})."
        )
        kind = "minimum_age_lowered" if lower else "minimum_age_raised"
        yield Change(kind, "accounts.minimum_age", summary, lower)
    if longer(was.dormant_after, now.dormant_after):
        summary = f"Unused accounts are now closed after {now.dormant_after or 'never'} (was {was.dormant_after})."
        yield Change("retention_longer", "accounts.dormant_after", summary, True)


def _cookies(old: Declaration, new: Declaration) -> Iterator[Change]:
    added, removed, both = pairs(
        old.cookies.categories, new.cookies.categories, lambda c: c.key
    )
    for category in added:
        summary = f'New cookie category "{category.name}" sets {names(c.name for c in category.cookies)}.'
        path, scope = f"cookies.categories[{category.key}]", _scope(category)
        yield Change("cookie_category_added", path, summary, True, scope)
    for category in removed:
        summary = f'Cookie category "{category.name}" is no longer used.'
        path = f"cookies.categories[{category.key}]"
        yield Change("cookie_category_removed", path, summary, False)
    for was, now in both:
        yield from _cookie_category_changed(was, now)


def _scope(category: CookieCategory) -> tuple[str, ...]:
    return (category.purpose,) if category.purpose else ()


def _cookie_category_changed(
    was: CookieCategory, now: CookieCategory
) -> Iterator[Change]:
    path, scope = f"cookies.categories[{now.key}]", _scope(now)
    new_cookies, _, _ = pairs(was.cookies, now.cookies, lambda c: c.name)
    for cookie in new_cookies:
        summary = (
            f'Cookie category "{now.name}" now sets {cookie.name} ({cookie.provider}).'
        )
        yield Change(
            "cookie_added", f"{path}.cookies[{cookie.name}]", summary, True, scope
        )
    new_scripts, _, _ = pairs(was.scripts, now.scripts, lambda s: s.src)
    for script in new_scripts:
        summary = f'Cookie category "{now.name}" now loads {script.name} from {names(script.hosts)}.'
        yield Change(
            "script_added", f"{path}.scripts[{script.src}]", summary, True, scope
        )
    if was.purpose != now.purpose:
        summary = f'Cookie category "{now.name}" now serves purpose {now.purpose} (was {was.purpose}).'
        yield Change("cookie_purpose_changed", f"{path}.purpose", summary, True, scope)
    if now.essential and not was.essential:
        summary = f'Cookie category "{now.name}" can no longer be switched off.'
        yield Change("cookie_made_essential", f"{path}.essential", summary, True)
    if now.sale_or_sharing and not was.sale_or_sharing:
        summary = f'Cookie category "{now.name}" now counts as sale or sharing.'
        yield Change(
            "sale_or_sharing_started", f"{path}.sale_or_sharing", summary, True
        )


# Switches whose turning one way lessens protection: (path, value that is worse, sentence).
_SWITCHES = (
    (
        "collects_special_categories",
        True,
        "Special categories of data are now collected.",
    ),
    (
        "automated_decisions.used",
        True,
        "Decisions are now made by automated means alone.",
    ),
    (
        "communications.soft_opt_in",
        True,
        "Marketing e-mails now go to clients without opt-in.",
    ),
    (
        "images.promotional_use_requires_release",
        False,
        "Client images may now be used for promotion without a signed release.",
    ),
)


def _switches(old: Declaration, new: Declaration) -> Iterator[Change]:
    for path, worse, summary in _SWITCHES:
        was, now = _lookup(old, path), _lookup(new, path)
        if now is worse and was is not worse:
            yield Change("protection_lessened", path, summary, True)


def _lookup(declaration: Declaration, path: str) -> object:
    value: object = declaration
    for name in path.split("."):
        value = getattr(value, name, None)
    return value


def _images(old: Declaration, new: Declaration) -> Iterator[Change]:
    if old.images is None or new.images is None:
        return
    was, now = old.images, new.images
    if uses := added_items(was.release_uses, now.release_uses):
        summary = f"Model releases now cover {names(uses)}."
        yield Change("release_uses_added", "images.release_uses", summary, True)
    if longer(was.gallery_lifetime, now.gallery_lifetime):
        summary = f"Client galleries now stay online {now.gallery_lifetime} (was {was.gallery_lifetime})."
        yield Change("retention_longer", "images.gallery_lifetime", summary, True)
    if kept := added_items(now.stripped_metadata, was.stripped_metadata):
        summary = f"Delivered images now keep their {names(kept)} metadata."
        yield Change("metadata_kept", "images.stripped_metadata", summary, True)


def _reading(old: Declaration, new: Declaration) -> Iterator[Change]:
    """Yield changes to what people are asked to read, none of them significant.

    An acknowledgement records that someone was informed and is never consent
    (LAW-06); the cookie link is reading added to the policy (CK-09).
    """
    if old.policy.acknowledged_at != new.policy.acknowledged_at:
        summary = _acknowledgement(new.policy.acknowledged_at)
        yield Change(
            "acknowledgement_changed", "policy.acknowledged_at", summary, False
        )
    url = new.cookies.more_information_url
    if old.cookies.more_information_url != url:
        summary = (
            f"The cookie section now points to {url} for more about cookies."
            if url
            else "The cookie section no longer points to a page about cookies."
        )
        path = "cookies.more_information_url"
        yield Change("cookie_information_changed", path, summary, False)


def _acknowledgement(moments: Sequence[str]) -> str:
    if not moments:
        return "You are no longer asked to confirm that you have read this policy."
    when = join([ACKNOWLEDGED_AT[moment] for moment in moments], "or")
    return (
        f"You are now asked to confirm that you have read this policy when you {when}."
    )


RULES = (
    _retention,
    _jurisdictions,
    _rights,
    _accounts,
    _cookies,
    _switches,
    _images,
    _reading,
)
