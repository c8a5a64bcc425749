"""Turn a cookie-banner submission into one recorded decision and the cookies to set or remove."""

from __future__ import annotations

import ipaddress
import json
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from candid.consent.cookies import cookie_choice_record
from candid.consent.gpc import gpc_signal
from candid.policy import Declaration, text_digest
from candid.policy.schema import Cookies
from candid.web.cookie_state import (
    COOKIE_NAME,
    CookieChoice,
    choice_dump,
    choice_read,
    cookie_names_to_remove,
    locked_off,
    max_age_seconds,
    new_visitor_id,
)

CHOICES = ("accept_all", "reject_all", "save", "gpc")


class CookieChoiceError(ValueError):
    """The submission is not a choice the banner offers; nothing was recorded."""


@dataclass(frozen=True)
class CookieOutcome:
    choice: CookieChoice
    remove_cookies: list[str]


def banner_text_digest(cookies: Cookies) -> str:
    """Return the SHA-256 of what the banner showed, stored with each decision (LAW-03)."""
    shown = [
        [c.key, c.name, c.description, [k.name for k in c.cookies]]
        for c in cookies.categories
    ]
    return text_digest(json.dumps([cookies.version, shown], sort_keys=True))


def _wanted(kind: str, ticked: set[str], optional: set[str], previous) -> set[str]:
    if kind == "accept_all":
        return set(optional)
    if kind == "reject_all":
        return set()
    if kind == "save":
        return ticked
    return set(previous.granted) if previous else set()


def cookie_choice_from_request(
    request: HttpRequest, declaration: Declaration
) -> CookieOutcome:
    """Validate a banner submission and record it in the consent ledger (CK-01..06)."""
    cookies = declaration.cookies
    kind = request.POST.get("choice", "")
    if kind not in CHOICES:
        raise CookieChoiceError(
            "Choose “Accept all”, “Reject all” or “Save my choices”."
        )
    optional = {c.key: c for c in cookies.categories if not c.essential}
    ticked = set(request.POST.getlist("category"))
    if unknown := ticked - optional.keys():
        raise CookieChoiceError(
            f"Unknown cookie category: {', '.join(sorted(unknown))}."
        )
    gpc = gpc_signal(request) or request.POST.get("gpc") == "1"
    previous = choice_read(request.COOKIES.get(COOKIE_NAME))
    wanted = _wanted(kind, ticked, set(optional), previous)
    granted = frozenset(k for k in wanted if not locked_off(optional[k], gpc=gpc))
    choice = CookieChoice(
        visitor_id=previous.visitor_id if previous else new_visitor_id(),
        version=cookies.version,
        granted=granted,
        decided_at=timezone.now(),
        gpc=gpc,
    )
    refused = [category for key, category in optional.items() if key not in granted]
    cookie_choice_record(
        subject_id=getattr(request.user, "subject_id", None),
        visitor_id=choice.visitor_id,
        granted_purposes=sorted(
            {optional[k].purpose for k in granted if optional[k].purpose}
        ),
        refused_purposes=sorted({c.purpose for c in refused if c.purpose}),
        policy_version=declaration.policy.version,
        text_sha256=banner_text_digest(cookies),
        gpc=gpc,
    )
    return CookieOutcome(choice, cookie_names_to_remove(refused, list(request.COOKIES)))


def _parent_domain(host: str) -> str | None:
    name = host.split(":")[0]
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return "." + ".".join(name.split(".")[-2:]) if "." in name else None
    return None


def cookie_choice_apply(
    response: HttpResponse, outcome: CookieOutcome, cookies: Cookies, *, host: str = ""
) -> HttpResponse:
    """Store the choice in its cookie and delete the cookies of refused categories (CK-06)."""
    response.set_cookie(
        COOKIE_NAME,
        choice_dump(outcome.choice),
        max_age=max_age_seconds(cookies),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    parent = _parent_domain(host)
    for name in outcome.remove_cookies:
        response.delete_cookie(name)
        if parent:
            response.delete_cookie(name, domain=parent)
    return response
