"""Global Privacy Control: read the signal, and record it as an opt-out (CK-05).

A browser sends `Sec-GPC: 1` to say "do not sell or share my data". Candid honours it
as a valid opt-out of every purpose whose recipients or cookies sell or share data
(CCPA reg. 7025), before any tag runs.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.http import HttpRequest

from candid.consent.declared import sale_or_sharing_purposes
from candid.consent.models import ConsentEvent, Mechanism
from candid.consent.services import consents_withdraw
from candid.notices.selectors import declaration_active


def gpc_signal(request: HttpRequest) -> bool:
    """Say whether the request carries a Global Privacy Control signal (`Sec-GPC: 1`)."""
    return request.headers.get("Sec-GPC", "").strip() == "1"


def gpc_opt_out_record(
    *,
    subject_id: uuid.UUID | None = None,
    visitor_id: str | None = None,
    surface: str,
    now: dt.datetime | None = None,
) -> list[ConsentEvent]:
    """Record a Global Privacy Control signal as an opt-out of every sale or sharing purpose.

    One withdrawn row per purpose whose recipients or cookie categories sell or share
    data, each with `gpc` set and the mechanism "gpc" (CK-05; CCPA reg. 7025).
    """
    declaration = declaration_active()
    return consents_withdraw(
        subject_id=subject_id,
        visitor_id=visitor_id,
        purposes=[
            key
            for key in sale_or_sharing_purposes(declaration)
            if declaration.purpose(key).needs_consent
        ],
        surface=surface,
        mechanism=Mechanism.GPC,
        gpc=True,
        now=now,
    )
