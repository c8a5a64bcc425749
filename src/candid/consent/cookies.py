"""Cookie-banner decisions in the consent ledger (CK-02, CK-05, CK-06, LAW-03).

Each cookie category names the purpose it serves; one banner decision becomes one
ledger row per purpose: granted for the categories ticked, withdrawn for the others,
so a refusal is proven as well as a grant.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable

from django.db import transaction

from candid.consent import validation as valid
from candid.consent.declared import sale_or_sharing_purposes
from candid.consent.exceptions import ConsentError
from candid.consent.models import ConsentEvent, Mechanism, Surface
from candid.consent.services import consent_grant, consent_withdraw
from candid.notices.selectors import declaration_active


def cookie_choice_record(
    *,
    subject_id: uuid.UUID | None,
    visitor_id: str | None,
    granted_purposes: Iterable[str],
    refused_purposes: Iterable[str],
    policy_version: str | None,
    text_sha256: str,
    gpc: bool,
    mechanism: str = Mechanism.BUTTON,
    now: dt.datetime | None = None,
) -> list[ConsentEvent]:
    """Record one cookie-banner decision: a row per purpose granted or refused.

    A signed-in person's decision is recorded under their subject id, an anonymous
    one under the consent cookie's visitor id. With a Global Privacy Control signal,
    sale and sharing purposes are recorded as refused by the signal (CK-05). All rows
    or none: a bad purpose records nothing.
    """
    granted, refused = sorted(set(granted_purposes)), sorted(set(refused_purposes))
    if both := set(granted) & set(refused):
        raise ConsentError(f"Both granted and refused: {', '.join(sorted(both))}.")
    holder = {"subject_id": subject_id} if subject_id else {"visitor_id": visitor_id}
    moment = valid.moment(now)
    signal_refuses = (
        set(sale_or_sharing_purposes(declaration_active())) if gpc else set()
    )
    common = {
        **holder,
        "surface": Surface.COOKIE_BANNER,
        "policy_version": policy_version,
        "text_sha256": text_sha256,
        "gpc": gpc,
        "now": moment,
    }
    with transaction.atomic():
        rows = [
            consent_grant(purpose=key, mechanism=mechanism, **common) for key in granted
        ]
        rows += [
            consent_withdraw(
                purpose=key,
                mechanism=Mechanism.GPC if key in signal_refuses else mechanism,
                **common,
            )
            for key in refused
        ]
    return rows
