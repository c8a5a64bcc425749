"""A child's account, once staff learn of it, is closed and its profile deleted (KID-02)."""

from __future__ import annotations

import pytest

from candid.accounts.models import Address, ClientSession, StoredSession, User
from candid.accounts.services.children import account_flag_as_child
from candid.accounts.services.profile import address_add
from candid.accounts.services.signin import WRONG_CREDENTIALS
from candid.audit.models import AuditEvent
from candid.consent.exceptions import PurposeDenied
from candid.consent.models import ConsentEvent
from candid.consent.purposes import require_purpose
from candid.consent.services import consent_grant
from candid.datamap.models import Subject
from candid.vault.selectors import subject_key_destroyed_at
from tests.accounts.conftest import signed_in_browser
from tests.accounts.test_profile import HOME

pytestmark = pytest.mark.django_db


@pytest.fixture
def child(account):
    address_add(user=account, values=HOME)
    consent_grant(
        subject_id=account.subject_id,
        purpose="marketing_email",
        surface="privacy_centre",
        mechanism="toggle",
        text="Marketing e-mails",
    )
    return account


def test_flagging_a_child_closes_the_account_and_ends_its_sessions_at_once(
    child, staff_factory
):
    # given
    browser, _ = signed_in_browser(child.email)
    staff = staff_factory("view_user", "flag_child")

    # when
    account_flag_as_child(user_id=child.pk, staff=staff)

    # then
    closed = User.objects.get(pk=child.pk)
    assert closed.is_active is False
    assert closed.has_usable_password() is False
    assert closed.child_flagged_at is not None
    assert StoredSession.objects.filter(user=child).count() == 0
    assert ClientSession.objects.filter(user=child).count() == 0
    assert browser.get("/account/").status_code == 302


def test_flagging_a_child_deletes_the_profile_and_addresses(child, staff_factory):
    # when
    account_flag_as_child(user_id=child.pk, staff=staff_factory("flag_child"))

    # then
    closed = User.objects.get(pk=child.pk)
    assert (closed.email, closed.email_index, closed.full_name, closed.phone) == (
        None,
        None,
        None,
        None,
    )
    assert Address.objects.count() == 0


def test_flagging_a_child_withdraws_every_consent_so_nothing_more_is_done(
    child, staff_factory
):
    # when
    account_flag_as_child(user_id=child.pk, staff=staff_factory("flag_child"))

    # then
    with pytest.raises(PurposeDenied):
        require_purpose(child.subject_id, "marketing_email")
    latest = ConsentEvent.objects.order_by("-id").first()
    assert (latest.action, latest.surface) == ("withdrawn", "staff")


def test_flagging_a_child_keeps_the_subject_and_its_key_for_records_the_law_keeps(
    child, staff_factory
):
    # when
    account_flag_as_child(user_id=child.pk, staff=staff_factory("flag_child"))

    # then
    assert Subject.objects.filter(pk=child.subject_id).exists()
    assert subject_key_destroyed_at(subject_id=child.subject_id) is None


def test_flagging_a_child_is_recorded_by_name_never_by_value(child, staff_factory):
    # given
    staff = staff_factory("flag_child")

    # when
    account_flag_as_child(user_id=child.pk, staff=staff)

    # then
    event = AuditEvent.objects.get(action="data.deleted")
    assert (event.subject_id, event.actor_kind, event.actor_id) == (
        child.subject_id,
        "staff",
        str(staff.pk),
    )
    assert event.details == {
        "event": "child_flagged",
        "fields": ["addresses", "email", "email_index", "full_name"],
        "consents_withdrawn": ["marketing_email"],
    }
    assert "ana@example.com" not in str(event.details) + str(event.categories)


def test_flagging_twice_changes_and_records_nothing_more(child, staff_factory):
    # given
    staff = staff_factory("flag_child")
    first = account_flag_as_child(user_id=child.pk, staff=staff)
    events = AuditEvent.objects.count()
    consents = ConsentEvent.objects.count()

    # when
    second = account_flag_as_child(user_id=child.pk, staff=staff)

    # then
    assert second.child_flagged_at == first.child_flagged_at
    assert AuditEvent.objects.count() == events
    assert ConsentEvent.objects.count() == consents


def test_a_flagged_account_cannot_sign_in(child, staff_factory):
    # given
    account_flag_as_child(user_id=child.pk, staff=staff_factory("flag_child"))

    # when
    _, response = signed_in_browser("ana@example.com")

    # then
    assert response.context["form"].errors == {"__all__": [WRONG_CREDENTIALS]}
    assert ClientSession.objects.filter(user=child).count() == 0
