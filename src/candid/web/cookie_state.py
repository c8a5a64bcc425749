"""The visitor's cookie choices, kept in one strictly necessary, signed cookie.

The cookie holds an opaque visitor id, the version of the cookie declaration the choice
was made under, the categories granted, the time, and whether a Global Privacy Control
signal was present. The consent ledger holds the proof; this cookie only lets each page
know the current choice without a database read. A new cookie declaration version, or a
choice older than `cookies.reconsent_after`, asks again (CK-03).
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field

from django.core import signing
from django.utils import timezone

from candid.policy.schema import CookieCategory, Cookies

COOKIE_NAME = "candid_consent"
_SALT = "candid.web.cookie-consent"


@dataclass(frozen=True)
class CookieChoice:
    visitor_id: str
    version: int
    granted: frozenset[str] = field(default_factory=frozenset)
    decided_at: dt.datetime | None = None
    gpc: bool = False

    def is_current(self, cookies: Cookies, *, now: dt.datetime) -> bool:
        """Say whether this choice still stands for the declaration's cookies."""
        if self.decided_at is None or self.version != cookies.version:
            return False
        return cookies.reconsent_after.after(self.decided_at) > now


def new_visitor_id() -> str:
    return secrets.token_urlsafe(18)


def choice_read(raw: str | None) -> CookieChoice | None:
    """Return the choice in a consent cookie, or None if absent, forged or malformed."""
    if not raw:
        return None
    try:
        data = signing.loads(raw, salt=_SALT)
        decided = data.get("t")
        return CookieChoice(
            visitor_id=str(data["id"]),
            version=int(data["v"]),
            granted=frozenset(str(key) for key in data.get("c", [])),
            decided_at=dt.datetime.fromtimestamp(decided, tz=dt.UTC)
            if decided
            else None,
            gpc=bool(data.get("gpc")),
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def choice_dump(choice: CookieChoice) -> str:
    data = {
        "id": choice.visitor_id,
        "v": choice.version,
        "c": sorted(choice.granted),
        "t": int(choice.decided_at.timestamp()) if choice.decided_at else None,
        "gpc": choice.gpc,
    }
    return signing.dumps(data, salt=_SALT, compress=True)


def locked_off(category: CookieCategory, *, gpc: bool) -> bool:
    """Say whether a category stays off whatever is ticked: GPC refuses sale and sharing (CK-05)."""
    return gpc and category.sale_or_sharing


def cookie_names_to_remove(
    categories: list[CookieCategory], present: list[str]
) -> list[str]:
    """Return the names of present cookies that belong to the given categories (CK-06)."""
    names: list[str] = []
    for category in categories:
        for cookie in category.cookies:
            if cookie.name.endswith("*"):
                prefix = cookie.name[:-1]
                names += [name for name in present if name.startswith(prefix)]
            elif cookie.name in present:
                names.append(cookie.name)
    return sorted(set(names))


def max_age_seconds(cookies: Cookies) -> int:
    start = timezone.now()
    return int((cookies.reconsent_after.after(start) - start).total_seconds())
