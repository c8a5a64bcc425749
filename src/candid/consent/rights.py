"""Objections and restrictions: the records the purpose gate obeys (Arts. 18, 21).

The rights app takes the requests; these services keep the records and make every
process's purpose gate see them at its next check.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from candid.consent import events
from candid.consent import validation as valid
from candid.consent.declared import declared_purpose
from candid.consent.exceptions import ConsentError
from candid.consent.models import Objection, Restriction
from candid.consent.purposes import subject_changed
from candid.notices.selectors import declaration_active


def objection_record(
    *, subject_id: uuid.UUID, purpose: str, now: dt.datetime | None = None
) -> Objection:
    """Record a subject's objection to a purpose; the gate stops it at its next check.

    Keeps Art. 21(1) (LAW-02) and, for direct marketing, Art. 21(2)-(3) (DSR-12).
    Only purposes open to objection qualify (legitimate interests, direct marketing).
    Objecting again while an objection stands returns the standing one.
    """
    declared = declared_purpose(declaration_active(), purpose)
    if not (declared.objectable or declared.is_marketing):
        raise ConsentError(
            f"Purpose '{purpose}' rests on {declared.legal_basis}: the right to object "
            "(GDPR Art. 21) does not apply to it."
        )
    subject = valid.subject_live(subject_id)
    with transaction.atomic():
        objection, created = Objection.objects.get_or_create(
            subject_id=subject,
            purpose=purpose,
            overridden_at=None,
            defaults={"created_at": valid.moment(now)},
        )
        if created:
            subject_changed(subject)
            events.objection_recorded(objection)
    return objection


def objection_override(
    *,
    objection_id: int,
    staff_user: AbstractBaseUser,
    grounds: str,
    now: dt.datetime | None = None,
) -> Objection:
    """Let processing resume despite an objection, on compelling grounds a named staff user records.

    Art. 21(1) allows this only for compelling legitimate grounds that override the
    subject's interests, or for legal claims (LAW-02); an objection to direct
    marketing is absolute and is never overridden (Art. 21(3), DSR-12).
    """
    if not grounds or not grounds.strip():
        raise ConsentError("State the compelling legitimate grounds for the override.")
    _require_staff(staff_user)
    moment = valid.moment(now)
    with transaction.atomic():
        objection = _objection_locked(objection_id)
        _require_overridable(objection)
        objection.overridden_at = moment
        objection.overridden_by = staff_user
        objection.override_grounds = grounds.strip()
        objection.save(
            update_fields=["overridden_at", "overridden_by", "override_grounds"]
        )
        subject_changed(objection.subject_id)
        events.objection_overridden(objection)
    return objection


def _require_staff(user: AbstractBaseUser) -> None:
    named = bool(getattr(user, "pk", None)) and bool(user.get_username())
    if not (named and user.is_active and getattr(user, "is_staff", False)):
        raise ConsentError("Only a named, active staff user can override an objection.")


def _objection_locked(objection_id: int) -> Objection:
    try:
        return Objection.objects.select_for_update().get(pk=objection_id)
    except Objection.DoesNotExist:
        raise ConsentError(f"No objection {objection_id} exists.") from None


def _require_overridable(objection: Objection) -> None:
    if not objection.upheld:
        raise ConsentError(f"Objection {objection.pk} was already overridden.")
    declaration = declaration_active()
    declared = declared_purpose(declaration, objection.purpose)
    if declared.is_marketing:
        raise ConsentError(
            f"An objection to direct marketing ('{objection.purpose}') is absolute "
            "(GDPR Art. 21(3)): it cannot be overridden."
        )
    if declared.legal_basis != "legitimate_interests":
        raise ConsentError(
            f"Purpose '{objection.purpose}' rests on {declared.legal_basis}: only an "
            "objection to a legitimate-interests purpose can be overridden."
        )


def restriction_start(
    *,
    subject_id: uuid.UUID,
    categories: Iterable[str] | None = None,
    active_to: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> Restriction:
    """Restrict processing of a subject's data: every category, or the ones named.

    While active, the gate allows only uses under a legal obligation or with consent
    (Art. 18(2), DSR-11); storage goes on. `active_to` may end it at a known time.
    """
    subject = valid.subject_live(subject_id)
    moment = valid.moment(now)
    if active_to is not None and valid.moment(active_to) <= moment:
        raise ConsentError("A restriction must end after it starts.")
    named = _categories_declared(categories)
    with transaction.atomic():
        restriction = Restriction.objects.create(
            subject_id=subject,
            all_categories=categories is None,
            categories=named,
            active_from=moment,
            active_to=active_to,
        )
        subject_changed(subject)
        events.restriction_started(restriction)
    return restriction


def _categories_declared(categories: Iterable[str] | None) -> list[str]:
    if categories is None:
        return []
    named = sorted(set(categories))
    if not named:
        raise ConsentError("Name the restricted categories, or give None for all.")
    declared = {c.key for c in declaration_active().data_categories}
    if unknown := [c for c in named if c not in declared]:
        raise ConsentError(
            f"Not data categories of the policy in force: {', '.join(unknown)}."
        )
    return named


def restriction_lift(
    *, restriction_id: int, now: dt.datetime | None = None
) -> Restriction:
    """End a restriction now; lifting an ended restriction changes nothing."""
    moment = valid.moment(now)
    with transaction.atomic():
        try:
            restriction = Restriction.objects.select_for_update().get(pk=restriction_id)
        except Restriction.DoesNotExist:
            raise ConsentError(f"No restriction {restriction_id} exists.") from None
        if restriction.active_to is not None and restriction.active_to <= moment:
            return restriction
        restriction.active_to = moment
        restriction.save(update_fields=["active_to"])
        subject_changed(restriction.subject_id)
        events.restriction_lifted(restriction)
    return restriction
