"""Requests made by an authorised agent: recorded, proof encrypted, staff confirm (DSR-05)."""

import io
import re

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

import pytest

from candid.audit.models import AuditEvent
from candid.rights.exceptions import RequestInvalid, TransitionRefused
from candid.rights.models import Request, State
from candid.rights.services import (
    AgentClaim,
    agent_authority_confirm,
    agent_proof_open,
    verification_code_check,
    verification_data_points_check,
    verification_staff_confirm,
)
from tests.rights.conftest import NOW

PUBLIC = "/privacy/requests/"
PDF = b"%PDF-1.4\n% signed letter of authority from Ana Lima\n%%EOF\n"
CALLERS = ["anonymous", "client", "staff_without_role", "staff_with_role"]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def ana(account_factory):
    account = account_factory("ana@example.com")
    account.phone = "+44 7700 900123"
    account.save()
    return account


@pytest.fixture
def confirmer(staff_factory):
    return staff_factory(
        "view_request", "change_request", "confirm_agent", email="cora@studio.example"
    )


def _code(message) -> str:
    return re.search(r"^(\d{6})$", message.body, re.MULTILINE).group(1)


def _agent_submit(browser, document=PDF, name="proof.pdf", **extra):
    data = {
        "email": "ana@example.com",
        "request_type": "access",
        "jurisdiction": "EU",
        "agent_name": "Bruno Agent",
        "agent_email": "bruno@agents.example",
        "agent_document": SimpleUploadedFile(name, document),
        **extra,
    }
    return browser.post(PUBLIC, data)


@pytest.fixture
def agent_request(db, mailoutbox):
    response = _agent_submit(Client())
    return Request.objects.get(), response.url, _code(mailoutbox[0])


def test_agents_request_records_the_agent_and_encrypts_the_proof_document(
    agent_request, mailoutbox
):
    # given
    request, _, _ = agent_request
    # then
    stored = Request.objects.get()
    assert stored.on_behalf is True
    assert stored.agent_name == "Bruno Agent"
    assert stored.agent_email == "bruno@agents.example"
    raw = Request.objects.values("agent_name", "agent_email").get()
    assert "Bruno" not in raw["agent_name"]
    assert "bruno" not in raw["agent_email"]
    with default_storage.open(stored.agent_proof_file, "rb") as stored_file:
        assert b"Ana Lima" not in stored_file.read()
    # the person the data is about confirms their own address
    assert mailoutbox[0].to == ["ana@example.com"]
    event = AuditEvent.objects.get(action="rights.request_received")
    assert event.details["on_behalf"] is True


def test_agents_request_waits_for_staff_after_the_person_verifies_themselves(
    agent_request, ana, confirmer
):
    # given: the person confirms the code and a data point
    request, url, code = agent_request
    verification_code_check(request_id=request.id, raw_code=code)
    verification_data_points_check(
        request_id=request.id, answers={"phone_last_digits": "0123"}
    )
    waiting = Request.objects.get()
    page = Client().get(url).content.decode()
    # when
    agent_authority_confirm(request_id=request.id, staff=confirmer)
    # then
    assert waiting.state == State.VERIFYING
    assert waiting.verified_at is None
    assert "checking the agent" in page
    stored = Request.objects.get()
    assert stored.state == State.IN_PROGRESS
    assert stored.verified_at is not None
    assert stored.agent_confirmed_by == confirmer
    event = AuditEvent.objects.get(action="rights.agent_confirmed")
    assert event.actor_id == str(confirmer.pk)
    assert event.details["document"] is True


def test_proof_document_still_opens_after_the_request_moves_to_the_account(
    agent_request, ana, confirmer
):
    # given: matching the data point moves the request to Ana's subject
    request, _, code = agent_request
    verification_code_check(request_id=request.id, raw_code=code)
    verification_data_points_check(
        request_id=request.id, answers={"phone_last_digits": "0123"}
    )
    # when
    chunks = agent_proof_open(request_id=request.id, staff=confirmer)
    # then
    assert Request.objects.get().subject_id == ana.subject_id
    assert b"".join(chunks) == PDF


def test_staff_confirming_the_agent_first_still_waits_for_the_persons_own_check(
    agent_request, ana, confirmer
):
    # given
    request, _, code = agent_request
    # when: staff confirm before the person has entered the code
    agent_authority_confirm(request_id=request.id, staff=confirmer)
    # then
    assert Request.objects.get().verified_at is None
    # when: the person verifies
    verification_code_check(request_id=request.id, raw_code=code)
    verification_data_points_check(
        request_id=request.id, answers={"phone_last_digits": "0123"}
    )
    # then
    assert Request.objects.get().state == State.IN_PROGRESS


def _caller(kind, account_factory, staff_factory):
    if kind == "anonymous":
        from django.contrib.auth.models import AnonymousUser

        return AnonymousUser()
    if kind == "client":
        return account_factory("carla@example.com")
    if kind == "staff_without_role":
        return staff_factory("view_request", email="sam@studio.example")
    return staff_factory("confirm_agent", email="rae@studio.example")


@pytest.mark.parametrize("kind", CALLERS)
def test_only_staff_allowed_to_confirm_agents_open_the_proof_and_it_is_recorded(
    agent_request, account_factory, staff_factory, kind
):
    # given
    request, _, _ = agent_request
    caller = _caller(kind, account_factory, staff_factory)
    # when
    if kind != "staff_with_role":
        with pytest.raises(TransitionRefused):
            agent_proof_open(request_id=request.id, staff=caller)
        # then
        assert AuditEvent.objects.filter(action="data.read").count() == 0
        return
    content = b"".join(agent_proof_open(request_id=request.id, staff=caller))
    # then
    assert content == PDF
    event = AuditEvent.objects.get(action="data.read")
    assert event.details["fields"] == ["agent_proof_file"]


@pytest.mark.parametrize("kind", CALLERS)
def test_only_staff_allowed_to_confirm_agents_can_confirm_one(
    agent_request, account_factory, staff_factory, kind
):
    # given
    request, _, _ = agent_request
    caller = _caller(kind, account_factory, staff_factory)
    # when
    if kind != "staff_with_role":
        with pytest.raises(TransitionRefused):
            agent_authority_confirm(request_id=request.id, staff=caller)
        # then
        assert Request.objects.get().agent_confirmed_at is None
        return
    agent_authority_confirm(request_id=request.id, staff=caller)
    # then
    assert Request.objects.get().agent_confirmed_at is not None


def test_a_request_not_made_by_an_agent_has_no_agent_to_confirm(
    request_factory, confirmer
):
    # given
    request = request_factory()
    # when / then
    with pytest.raises(TransitionRefused) as refused:
        agent_authority_confirm(request_id=request.id, staff=confirmer)
    assert str(refused.value) == "This request was not made by an agent."


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (b"just some text", "Upload the proof as a PDF, JPEG or PNG file."),
        (b"%PDF-" + b"x" * 1024, "The proof document is larger than 0 MiB."),
    ],
)
def test_bad_proof_document_is_refused_and_stores_nothing(
    db, mailoutbox, settings, document, message
):
    # given: a 1 KiB limit for the oversized case
    settings.CANDID_RIGHTS_AGENT_PROOF_MAX_BYTES = 1024
    # when
    response = _agent_submit(Client(), document=document)
    # then
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Request.objects.count() == 0
    assert mailoutbox == []


def test_agent_without_a_proof_is_refused(db, mailoutbox):
    # when
    response = Client().post(
        PUBLIC,
        {
            "email": "ana@example.com",
            "request_type": "access",
            "jurisdiction": "EU",
            "agent_name": "Bruno Agent",
        },
    )
    # then
    assert response.status_code == 200
    assert "Upload or describe your authority" in response.content.decode()
    assert Request.objects.count() == 0
    assert mailoutbox == []


def test_agent_claim_needs_a_proof_and_a_valid_address():
    with pytest.raises(RequestInvalid):
        AgentClaim(name="Bruno", email="bruno@agents.example")
    with pytest.raises(RequestInvalid):
        AgentClaim(name="Bruno", email="not an address", proof="letter")
    assert AgentClaim(name="Bruno", email="", document=io.BytesIO(PDF)).proof == ""


def test_staff_attestation_of_a_proof_they_saw_is_recorded_and_still_confirmed(
    request_factory, confirmer, staff
):
    # given: a letter from an agent with a power of attorney, logged by staff
    request = request_factory(
        channel="post",
        agent=AgentClaim(
            name="Bruno Agent",
            email="",
            proof="Power of attorney dated 2 January 2026, seen and copied.",
        ),
        now=NOW,
    )
    # when: staff checked the person's identity, then the agent's authority
    verification_staff_confirm(request=request, staff_id=staff.pk)
    after_identity = Request.objects.get()
    agent_authority_confirm(request_id=request.id, staff=confirmer)
    # then
    assert after_identity.verified_at is None
    stored = Request.objects.get()
    assert stored.agent_proof == (
        "Power of attorney dated 2 January 2026, seen and copied."
    )
    assert stored.agent_proof_file == ""
    assert stored.verified_at is not None


def test_admin_confirm_agent_action_needs_the_role(agent_request, staff_factory):
    # given
    request, _, _ = agent_request
    handler = staff_factory("view_request", "change_request", email="h@studio.example")
    browser = Client()
    browser.force_login(handler)
    # when
    response = browser.post(
        "/admin/rights/request/",
        {"action": "confirm_agent", "_selected_action": [str(request.id)]},
    )
    # then: the action is not offered to this role
    assert response.status_code in (200, 302)
    assert Request.objects.get().agent_confirmed_at is None


def test_admin_shows_the_proof_only_to_the_role_and_records_it(
    agent_request, confirmer, staff_factory
):
    # given
    request, _, _ = agent_request
    url = f"/admin/rights/request/{request.id}/agent-proof/"
    other = staff_factory("view_request", email="h@studio.example")
    allowed, refused = Client(), Client()
    allowed.force_login(confirmer)
    refused.force_login(other)
    # when
    denied = refused.get(url)
    shown = allowed.get(url)
    # then
    assert denied.status_code == 404
    assert shown.status_code == 200
    assert b"".join(shown.streaming_content) == PDF
    assert AuditEvent.objects.filter(action="data.read").count() == 1


def test_an_agents_opt_out_starts_only_once_staff_confirm_the_authority(
    request_factory, confirmer
):
    # given: opt-outs need no identity check, but the agent's authority does
    request = request_factory(
        request_type="opt_out_sale_sharing",
        jurisdiction="US-CA",
        agent=AgentClaim(name="Bruno Agent", email="", proof="Signed permission."),
    )
    # when
    agent_authority_confirm(request_id=request.id, staff=confirmer)
    # then
    assert request.state == State.RECEIVED
    assert request.verified_at is None
    assert Request.objects.get().state == State.IN_PROGRESS


def test_an_empty_proof_document_is_refused(db, mailoutbox):
    # when
    response = _agent_submit(Client(), document=b"")
    # then: Django refuses an empty upload before the service sees it
    assert response.status_code == 200
    assert Request.objects.count() == 0


def test_agent_document_reader_refuses_an_empty_file():
    from candid.rights.exceptions import AgentProofInvalid
    from candid.rights.services.agents import agent_document_read

    claim = AgentClaim(name="Bruno", email="", document=io.BytesIO(b""))
    with pytest.raises(AgentProofInvalid) as refused:
        agent_document_read(claim)
    assert str(refused.value) == "The proof document is empty."


def test_an_agents_authority_is_confirmed_once(agent_request, confirmer):
    # given
    request, _, _ = agent_request
    agent_authority_confirm(request_id=request.id, staff=confirmer)
    # when / then
    with pytest.raises(TransitionRefused) as refused:
        agent_authority_confirm(request_id=request.id, staff=confirmer)
    assert str(refused.value) == "The agent's authority is already confirmed."
    assert AuditEvent.objects.filter(action="rights.agent_confirmed").count() == 1


@pytest.mark.parametrize(
    ("value", "expected"), [("agent", ["agent"]), ("identity", ["staff_review"])]
)
def test_staff_see_the_requests_waiting_for_their_check(
    request_factory, confirmer, value, expected
):
    # given: one agent's request, one requester who asked for a staff check, one other
    request_factory(agent=AgentClaim(name="Bruno", email="", proof="Letter seen."))
    asked = request_factory()
    Request.objects.filter(pk=asked.pk).update(verification_outcome="staff_review")
    request_factory()
    browser = Client()
    browser.force_login(confirmer)
    # when
    response = browser.get(f"/admin/rights/request/?staff_check={value}")
    # then
    listed = response.context["cl"].result_list
    assert [
        "agent" if r.on_behalf else r.verification_outcome for r in listed
    ] == expected
