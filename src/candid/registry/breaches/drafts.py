"""Draft the notifications of a breach: to the authority, to the people affected.

The drafts are documents staff review: plain text and an HTML page, rendered from
the breach record and the declaration in force. The authority's holds the
Art. 33(3)(a)-(d) contents; the people's says the same in plain language
(Art. 34(2)). Neither names anyone: categories and approximate numbers only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone

from candid.audit.entries import Actor
from candid.notices.selectors import declaration_active
from candid.policy import Declaration
from candid.registry.breaches.selectors import (
    authority_deadline,
    notified_late,
    processor_notice,
)
from candid.registry.events import breach_step
from candid.registry.exceptions import BreachInvalid
from candid.registry.models import Audience, Breach, BreachNotice, Exemption, RiskLevel
from candid.registry.records import category_labels

KIND_WORDS = {
    "confidentiality": "seen or taken by someone who should not have had it",
    "integrity": "changed without permission",
    "availability": "lost or unavailable for a time",
}


def contact_point(declaration: Declaration) -> str:
    """Return who answers for the breach: the DPO if appointed, else the privacy lead."""
    person = declaration.controller.dpo or declaration.controller.privacy_lead
    email = person.email or declaration.controller.email
    return f"{person.name}, {email}"


def authority_of(declaration: Declaration) -> str:
    """Return the supervisory authority of the studio's establishment, or the first."""
    codes = {"EU": "EU", "UK": "UK"}
    wanted = codes.get(declaration.controller.established_in)
    for jurisdiction in declaration.jurisdictions:
        if jurisdiction.code == wanted:
            return jurisdiction.supervisory_authority.name
    return declaration.jurisdictions[0].supervisory_authority.name


def draft_context(
    breach: Breach, declaration: Declaration, now: dt.datetime
) -> dict[str, Any]:
    """Return everything a notice about `breach` says."""
    return {
        "breach": breach,
        "controller": declaration.controller,
        "authority": authority_of(declaration),
        "contact_point": contact_point(declaration),
        "categories": category_labels(declaration, breach.data_categories),
        "kinds": [KIND_WORDS[kind] for kind in breach.kinds],
        "deadline": authority_deadline(breach),
        "late": notified_late(breach, breach.authority_notified_at or now),
        "processor": processor_notice(breach, declaration),
        "high_risk": breach.risk == RiskLevel.HIGH,
        "exemption": Exemption(breach.exemption).label if breach.exemption else "",
        "drafted_at": now,
    }


def breach_notice_draft(
    *, breach: Breach, user, audience: str, now: dt.datetime | None = None
) -> BreachNotice:
    """Draft a notice of `breach` to the authority, the people affected or the public.

    An authority notice needs an assessed risk other than "none" (phases are
    numbered); a notice to people or the public needs a high risk (Art. 34(1)),
    and a public notice the disproportionate-effort exemption (Art. 34(3)(c)).
    """
    _check_audience(breach, audience)
    now = now or timezone.now()
    declaration = declaration_active()
    context = draft_context(breach, declaration, now)
    template = "authority" if audience == Audience.AUTHORITY else "people"
    context["public"] = audience == Audience.PUBLIC
    context["phase"] = phase = _next_phase(breach, audience)
    with transaction.atomic():
        notice = BreachNotice.objects.create(
            breach=breach,
            audience=audience,
            phase=phase,
            subject_line=_subject_line(breach, audience, declaration),
            text=render_to_string(f"registry/breach/{template}.txt", context),
            html=render_to_string(f"registry/breach/{template}.html", context),
            drafted_at=now,
        )
        breach_step(
            breach=breach,
            action="notice_drafted",
            actor=Actor.staff(user.pk),
            now=now,
            notice=notice.pk,
            audience=audience,
            phase=notice.phase,
        )
    return notice


def _check_audience(breach: Breach, audience: str) -> None:
    if audience not in Audience.values:
        raise BreachInvalid(f"Audience must be one of {', '.join(Audience.values)}.")
    if breach.closed_at is not None:
        raise BreachInvalid(f"Breach {breach.pk} is closed; it can no longer change.")
    if not breach.risk:
        raise BreachInvalid("Assess the risk to people before drafting a notice.")
    if audience == Audience.AUTHORITY and breach.risk == RiskLevel.NONE:
        raise BreachInvalid(
            "The breach is unlikely to result in a risk to people: the authority "
            "need not be notified; the register keeps it (Art. 33(1), 33(5))."
        )
    if audience != Audience.AUTHORITY and breach.risk != RiskLevel.HIGH:
        raise BreachInvalid(
            "People are told of a breach when the risk to them is high (Art. 34(1))."
        )
    if audience != Audience.AUTHORITY and not (
        breach.likely_consequences.strip() and breach.measures_taken.strip()
    ):
        raise BreachInvalid(
            "Say what the likely consequences are and what was done before telling "
            "people (Art. 34(2))."
        )
    if audience == Audience.PUBLIC and breach.exemption != Exemption.DISPROPORTIONATE:
        raise BreachInvalid(
            "A public notice replaces individual notices only when telling each "
            "person would take disproportionate effort (Art. 34(3)(c))."
        )


def _next_phase(breach: Breach, audience: str) -> int:
    if audience != Audience.AUTHORITY:
        return 1
    latest = breach.notices.filter(audience=audience).aggregate(Max("phase"))
    return (latest["phase__max"] or 0) + 1


def _subject_line(breach: Breach, audience: str, declaration: Declaration) -> str:
    name = declaration.controller.name
    if audience == Audience.AUTHORITY:
        return f"Personal data breach notification: {name}, breach {breach.pk}"
    return f"Important: a security incident at {name} may affect your data"


def breach_notice_revise(
    *, notice: BreachNotice, user, text: str, now: dt.datetime | None = None
) -> BreachNotice:
    """Replace a draft's wording with staff's revision, before it is approved.

    The HTML page is rebuilt from the revised text, so both always say the same.
    An approved notice never changes: draft a new one instead.
    """
    if notice.approved_at is not None:
        raise BreachInvalid("An approved notice cannot change; draft a new one.")
    if notice.breach.closed_at is not None:
        raise BreachInvalid(
            f"Breach {notice.breach_id} is closed; it can no longer change."
        )
    if not text.strip():
        raise BreachInvalid("The notice cannot be empty.")
    now = now or timezone.now()
    notice.text = text.replace("\r\n", "\n").strip() + "\n"
    notice.html = render_to_string(
        "registry/breach/revised.html", {"notice": notice, "text": notice.text.strip()}
    )
    with transaction.atomic():
        notice.save(update_fields=["text", "html"])
        breach_step(
            breach=notice.breach,
            action="notice_revised",
            actor=Actor.staff(user.pk),
            now=now,
            notice=notice.pk,
            audience=notice.audience,
        )
    return notice
