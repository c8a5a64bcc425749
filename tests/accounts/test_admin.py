"""The back office: gated by role, every view of a client's data in the audit log."""

from __future__ import annotations

from django.test import Client

import pytest

from candid.accounts.access import access_client_by_id
from candid.accounts.exceptions import AccessDenied
from candid.accounts.models import User
from candid.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

CALLERS = ["anonymous", "client", "staff_without_role", "staff_with_role"]


@pytest.fixture
def caller(request, account_factory, staff_factory):
    """Return a browser for one of the four callers of a staff view, and its user."""
    kind = request.param
    browser = Client()
    user = None
    if kind == "client":
        user = account_factory("carla@example.com")
    elif kind == "staff_without_role":
        user = staff_factory()
    elif kind == "staff_with_role":
        user = staff_factory("view_user", "flag_child")
    if user is not None:
        browser.force_login(user)
    return kind, browser, user


@pytest.mark.parametrize(
    ("caller", "expected"),
    list(zip(CALLERS, [302, 302, 403, 200], strict=True)),
    indirect=["caller"],
)
def test_only_staff_with_the_role_see_a_clients_account_and_each_view_is_audited(
    caller, expected, account
):
    # given
    kind, browser, user = caller
    before = AuditEvent.objects.filter(action="data.read").count()

    # when
    response = browser.get(f"/admin/accounts/user/{account.pk}/change/")

    # then
    assert response.status_code == expected
    reads = AuditEvent.objects.filter(action="data.read")
    if kind == "staff_with_role":
        event = reads.get()
        assert (event.subject_id, event.actor_kind, event.actor_id) == (
            account.subject_id,
            "staff",
            str(user.pk),
        )
        assert event.details == {
            "event": "account_viewed",
            "fields": ["email", "full_name", "phone"],
        }
        assert "ana@example.com" in response.content.decode()
    else:
        assert reads.count() == before == 0
        assert "ana@example.com" not in response.content.decode()


@pytest.mark.parametrize(
    ("caller", "expected"),
    list(zip(CALLERS, [302, 302, 403, 200], strict=True)),
    indirect=["caller"],
)
def test_only_staff_with_the_role_list_accounts(caller, expected, account):
    # given
    _, browser, _ = caller

    # when
    response = browser.get("/admin/accounts/user/")

    # then
    assert response.status_code == expected


def test_the_account_list_shows_no_personal_data(account, staff_factory):
    # given
    browser = Client()
    browser.force_login(staff_factory("view_user"))

    # when
    page = browser.get("/admin/accounts/user/").content.decode()

    # then
    assert str(account.pk) in page
    assert "ana@example.com" not in page
    assert "Ana Lima" not in page


def test_staff_find_an_account_by_its_exact_e_mail(
    account, other_account, staff_factory
):
    # given
    browser = Client()
    browser.force_login(staff_factory("view_user"))

    # when
    response = browser.get("/admin/accounts/user/", {"q": "ANA@example.com"})

    # then
    assert list(response.context["cl"].result_list) == [account]


def test_the_gate_gives_one_answer_for_a_missing_and_a_forbidden_account(
    account, staff_factory
):
    # given
    staff = staff_factory()

    # when
    with pytest.raises(AccessDenied) as forbidden:
        access_client_by_id(staff=staff, user_id=account.pk, fields=["email"])
    with pytest.raises(AccessDenied) as missing:
        access_client_by_id(
            staff=staff_factory("view_user", email="eve@studio.example"),
            user_id="00000000-0000-0000-0000-000000000000",
            fields=["email"],
        )

    # then
    assert str(forbidden.value) == str(missing.value)


def flag_post(browser, account, **extra):
    return browser.post(
        "/admin/accounts/user/",
        {"action": "flag_as_child", "_selected_action": [str(account.pk)], **extra},
    )


def test_the_child_flag_asks_for_confirmation_first(account, staff_factory):
    # given
    browser = Client()
    browser.force_login(staff_factory("view_user", "flag_child"))

    # when
    response = flag_post(browser, account)

    # then
    assert response.status_code == 200
    assert "This cannot be undone." in response.content.decode()
    assert User.objects.get(pk=account.pk).is_active is True


def test_a_confirmed_child_flag_closes_the_account(account, staff_factory):
    # given
    browser = Client()
    browser.force_login(staff_factory("view_user", "flag_child"))

    # when
    response = flag_post(browser, account, confirm="yes")

    # then
    assert response.status_code == 302
    closed = User.objects.get(pk=account.pk)
    assert (closed.is_active, closed.email) == (False, None)


def test_staff_without_the_flag_role_cannot_flag_a_child(account, staff_factory):
    # given
    browser = Client()
    browser.force_login(staff_factory("view_user", "change_user"))

    # when
    flag_post(browser, account, confirm="yes")

    # then
    assert User.objects.get(pk=account.pk).is_active is True


def test_staff_sign_in_goes_through_the_rate_limited_sign_in_page():
    # when
    response = Client().get("/admin/login/", {"next": "/admin/"})

    # then
    assert (response.status_code, response.url) == (
        302,
        "/account/sign-in/?next=/admin/",
    )
