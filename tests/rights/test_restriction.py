"""Restriction, objection and opt-out requests change what the purpose gate allows.

DSR-11 (restriction: only storage, legal obligations and consent), DSR-12
(objection to direct marketing is absolute), CA-03 (opt-out of sale and sharing,
a Global Privacy Control signal counting as one).
"""

from __future__ import annotations

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
