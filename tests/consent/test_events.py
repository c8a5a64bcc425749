"""Every consent decision and rights record reaches the audit log, without values."""

from __future__ import annotations

import pytest

from candid.audit.models import AuditEvent
from candid.consent.gpc import gpc_opt_out_record
from candid.consent.rights import (
    objection_override,
    objection_record,
    restriction_lift,
    restriction_start,
)
from candid.consent.services import consent_withdraw, notice_acknowledge

pytestmark = pytest.mark.django_db

GROUNDS = "Chargeback fraud under investigation with the card issuer (case 4411)."


def logged(action: str) -> list[tuple]:
    return list(
        AuditEvent.objects.filter(action=action).values_list(
            "actor_kind", "actor_id", "subject_id", "purpose", "categories", "details"
        )
    )


def test_a_grant_is_audited_with_keys_and_the_ledger_row_only(subject_id, grant):
    # when
    event = grant(subject_id)

    # then
    row = AuditEvent.objects.get(action="consent.granted")
    assert (row.actor_kind, row.actor_id, row.subject_id, row.purpose) == (
        "system",
        "consent",
        subject_id,
        "marketing_email",
    )
    assert (row.categories, row.object_references, row.details, row.occurred_at) == (
        ["user.privacy_preferences"],
        [{"model": "consent.ConsentEvent", "pk": str(event.pk)}],
        {"gpc": False, "mechanism": "checkbox", "surface": "privacy_centre"},
        event.created_at,
    )


def test_a_visitors_withdrawal_is_audited_as_an_anonymous_actors():
    consent_withdraw(visitor_id="q3Jx0v8Kd1_-", purpose="analytics", surface="api")

    assert logged("consent.withdrawn") == [
        (
            "anonymous",
            "",
            None,
            "analytics",
            ["user.privacy_preferences"],
            {"gpc": False, "mechanism": "button", "surface": "api"},
        )
    ]


def test_a_gpc_opt_out_is_audited_as_honoured():
    gpc_opt_out_record(visitor_id="q3Jx0v8Kd1_-", surface="cookie_banner")

    assert [r[3] for r in logged("consent.gpc_honoured")] == ["advertising"]


def test_an_acknowledgement_is_audited_as_created_data_never_as_consent(subject_id):
    notice_acknowledge(subject_id=subject_id, surface="sign_up", text="Read.")

    assert logged("data.created") == [
        (
            "system",
            "consent",
            subject_id,
            "",
            ["user.privacy_preferences"],
            {"event": "notice_acknowledged", "surface": "sign_up"},
        )
    ]
    assert AuditEvent.objects.filter(action__startswith="consent.").count() == 0


def test_an_override_is_audited_under_the_staff_users_id(subject_id, staff_user):
    # given
    objection = objection_record(subject_id=subject_id, purpose="fraud_prevention")

    # when
    objection_override(
        objection_id=objection.pk, staff_user=staff_user, grounds=GROUNDS
    )

    # then
    [changed] = [r for r in logged("data.changed") if r[1] == str(staff_user.pk)]
    assert changed == (
        "staff",
        str(staff_user.pk),
        subject_id,
        "fraud_prevention",
        ["user.privacy_preferences"],
        {
            "event": "objection_overridden",
            "fields": ["overridden_at", "overridden_by", "override_grounds"],
        },
    )


def test_a_restriction_and_its_lifting_are_audited(subject_id):
    # when
    restriction = restriction_start(subject_id=subject_id, categories=["user.name"])
    restriction_lift(restriction_id=restriction.pk)

    # then
    details = [
        r[5]
        for r in logged("data.created") + logged("data.changed")
        if r[5]["event"].startswith("restriction")
    ]
    assert details == [
        {"event": "restriction_started", "restricted": ["user.name"]},
        {"event": "restriction_lifted", "fields": ["active_to"]},
    ]
