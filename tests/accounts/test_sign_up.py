"""Sign-up: the declaration's minimum age, separate unticked choices, acknowledgement."""

from __future__ import annotations

import re

from django.core import mail, signing
from django.test import Client

import pytest

from candid.accounts.exceptions import AccountError, AccountExists, SignupUnderage
from candid.accounts.models import PendingOptIn, UnderageSignupDay, User
from candid.accounts.services.accounts import account_sign_up
from candid.accounts.services.choices import opt_in_confirm
from candid.accounts.services.notices import OPT_IN_SALT
from candid.audit.models import AuditEvent
from candid.consent.models import ConsentEvent, NoticeAcknowledgement
from candid.consent.selectors import consent_state
from candid.datamap.models import Subject
from candid.vault.models import SubjectKey
from tests.accounts.conftest import PASSWORD, birthday_years_ago

pytestmark = pytest.mark.django_db


def sign_up(**overrides) -> User:
    values = {
        "full_name": "Ana Lima",
        "email": "ana@example.com",
        "password": PASSWORD,
        "date_of_birth": birthday_years_ago(30),
        "marketing_opt_in": False,
    }
    return account_sign_up(**{**values, **overrides})


def form(**overrides) -> dict:
    values = {
        "full_name": "Ana Lima",
        "email": "ana@example.com",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "date_of_birth": birthday_years_ago(30).isoformat(),
    }
    return {**values, **overrides}


def stored_rows() -> dict[str, int]:
    return {
        "accounts": User.objects.count(),
        "subjects": Subject.objects.count(),
        "keys": SubjectKey.objects.count(),
        "consents": ConsentEvent.objects.count(),
        "acknowledgements": NoticeAcknowledgement.objects.count(),
        "pending": PendingOptIn.objects.count(),
        "audit": AuditEvent.objects.count(),
    }


def test_sign_up_opens_an_account_with_its_own_data_subject():
    # when
    user = sign_up()

    # then
    stored = User.objects.get()
    assert stored == user
    assert stored.subject == Subject.objects.get()
    assert (stored.email, stored.full_name) == ("ana@example.com", "Ana Lima")
    assert stored.check_password(PASSWORD)


def test_underage_signup_stores_nothing():
    """KID-01: no account, nothing entered kept; only the day's counter goes up."""
    # given
    before = stored_rows()

    # when
    browser = Client()
    response = browser.post(
        "/account/sign-up/",
        form(date_of_birth=birthday_years_ago(15).isoformat(), marketing="on"),
    )

    # then
    assert response.status_code == 200
    assert stored_rows() == before
    assert [(d.refused) for d in UnderageSignupDay.objects.all()] == [1]
    assert mail.outbox == []
    assert "sessionid" not in response.cookies


def test_underage_refusal_says_why_and_echoes_nothing_typed():
    # when
    response = Client().post(
        "/account/sign-up/",
        form(
            full_name="Kid Example",
            email="kid@example.com",
            date_of_birth=birthday_years_ago(15).isoformat(),
        ),
    )

    # then
    page = response.content.decode()
    assert (
        "Sorry, you must be at least 16 years old to open an account. No account was "
        "created and nothing you entered was kept." in page
    )
    assert "kid@example.com" not in page
    assert "Kid Example" not in page


def test_two_underage_refusals_on_one_day_are_one_row_counting_two():
    # when
    for _ in range(2):
        with pytest.raises(SignupUnderage):
            sign_up(date_of_birth=birthday_years_ago(12))

    # then
    assert UnderageSignupDay.objects.get().refused == 2


def test_seed_002_refuses_a_seventeen_year_old_that_cinetrum_accepts(studio_3d):
    """KID-01: the minimum age is the declaration's (3D Studio Production: 18)."""
    # when
    with pytest.raises(SignupUnderage) as refused:
        sign_up(date_of_birth=birthday_years_ago(17), policy_acknowledged=True)

    # then
    assert refused.value.minimum_age == 18
    assert User.objects.count() == 0


def test_sign_up_on_the_day_of_the_minimum_age_is_accepted(studio_3d):
    # when
    sign_up(date_of_birth=birthday_years_ago(18), policy_acknowledged=True)

    # then
    assert User.objects.count() == 1


def test_seed_002_asks_for_the_policy_acknowledgement_and_records_it_never_as_consent(
    studio_3d,
):
    """LAW-06: the acknowledgement is stored as notice_acknowledged, apart from consent."""
    # when
    user = sign_up(policy_acknowledged=True)

    # then
    acknowledgement = NoticeAcknowledgement.objects.get()
    assert (acknowledgement.subject_id, acknowledgement.surface) == (
        user.subject_id,
        "sign_up",
    )
    assert acknowledgement.policy_version == "2026.11"
    assert ConsentEvent.objects.count() == 0


def test_seed_002_sign_up_form_without_the_acknowledgement_is_refused(studio_3d):
    # when
    response = Client().post("/account/sign-up/", form())

    # then
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "acknowledge_policy": ["This field is required."]
    }
    assert User.objects.count() == 0


def test_seed_002_sign_up_without_the_acknowledgement_is_refused_by_the_service(
    studio_3d,
):
    # when
    with pytest.raises(AccountError) as refused:
        sign_up(policy_acknowledged=False)

    # then
    assert str(refused.value) == "Confirm that you have read the privacy policy."
    assert User.objects.count() == 0


def test_cinetrum_does_not_ask_for_an_acknowledgement_so_none_is_recorded():
    # when
    sign_up()

    # then
    assert NoticeAcknowledgement.objects.count() == 0


def test_unticked_marketing_box_records_no_consent():
    # when
    user = sign_up(marketing_opt_in=False)

    # then
    assert ConsentEvent.objects.count() == 0
    assert PendingOptIn.objects.count() == 0
    assert consent_state(user.subject_id, purpose="marketing_email").granted is False


def test_ticked_marketing_box_under_double_opt_in_is_pending_not_consent():
    # when
    user = sign_up(marketing_opt_in=True)

    # then
    pending = PendingOptIn.objects.get()
    assert (pending.subject_id, pending.purpose, pending.surface) == (
        user.subject_id,
        "marketing_email",
        "signup_form",
    )
    assert ConsentEvent.objects.count() == 0


def test_confirming_a_pending_opt_in_grants_consent_with_the_sign_up_proof():
    # given
    user = sign_up(marketing_opt_in=True)
    pending = PendingOptIn.objects.get()

    # when
    opt_in_confirm(pending=pending)
    opt_in_confirm(pending=pending)

    # then
    event = ConsentEvent.objects.get()
    assert (event.subject_id, event.purpose, event.action) == (
        user.subject_id,
        "marketing_email",
        "granted",
    )
    assert (event.surface, event.mechanism, event.text_sha256) == (
        "signup_form",
        "checkbox",
        pending.text_sha256,
    )


def test_seed_002_e_mails_the_opt_in_confirmation_as_its_account_notice(
    studio_3d, django_capture_on_commit_callbacks
):
    # when
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(marketing_opt_in=True, policy_acknowledged=True)

    # then
    [message] = mail.outbox
    assert message.to == ["ana@example.com"]
    assert message.subject == "Please confirm your e-mail choice"
    assert "/account/confirm/" in message.body


def test_a_second_account_with_the_same_address_is_refused(account):
    # when
    with pytest.raises(AccountExists):
        sign_up(email="ana@example.com")

    # then
    assert User.objects.count() == 1


def test_attacker_cannot_open_a_twin_account_by_changing_the_case_of_the_address(
    account,
):
    # when
    with pytest.raises(AccountExists):
        sign_up(email="  ANA@Example.COM ")

    # then
    assert User.objects.count() == 1


def test_the_sign_up_form_links_the_privacy_notice_before_its_button():
    """NOT-05: the notice is linked before the person submits anything."""
    # when
    page = Client().get("/account/sign-up/").content.decode()

    # then
    form_html = page[page.index('<form method="post" action="/account/sign-up/"') :]
    assert form_html.index('href="/privacy/"') < form_html.index(">Create account<")


def test_the_sign_up_form_ticks_nothing_and_keeps_marketing_separate():
    """LAW-03: no pre-ticked box; marketing is its own optional control."""
    # when
    response = Client().get("/account/sign-up/")

    # then
    page = response.content.decode()
    assert re.search(r"<input[^>]*\bchecked\b", page) is None
    assert response.context["form"].fields["marketing"].required is False
    assert response.context["form"].fields["marketing"].label == (
        "Yes, send me marketing e-mails. Promotional e-mails about our sessions and "
        "products, only if you opted in; unsubscribe at any time."
    )


def test_signing_up_signs_nobody_in_before_the_address_is_confirmed():
    # when
    browser = Client()
    response = browser.post("/account/sign-up/", form())

    # then
    assert response.status_code == 200
    assert "Check your inbox" in response.content.decode()
    assert "sessionid" not in response.cookies
    assert User.objects.get().is_active is False
    assert browser.get("/account/").status_code == 302


def test_the_confirmation_link_asks_first_then_grants():
    # given
    sign_up(email="carla@example.com", marketing_opt_in=True)
    pending = PendingOptIn.objects.get()
    link = f"/account/confirm/{signing.dumps(str(pending.pk), salt=OPT_IN_SALT)}/"

    # when
    asked = Client().get(link)
    granted_before = ConsentEvent.objects.count()
    confirmed = Client().post(link)

    # then
    assert asked.status_code == 200
    assert (
        "You asked to receive <strong>marketing e-mails</strong>"
        in asked.content.decode()
    )
    assert granted_before == 0
    assert confirmed.status_code == 200
    assert ConsentEvent.objects.get().action == "granted"


def test_attacker_cannot_confirm_an_opt_in_with_a_forged_link():
    # given
    sign_up(marketing_opt_in=True)
    pending = PendingOptIn.objects.get()

    # when
    response = Client().post(f"/account/confirm/{pending.pk}/")

    # then
    assert response.status_code == 404
    assert ConsentEvent.objects.count() == 0
