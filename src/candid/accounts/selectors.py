"""Reads of client accounts, each scoped to the account asking."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import timezone

from candid.accounts.models import Address, ClientSession, PendingOptIn, User
from candid.accounts.services.choices import privacy_centre_purposes
from candid.consent.selectors import consent_current_for
from candid.notices.selectors import declaration_active
from candid.policy.schema import Purpose


def client_sessions_active(
    *, user: User, now: dt.datetime | None = None
) -> list[ClientSession]:
    """Return the account's sessions that can still sign a browser in, newest use first."""
    now = now or timezone.now()
    return list(
        ClientSession.objects.filter(user=user, stored__expire_date__gt=now)
        .distinct()
        .order_by("-last_seen_at")
    )


def addresses_of(*, user: User) -> list[Address]:
    """Return the account's own addresses, the default first."""
    return list(Address.objects.filter(user=user))


@dataclass(frozen=True)
class ConsentChoice:
    """One consent purpose as the privacy centre shows it, with its current state."""

    purpose: Purpose
    granted: bool
    pending: bool
    decided_at: dt.datetime | None


def privacy_centre_choices(*, user: User) -> list[ConsentChoice]:
    """Return the consents the client can change in the privacy centre, with state.

    State comes from the consent ledger: with no decision it is "off", since
    silence is never consent (LAW-03); "waiting" means a double opt-in is asked for
    and not confirmed yet.
    """
    states = consent_current_for(user.subject_id)
    pending = set(
        PendingOptIn.objects.filter(
            subject_id=user.subject_id, confirmed_at__isnull=True
        ).values_list("purpose", flat=True)
    )
    return [
        ConsentChoice(
            purpose=purpose,
            granted=states[purpose.key].granted,
            pending=purpose.key in pending and not states[purpose.key].granted,
            decided_at=states[purpose.key].decided_at,
        )
        for purpose in privacy_centre_purposes()
        if purpose.key in states
    ]


def cookie_purposes() -> list[Purpose]:
    """Return the consent purposes chosen per browser, in the cookie settings."""
    return [
        purpose
        for purpose in declaration_active().purposes
        if purpose.needs_consent
        and purpose.consent is not None
        and "cookie_banner" in purpose.consent.withdraw_via
    ]


@dataclass(frozen=True)
class RightsChannel:
    """A way to make a privacy request that exists today, with its link."""

    label: str
    href: str


def rights_channels() -> list[RightsChannel]:
    """Return the declared ways to make a privacy request that work now.

    E-mail and post channels always work; a web form is listed only once its page
    exists, so the privacy centre never links to a page that is not there.
    """
    channels = []
    for channel in declaration_active().rights.channels:
        if channel.kind == "email" and channel.address:
            channels.append(
                RightsChannel(f"E-mail {channel.address}", f"mailto:{channel.address}")
            )
        elif (
            channel.kind == "web_form" and channel.address and _served(channel.address)
        ):
            channels.append(RightsChannel("Use the request form", channel.address))
        elif channel.kind in ("post", "phone") and channel.address:
            href = f"tel:{channel.address}" if channel.kind == "phone" else ""
            channels.append(RightsChannel(_label(channel.kind, channel.address), href))
    return channels


def _label(kind: str, address: str) -> str:
    return f"Write to {address}" if kind == "post" else f"Call {address}"


def _served(path: str) -> bool:
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


def policy_rights_url() -> str:
    """Return the link to the rights section of the privacy policy page."""
    try:
        return reverse("web:privacy-policy") + "#your-rights"
    except NoReverseMatch:
        return "#"
