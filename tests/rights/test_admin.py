"""The back office of requests: staff entry, due and overdue, decisions by role."""

import datetime as dt

from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.utils import timezone

import pytest

from candid.accounts.models import User
from candid.accounts.services.accounts import account_create
from candid.audit.models import AuditEvent
from candid.policy.durations import add_months
from candid.rights.models import Request, State

CHANGELIST = "/admin/rights/request/"
CALLERS = ["anonymous", "client", "staff_without_role", "staff_with_role"]


def _staff(*codenames: str, email: str = "dana@studio.example") -> User:
    staff = account_create(email=email, password=None, is_staff=True)
    role = Group.objects.create(name=f"role-{email}")
    for codename in codenames:
        role.permissions.add(Permission.objects.get(codename=codename))
    staff.groups.add(role)
    return User.objects.get(pk=staff.pk)


@pytest.fixture
def handler(db):
    return _staff("view_request", "add_request", "change_request")


@pytest.fixture
def decider(db):
    return _staff(
        "view_request",
        "change_request",
        "decide_request",
        email="erin@studio.example",
    )


def _browser(user) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


@pytest.fixture
def caller(request, db):
    kind = request.param
    users = {
        "client": lambda: account_create(email="carla@example.com", password=None),
        "staff_without_role": lambda: _staff(),
        "staff_with_role": lambda: _staff("view_request"),
    }
    browser = Client()
    if kind in users:
        browser.force_login(users[kind]())
    return browser


@pytest.mark.parametrize(
    ("caller", "expected"),
    list(zip(CALLERS, [302, 302, 403, 200], strict=True)),
    indirect=["caller"],
)
def test_only_staff_with_the_role_see_the_request_queue(caller, expected):
    # when
    response = caller.get(CHANGELIST)
    # then
    assert response.status_code == expected


def test_staff_log_a_posted_request_with_its_original_receipt_time_dsr_01(handler):
    # given: a letter that reached the studio three days ago
    received = timezone.now() - dt.timedelta(days=3)
    # when
    response = _browser(handler).post(
        f"{CHANGELIST}add/",
        {
            "type": "erasure",
            "channel": "post",
            "jurisdiction": "EU",
            "received_at": received.strftime("%Y-%m-%d %H:%M:%S"),
            "contact_email": "ana@example.com",
            "details": "",
            "agent_proof": "",
        },
    )
    # then
    request = Request.objects.get()
    assert response.status_code == 302
    assert request.channel == "post"
    assert request.received_at == received.replace(microsecond=0)
    assert request.due_on == add_months(timezone.localdate(received), 1)
    event = AuditEvent.objects.get(action="rights.request_received")
    assert (event.actor_kind, event.actor_id) == ("staff", str(handler.pk))


def test_overdue_filter_lists_only_open_requests_past_their_date(
    handler, request_factory
):
    # given
    now = timezone.now()
    overdue = request_factory(received_at=now - dt.timedelta(days=40), now=now)
    request_factory(received_at=now - dt.timedelta(days=2), now=now)
    closed = request_factory(
        received_at=now - dt.timedelta(days=40), now=now, verified_by="staff_checked"
    )
    Request.objects.filter(pk=closed.pk).update(state=State.COMPLETED)
    # when
    response = _browser(handler).get(f"{CHANGELIST}?deadline=overdue")
    # then
    assert [r.pk for r in response.context["cl"].result_list] == [overdue.pk]


def test_due_soon_filter_lists_requests_due_within_a_week(handler, request_factory):
    # given
    now = timezone.now()
    soon = request_factory(received_at=now - dt.timedelta(days=27), now=now)
    request_factory(received_at=now - dt.timedelta(days=2), now=now)
    # when
    response = _browser(handler).get(f"{CHANGELIST}?deadline=soon")
    # then
    assert [r.pk for r in response.context["cl"].result_list] == [soon.pk]


def test_staff_without_the_decide_role_cannot_refuse(handler, request_factory):
    # given
    request = request_factory(
        received_at=timezone.now(), now=timezone.now(), verified_by="staff_checked"
    )
    # when
    response = _browser(handler).post(
        CHANGELIST,
        {
            "action": "refuse",
            "_selected_action": [request.pk],
            "confirm": "yes",
            "basis": "excessive",
            "reason": "Fourth copy this month.",
        },
    )
    # then: the action is not offered, so nothing happens
    offered = _browser(handler).get(CHANGELIST).context["action_form"]
    assert "refuse" not in dict(offered.fields["action"].choices)
    assert response.status_code == 302
    assert Request.objects.get().state == State.IN_PROGRESS


def test_refusal_asks_for_the_reason_first(decider, request_factory, mailoutbox):
    # given
    request = request_factory(
        received_at=timezone.now(), now=timezone.now(), verified_by="staff_checked"
    )
    # when
    response = _browser(decider).post(
        CHANGELIST, {"action": "refuse", "_selected_action": [request.pk]}
    )
    # then
    assert response.status_code == 200
    assert response.templates[0].name == "admin/rights/request/decision.html"
    assert Request.objects.get().state == State.IN_PROGRESS
    assert mailoutbox == []


def test_named_staff_refusal_with_reason_is_recorded_and_told_dsr_06(
    decider, request_factory, mailoutbox
):
    # given
    request = request_factory(
        received_at=timezone.now(), now=timezone.now(), verified_by="staff_checked"
    )
    # when
    response = _browser(decider).post(
        CHANGELIST,
        {
            "action": "refuse",
            "_selected_action": [request.pk],
            "confirm": "yes",
            "basis": "excessive",
            "reason": "Fourth copy this month.",
        },
    )
    # then
    stored = Request.objects.get()
    assert response.status_code == 302
    assert stored.state == State.REFUSED
    assert stored.decided_by_id == decider.pk
    assert "Fourth copy this month." in mailoutbox[0].body


def test_staff_confirm_a_phoned_requesters_identity(handler, request_factory):
    # given
    request = request_factory(
        channel="phone", received_at=timezone.now(), now=timezone.now()
    )
    # when
    _browser(handler).post(
        CHANGELIST, {"action": "confirm_identity", "_selected_action": [request.pk]}
    )
    # then
    stored = Request.objects.get()
    assert stored.state == State.IN_PROGRESS
    assert stored.verification_method == "staff_checked"


def test_completing_a_closed_request_reports_the_error(handler, request_factory):
    # given
    request = request_factory(received_at=timezone.now(), now=timezone.now())
    Request.objects.filter(pk=request.pk).update(state=State.WITHDRAWN)
    # when
    response = _browser(handler).post(
        CHANGELIST,
        {"action": "complete", "_selected_action": [request.pk]},
        follow=True,
    )
    # then
    assert "cannot go from withdrawn to completed" in response.content.decode()
    assert Request.objects.get().state == State.WITHDRAWN


def test_request_page_shows_the_log_without_personal_values(handler, request_factory):
    # given
    request = request_factory(received_at=timezone.now(), now=timezone.now())
    # when
    response = _browser(handler).get(f"{CHANGELIST}{request.pk}/change/")
    # then
    page = response.content.decode()
    assert response.status_code == 200
    assert "ana@example.com" not in page
    assert "verification_method" in page or "Verification method" in page


def test_staff_record_a_withdrawal(handler, request_factory):
    # given
    request = request_factory(received_at=timezone.now(), now=timezone.now())
    # when
    _browser(handler).post(
        CHANGELIST, {"action": "withdraw", "_selected_action": [request.pk]}
    )
    # then
    assert Request.objects.get().state == State.WITHDRAWN


def test_staff_extend_with_a_reason_and_the_notice_goes_out(
    handler, request_factory, mailoutbox
):
    # given
    request = request_factory(
        received_at=timezone.now(), now=timezone.now(), verified_by="staff_checked"
    )
    # when
    _browser(handler).post(
        CHANGELIST,
        {
            "action": "extend",
            "_selected_action": [request.pk],
            "confirm": "yes",
            "reason": "Many archives to search.",
        },
    )
    # then
    assert Request.objects.get().state == State.EXTENDED
    assert "Many archives to search." in mailoutbox[0].body


def test_named_staff_ask_a_fee_with_reason_dsr_06(decider, request_factory, mailoutbox):
    # given
    request = request_factory(
        received_at=timezone.now(), now=timezone.now(), verified_by="staff_checked"
    )
    # when
    _browser(decider).post(
        CHANGELIST,
        {
            "action": "charge_fee",
            "_selected_action": [request.pk],
            "confirm": "yes",
            "basis": "excessive",
            "reason": "Fourth copy this month.",
            "amount": "20.00",
        },
    )
    # then
    assert str(Request.objects.get().fee_amount) == "20.00"
    assert "20.00" in mailoutbox[0].body


def test_staff_fulfil_a_verified_access_request_from_the_list(
    handler, request_factory, mailoutbox
):
    # given an access request whose requester staff already verified
    request = request_factory(received_at=timezone.now(), now=timezone.now())
    _browser(handler).post(
        CHANGELIST, {"action": "confirm_identity", "_selected_action": [request.pk]}
    )
    # when staff fulfil it
    _browser(handler).post(
        CHANGELIST, {"action": "fulfil_access", "_selected_action": [request.pk]}
    )
    # then it is completed and the requester got the export link
    stored = Request.objects.get()
    assert stored.state == State.COMPLETED
    assert stored.export_token_hash != ""
    assert "/privacy/requests/export/" in mailoutbox[-1].body


def test_fulfilling_an_unverified_request_reports_the_error(
    handler, request_factory, mailoutbox
):
    # given an access request nobody verified
    request = request_factory(received_at=timezone.now(), now=timezone.now())
    # when staff try to fulfil it
    response = _browser(handler).post(
        CHANGELIST,
        {"action": "fulfil_access", "_selected_action": [request.pk]},
        follow=True,
    )
    # then the error is shown and no link exists
    shown = [str(message) for message in response.context["messages"]]
    assert shown == [f"{request}: Verify the requester's identity first (DSR-05)."]
    assert Request.objects.get().export_token_hash == ""
