"""Start-up checks of erasure. The rights app owns candid.E600-E619, W600-W619.

| Id          | Meaning                                                                   |
|-------------|---------------------------------------------------------------------------|
| candid.E600 | A model keeps sealed values under a legal obligation but cannot move them to a retained subject. |
| candid.W600 | A declared recipient's erasure connector has no credentials configured.   |
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning
from django.core.exceptions import ImproperlyConfigured

from candid.notices.selectors import declaration_active
from candid.rights.erasure_plan import ModelPlan, erasure_plans
from candid.rights.services.erasure_rows import direct_subject_field


class Messages:
    NOT_MOVABLE = (
        "{model} keeps encrypted fields ({fields}) under a legal obligation, but its "
        "rows do not point at their subject directly: an erasure could not seal "
        "them again before destroying the key, and would stop."
    )
    NO_CONNECTOR = (
        "Recipient '{recipient}' is erased through the {connector} connector, but "
        "{settings} {verb} not set: every erasure will wait for staff to attest it."
    )


class Hints:
    NOT_MOVABLE = "Give the model a `subject` foreign key to datamap.Subject."
    NO_CONNECTOR = "Set {settings}, or declare `erasure_connector: email`."


CONNECTOR_SETTINGS = {
    "stripe": ("CANDID_STRIPE_SECRET_KEY",),
    "mailchimp": (
        "CANDID_MAILCHIMP_API_KEY",
        "CANDID_MAILCHIMP_API_BASE",
        "CANDID_MAILCHIMP_LIST_ID",
    ),
}


def kept_values_movable_check(**kwargs: Any) -> list[CheckMessage]:
    """Refuse to start when an erasure could not keep what the law keeps (DSR-10)."""
    errors: list[CheckMessage] = []
    try:
        plans = erasure_plans(declaration_active())
    except ImproperlyConfigured:
        return []  # the data map's own checks (candid.E001...) say what is wrong
    for plan in plans:
        if not plan.kept_encrypted or _movable(plan):
            continue
        errors.append(
            Error(
                Messages.NOT_MOVABLE.format(
                    model=plan.label, fields=", ".join(sorted(plan.kept_encrypted))
                ),
                hint=Hints.NOT_MOVABLE,
                obj=plan.model,
                id="candid.E600",
            )
        )
    return errors


def _movable(plan: ModelPlan) -> bool:
    try:
        direct_subject_field(plan)
    except ImproperlyConfigured:
        return False
    return True


def connector_settings_check(**kwargs: Any) -> list[CheckMessage]:
    """Warn when a declared erasure connector cannot reach its processor (PRC-06)."""
    warnings: list[CheckMessage] = []
    for recipient in declaration_active().recipients:
        needed = CONNECTOR_SETTINGS.get(recipient.erasure_connector, ())
        missing = [name for name in needed if not getattr(settings, name, "")]
        if not missing:
            continue
        names = ", ".join(missing)
        warnings.append(
            Warning(
                Messages.NO_CONNECTOR.format(
                    recipient=recipient.key,
                    connector=recipient.erasure_connector,
                    settings=names,
                    verb="is" if len(missing) == 1 else "are",
                ),
                hint=Hints.NO_CONNECTOR.format(settings=names),
                id="candid.W600",
            )
        )
    return warnings
