"""Restriction, objection and opt-out requests change what the purpose gate allows.

DSR-11 (restriction: only storage, legal obligations and consent), DSR-12
(objection to direct marketing is absolute), CA-03 (opt-out of sale and sharing,
a Global Privacy Control signal counting as one).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

import pytest

from candid.audit.models import AuditEvent
from candid.consent.exceptions import PurposeDenied
from candid.consent.models import ConsentEvent, Mechanism, Surface
from candid.consent.purposes import require_purpose
from candid.consent.services import consent_grant
from candid.rights.exceptions import RequestInvalid, TransitionRefused
from candid.rights.models import Request
from candid.rights.services.restriction import (
    gpc_opt_out_honour,
    objection_request_fulfil,
    opt_out_request_fulfil,
    restriction_lift_announce,
    restriction_request_fulfil,
)
from tests.rights.conftest import SYSTEM


@pytest.fixture
def ana(account_factory):
    """Ana, who consented to marketing e-mail and advertising."""
    ana = account_factory()
    for purpose in ("marketing_email", "advertising"):
        consent_grant(
            subject_id=ana.subject_id,
            purpose=purpose,
            surface=Surface.PRIVACY_CENTRE,
            mechanism=Mechanism.TOGGLE,
            text="yes",
        )
    return ana


def _request(request_factory, ana, request_type, **extra):
    values = {"channel": "account", "verified_by": "password", **extra}
    return request_factory(
        request_type=request_type, subject_id=ana.subject_id, **values
    )


def test_dsr11_a_restriction_stops_every_use_but_storage_and_legal_duties(
    ana, request_factory, mailoutbox
):
    # given Ana's verified restriction request; fraud checks run for her
    opened = _request(request_factory, ana, "restriction")
    require_purpose(ana.subject_id, "fraud_prevention")
    # when staff restrict all her data
    restriction_request_fulfil(request_id=opened.id, actor=SYSTEM)
    # then fraud checks stop, tax records go on, and the request is closed
    with pytest.raises(PurposeDenied):
        require_purpose(ana.subject_id, "fraud_prevention")
    require_purpose(ana.subject_id, "legal_compliance")
    assert Request.objects.get(pk=opened.id).state == "completed"
    assert AuditEvent.objects.filter(action="rights.restriction_applied").count() == 1
    assert "restricted the use" in mailoutbox[-1].body


def test_dsr11_an_undeclared_category_restricts_nothing(ana, request_factory):
    # given Ana's verified restriction request
    opened = _request(request_factory, ana, "restriction")
    # when staff name a category the policy does not declare
    with pytest.raises(RequestInvalid):
        restriction_request_fulfil(
            request_id=opened.id, actor=SYSTEM, categories=["user.biometric"]
        )
    # then nothing changed
    require_purpose(ana.subject_id, "fraud_prevention")
    assert Request.objects.get(pk=opened.id).state == opened.state


def test_dsr12_an_objection_to_marketing_stops_it_at_the_next_check(
    ana, request_factory, mailoutbox
):
    # given Ana's verified objection, while her marketing consent stands
    opened = _request(request_factory, ana, "objection")
    require_purpose(ana.subject_id, "marketing_email")
    # when staff uphold it
    upheld = objection_request_fulfil(
        request_id=opened.id, purposes=["marketing_email"], actor=SYSTEM
    )
    # then marketing e-mail stops despite the consent, and she is told
    assert upheld == ["marketing_email"]
    with pytest.raises(PurposeDenied):
        require_purpose(ana.subject_id, "marketing_email")
    assert Request.objects.get(pk=opened.id).state == "completed"
    assert "no longer use" in mailoutbox[-1].body


def test_an_objection_to_a_legal_duty_is_refused_and_changes_nothing(
    ana, request_factory
):
    # given Ana's verified objection
    opened = _request(request_factory, ana, "objection")
    # when staff name a purpose resting on a legal obligation
    with pytest.raises(RequestInvalid):
        objection_request_fulfil(
            request_id=opened.id,
            purposes=["marketing_email", "legal_compliance"],
            actor=SYSTEM,
        )
    # then not even the marketing objection was recorded
    require_purpose(ana.subject_id, "marketing_email")
    assert Request.objects.get(pk=opened.id).state == opened.state


def test_ca03_an_opt_out_of_sale_and_sharing_needs_no_check_and_stops_advertising(
    ana, request_factory
):
    # given Ana's opt-out, made without any identity check
    opened = request_factory(
        request_type="opt_out_sale_sharing",
        subject_id=ana.subject_id,
        jurisdiction="US-CA",
    )
    # when it is honoured
    refused = opt_out_request_fulfil(request_id=opened.id, actor=SYSTEM)
    # then advertising (shared with Meta) stops, marketing e-mail goes on
    assert refused == ["advertising"]
    with pytest.raises(PurposeDenied):
        require_purpose(ana.subject_id, "advertising")
    require_purpose(ana.subject_id, "marketing_email")
    assert Request.objects.get(pk=opened.id).state == "completed"
    assert (
        AuditEvent.objects.get(action="rights.opt_out_honoured").details["gpc"] is False
    )


def test_ca03_a_gpc_signal_counts_as_an_opt_out_once(ana):
    # given Ana's browser sends Global Privacy Control
    # when it is seen on two pages
    first = gpc_opt_out_honour(subject_id=ana.subject_id)
    second = gpc_opt_out_honour(subject_id=ana.subject_id)
    # then advertising is refused once, marked as GPC, and recorded as an opt-out
    assert (first, second) == (["advertising"], [])
    with pytest.raises(PurposeDenied):
        require_purpose(ana.subject_id, "advertising")
    refusal = ConsentEvent.objects.filter(
        subject_id=ana.subject_id, purpose="advertising"
    ).latest("created_at")
    assert (refusal.action, refusal.gpc, refusal.mechanism) == (
        "withdrawn",
        True,
        "gpc",
    )
    assert AuditEvent.objects.filter(action="rights.opt_out_honoured").count() == 1


def test_an_erasure_request_cannot_be_answered_as_a_restriction(ana, request_factory):
    # given a verified erasure request
    opened = _request(request_factory, ana, "erasure")
    # when staff try to answer it with a restriction
    with pytest.raises(TransitionRefused):
        restriction_request_fulfil(request_id=opened.id, actor=SYSTEM)
    # then nothing changed
    require_purpose(ana.subject_id, "fraud_prevention")


def test_ca03_a_signed_in_browser_sending_gpc_opts_its_client_out(ana, client):
    # given Ana signed in, her browser sending Global Privacy Control
    client.force_login(ana)
    # when she opens two pages
    client.get("/", HTTP_SEC_GPC="1")
    client.get("/", HTTP_SEC_GPC="1")
    # then advertising is refused for her, recorded once
    with pytest.raises(PurposeDenied):
        require_purpose(ana.subject_id, "advertising")
    assert AuditEvent.objects.filter(action="rights.opt_out_honoured").count() == 1


def test_ca03_without_gpc_a_signed_in_browser_changes_nothing(ana, client):
    # given Ana signed in, her browser sending no signal
    client.force_login(ana)
    # when she opens a page
    client.get("/")
    # then her advertising consent stands
    require_purpose(ana.subject_id, "advertising")


@pytest.fixture
def restricted(ana, request_factory):
    """Ana's restriction request, fulfilled: all her data restricted."""
    opened = _request(request_factory, ana, "restriction")
    restriction_request_fulfil(request_id=opened.id, actor=SYSTEM)
    return opened


def test_dsr11_the_person_is_told_before_a_restriction_is_lifted(
    ana, restricted, mailoutbox
):
    # when staff set the restriction to end tomorrow
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    lifted = restriction_lift_announce(
        request_id=restricted.id,
        actor=SYSTEM,
        lift_on=tomorrow,
        reason="We checked your address and it is correct.",
    )
    # then it still holds today, and Ana is told now when and why it ends
    assert len(lifted) == 1
    with pytest.raises(PurposeDenied):
        require_purpose(ana.subject_id, "fraud_prevention")
    letter = mailoutbox[-1]
    assert letter.subject == "Your privacy request: the restriction of your data ends"
    assert f"it ends on {tomorrow:%-d %B %Y}." in letter.body
    assert "Why: We checked your address and it is correct." in letter.body
    assert "right to complain" in letter.body
    event = AuditEvent.objects.get(action="rights.restriction_lift_announced")
    assert event.details["lift_on"] == tomorrow.isoformat()
    assert "address" not in str(event.details)


def test_dsr11_once_the_announced_day_comes_processing_resumes(ana, request_factory):
    # given Ana's data restricted four days ago, and three days ago staff announced
    # that the restriction ends yesterday
    opened = _request(request_factory, ana, "restriction")
    announced = timezone.now() - dt.timedelta(days=3)
    restriction_request_fulfil(
        request_id=opened.id, actor=SYSTEM, now=announced - dt.timedelta(days=1)
    )
    restriction_lift_announce(
        request_id=opened.id,
        actor=SYSTEM,
        lift_on=timezone.localdate() - dt.timedelta(days=1),
        reason="The dispute about your order is settled.",
        now=announced,
    )
    # then fraud checks run for her again
    assert require_purpose(ana.subject_id, "fraud_prevention") is None


@pytest.mark.parametrize(
    ("days_ahead", "reason", "message"),
    [
        (0, "Checked.", "Choose a later day than today: the person must be told"),
        (1, "  ", "Say why the restriction ends; the person is told."),
    ],
)
def test_a_lift_without_notice_or_reason_changes_nothing(
    ana, restricted, mailoutbox, days_ahead, reason, message
):
    # given the letters sent so far
    sent = len(mailoutbox)
    # when staff try to lift it today, or without saying why
    with pytest.raises(RequestInvalid) as refused:
        restriction_lift_announce(
            request_id=restricted.id,
            actor=SYSTEM,
            lift_on=timezone.localdate() + dt.timedelta(days=days_ahead),
            reason=reason,
        )
    # then it is refused, the restriction stands, and no one is e-mailed
    assert str(refused.value).startswith(message)
    with pytest.raises(PurposeDenied):
        require_purpose(ana.subject_id, "fraud_prevention")
    assert len(mailoutbox) == sent


def test_a_request_that_restricted_nothing_cannot_lift_anything(ana, request_factory):
    # given Ana's objection request
    opened = _request(request_factory, ana, "objection")
    # when staff try to lift a restriction through it
    with pytest.raises(TransitionRefused):
        restriction_lift_announce(
            request_id=opened.id,
            actor=SYSTEM,
            lift_on=timezone.localdate() + dt.timedelta(days=2),
            reason="Checked.",
        )
    # then nothing was recorded
    assert not AuditEvent.objects.filter(
        action="rights.restriction_lift_announced"
    ).exists()
