"""After the code, requests that show or delete data need matching data points (DSR-05)."""

import re

from django.test import Client

import pytest

from candid.accounts.models import Address
from candid.audit.models import AuditEvent
from candid.rights.exceptions import TransitionRefused, VerificationFailed
from candid.rights.models import Request, State, VerificationOutcome
from candid.rights.services import (
    verification_code_check,
    verification_code_send,
    verification_data_points_check,
    verification_staff_check_ask,
    verification_staff_confirm,
)
from candid.rights.services.data_points import NO_MATCH
from tests.rights.conftest import SYSTEM

PUBLIC = "/privacy/requests/"
PHONE = "+44 7700 900123"


def _code(message) -> str:
    return re.search(r"^(\d{6})$", message.body, re.MULTILINE).group(1)


@pytest.fixture
def ana(account_factory):
    account = account_factory("ana@example.com")
    account.phone = PHONE
    account.save()
    Address.objects.create(
        user=account, subject_id=account.subject_id, postal_code="BA1 1AA"
    )
    return account


@pytest.fixture
def confirmed(request_factory, mailoutbox):
    """Open a request by e-mail, send the code and enter it: the address is confirmed."""

    def make(email="ana@example.com", **overrides):
        request = request_factory(contact_email=email, **overrides)
        verification_code_send(request=request, actor=SYSTEM)
        code = _code(mailoutbox[-1])
        return verification_code_check(request_id=request.id, raw_code=code)

    return make


def test_requester_matching_a_data_point_is_verified_as_the_account_holder_dsr_05(
    ana, confirmed
):
    # given
    request = confirmed()
    # when
    verification_data_points_check(
        request_id=request.id, answers={"phone_last_digits": "0123"}
    )
    # then: the request now belongs to the account's subject, so an export or
    # erasure covers the client's own data
    stored = Request.objects.get()
    assert stored.state == State.IN_PROGRESS
    assert stored.verified_at is not None
    assert stored.verification_method == "email_and_data"
    assert stored.data_points_matched == 1
    assert stored.subject_id == ana.subject_id
    assert stored.contact_email == "ana@example.com"
    assert AuditEvent.objects.filter(action="rights.identity_verified").count() == 1


def test_any_registered_data_point_may_be_the_one_answered_dsr_05(ana, confirmed):
    # given
    request = confirmed()
    # when
    verification_data_points_check(
        request_id=request.id, answers={"postcode": "ba11aa"}
    )
    # then
    assert Request.objects.get().verified_at is not None


def test_wrong_data_point_is_refused_and_counted(ana, confirmed):
    # given
    request = confirmed()
    # when
    with pytest.raises(VerificationFailed) as refused:
        verification_data_points_check(
            request_id=request.id, answers={"phone_last_digits": "9999"}
        )
    # then
    assert str(refused.value) == NO_MATCH
    stored = Request.objects.get()
    assert stored.code_attempts == 1
    assert stored.verified_at is None
    assert stored.subject_id == request.subject_id
    event = AuditEvent.objects.get(action="rights.verification_failed")
    assert event.details == {
        "type": "access",
        "state": "verifying",
        "attempts": 1,
        "step": "data_points",
    }


def test_one_wrong_answer_among_right_ones_is_refused(ana, confirmed):
    # given
    request = confirmed()
    # when
    with pytest.raises(VerificationFailed):
        verification_data_points_check(
            request_id=request.id,
            answers={"phone_last_digits": "0123", "postcode": "SW1A 1AA"},
        )
    # then
    assert Request.objects.get().verified_at is None


def test_attacker_cannot_guess_data_points_wrong_codes_and_answers_share_one_lock(
    ana, request_factory, mailoutbox
):
    # given: three wrong codes, then the right one (the declaration allows 5)
    request = request_factory()
    verification_code_send(request=request, actor=SYSTEM)
    code = _code(mailoutbox[-1])
    for _ in range(3):
        with pytest.raises(VerificationFailed):
            verification_code_check(request_id=request.id, raw_code="000000")
    verification_code_check(request_id=request.id, raw_code=code)
    # when: two wrong phone numbers, then the right one
    for guess in ("1111", "2222"):
        with pytest.raises(VerificationFailed):
            verification_data_points_check(
                request_id=request.id, answers={"phone_last_digits": guess}
            )
    with pytest.raises(VerificationFailed) as refused:
        verification_data_points_check(
            request_id=request.id, answers={"phone_last_digits": "0123"}
        )
    # then
    assert str(refused.value).startswith("Too many wrong answers")
    stored = Request.objects.get()
    assert stored.verification_outcome == VerificationOutcome.LOCKED
    assert stored.code_attempts == 5
    assert stored.verified_at is None
    assert AuditEvent.objects.filter(action="rights.verification_locked").count() == 1


def test_too_few_answers_are_refused_without_counting(ana, confirmed):
    # given
    request = confirmed()
    # when
    with pytest.raises(VerificationFailed) as refused:
        verification_data_points_check(
            request_id=request.id, answers={"phone_last_digits": "  "}
        )
    # then
    assert str(refused.value) == "Answer at least 1 of the questions."
    assert Request.objects.get().code_attempts == 0


def test_data_points_are_not_asked_before_the_code(ana, request_factory):
    # given
    request = request_factory()
    # when / then
    with pytest.raises(TransitionRefused):
        verification_data_points_check(
            request_id=request.id, answers={"phone_last_digits": "0123"}
        )
    assert Request.objects.get().code_attempts == 0


def test_data_point_answers_are_never_stored_or_logged(ana, confirmed):
    # given
    request = confirmed()
    # when
    verification_data_points_check(
        request_id=request.id, answers={"phone_last_digits": "0123"}
    )
    # then
    row = Request.objects.values().get()
    assert not any("0123" in str(value) for value in row.values())
    for event in AuditEvent.objects.all():
        assert "0123" not in str(event.details)


def test_data_point_step_does_not_reveal_whether_an_account_exists(ana, db, mailoutbox):
    # given: one request for Ana's address, one for an address with no account
    pages = []
    for email in ("ana@example.com", "nobody@example.com"):
        browser = Client()
        response = browser.post(
            PUBLIC, {"email": email, "request_type": "access", "jurisdiction": "EU"}
        )
        url = response.url
        browser.post(url, {"code": _code(mailoutbox[-1])})
        request = Request.objects.get(pk=url.split("/")[-2])
        # when: both give a wrong phone number
        answer = browser.post(
            f"{url}details/", {"point_phone_last_digits": "9999"}, follow=True
        )
        page = answer.content.decode().replace(str(request.id), "ID")
        pages.append(re.sub(r'value="[^"]{40,}"', "CSRF", page))
    # then: the same page, the same message
    assert pages[0] == pages[1]
    assert NO_MATCH.replace("'", "&#x27;") in pages[0]


def test_requester_without_an_account_can_ask_staff_to_check_another_way(
    confirmed, staff
):
    # given: no account has this address, so no answer can match
    request = confirmed(email="nobody@example.com")
    # when
    verification_staff_check_ask(request_id=request.id)
    stored = Request.objects.get()
    verification_staff_confirm(request=stored, staff_id=staff.pk)
    # then
    stored = Request.objects.get()
    assert stored.state == State.IN_PROGRESS
    assert stored.verification_method == "staff_checked"
    assert AuditEvent.objects.filter(action="rights.staff_check_asked").count() == 1


def test_california_request_for_specific_pieces_needs_a_declaration_under_penalty_of_perjury(  # noqa: E501
    ana, confirmed
):
    # given: know, specific pieces: 3 data points with the e-mail (CCPA §7062(c))
    request = confirmed(request_type="know", jurisdiction="US-CA", scope="specific")
    answers = {"phone_last_digits": "0123", "postcode": "BA1 1AA"}
    # when: the right answers but no signature
    with pytest.raises(VerificationFailed) as refused:
        verification_data_points_check(request_id=request.id, answers=answers)
    # then
    assert str(refused.value).startswith("Sign the declaration")
    assert Request.objects.get().code_attempts == 0
    # when: signed
    verification_data_points_check(
        request_id=request.id, answers=answers, signature="Ana Lima", declared=True
    )
    # then
    stored = Request.objects.get()
    assert stored.verified_at is not None
    assert stored.data_points_matched == 2
    assert stored.declaration_signature == "Ana Lima"
    assert stored.declaration_signed_at is not None
    raw = Request.objects.values_list("declaration_signature", flat=True).get()
    assert "Ana Lima" not in raw
    assert AuditEvent.objects.filter(action="rights.declaration_signed").count() == 1


def test_california_specific_pieces_refuse_only_two_data_points(ana, confirmed):
    # given
    request = confirmed(request_type="know", jurisdiction="US-CA", scope="specific")
    # when
    with pytest.raises(VerificationFailed) as refused:
        verification_data_points_check(
            request_id=request.id,
            answers={"phone_last_digits": "0123"},
            signature="Ana Lima",
            declared=True,
        )
    # then
    assert str(refused.value) == "Answer at least 2 of the questions."
    assert Request.objects.get().verified_at is None


def test_california_categories_need_one_point_beside_the_email_and_no_declaration(
    ana, confirmed
):
    # given
    request = confirmed(request_type="know", jurisdiction="US-CA", scope="categories")
    # when
    verification_data_points_check(
        request_id=request.id, answers={"phone_last_digits": "0123"}
    )
    # then
    stored = Request.objects.get()
    assert (stored.data_points_required, stored.declaration_required) == (1, False)
    assert stored.verified_at is not None


def test_status_page_shows_the_declaration_for_specific_pieces(ana, confirmed):
    # given
    request = confirmed(request_type="know", jurisdiction="US-CA", scope="specific")
    # when
    page = Client().get(f"/privacy/requests/{request.id}/").content.decode()
    # then
    assert "under penalty of perjury" in page
    assert "Answer at least 2 of these questions" in page
    assert 'name="signature"' in page


def test_view_verifies_with_the_declaration(ana, confirmed):
    # given
    request = confirmed(request_type="know", jurisdiction="US-CA", scope="specific")
    url = f"/privacy/requests/{request.id}/"
    # when
    response = Client().post(
        f"{url}details/",
        {
            "point_phone_last_digits": "0123",
            "point_postcode": "BA1 1AA",
            "declared": "on",
            "signature": "Ana Lima",
        },
    )
    # then
    assert response.status_code == 302
    assert Request.objects.get().verified_at is not None


def test_staff_confirm_an_identity_only_once(confirmed, staff):
    # given
    request = confirmed(email="nobody@example.com")
    verification_staff_check_ask(request_id=request.id)
    stored = Request.objects.get()
    Request.objects.filter(pk=stored.pk).update(verification_outcome="verified")
    stored.refresh_from_db()
    # when / then
    with pytest.raises(TransitionRefused) as refused:
        verification_staff_confirm(request=stored, staff_id=staff.pk)
    assert str(refused.value) == "The requester's identity is already confirmed."


def test_page_says_staff_will_check_after_the_requester_asks(confirmed):
    # given
    request = confirmed(email="nobody@example.com")
    url = f"/privacy/requests/{request.id}/"
    # when
    response = Client().post(f"{url}staff-check/")
    page = Client().get(url).content.decode()
    # then
    assert response.status_code == 302
    assert "We will check your identity another way" in page
    assert Request.objects.get().verification_outcome == "staff_review"


def test_staff_check_cannot_be_asked_before_the_code(request_factory):
    # given
    request = request_factory()
    # when
    response = Client().post(f"/privacy/requests/{request.id}/staff-check/")
    # then
    assert response.status_code == 200
    assert "This request is not waiting for a code." in response.content.decode()
    assert Request.objects.get().verification_outcome == ""


def test_new_code_is_refused_once_the_address_is_confirmed(confirmed, mailoutbox):
    # given
    request = confirmed()
    sent = len(mailoutbox)
    # when
    response = Client().post(f"/privacy/requests/{request.id}/new-code/")
    # then
    assert response.status_code == 200
    assert "This request is not waiting for a code." in response.content.decode()
    assert len(mailoutbox) == sent


def test_california_correction_is_verified_with_data_other_than_the_data_corrected_dsr_09(  # noqa: E501
    ana, confirmed
):
    # given: Ana wants her phone number corrected; deleting needs 2 further points
    request = confirmed(request_type="correct", jurisdiction="US-CA")
    answers = {"phone_last_digits": "0123", "postcode": "BA1 1AA"}
    # when: the phone number is one of the answers
    with pytest.raises(VerificationFailed) as refused:
        verification_data_points_check(
            request_id=request.id, answers=answers, correcting="phone_last_digits"
        )
    # then: it does not count, so too few remain; nothing is counted as a failure
    assert str(refused.value) == "Answer at least 2 of the questions."
    assert Request.objects.get().code_attempts == 0


def test_correction_page_asks_which_detail_is_to_be_corrected(ana, confirmed):
    # given
    request = confirmed(request_type="correct", jurisdiction="US-CA")
    # when
    page = Client().get(f"/privacy/requests/{request.id}/").content.decode()
    # then
    assert "Is one of these details the one you want corrected?" in page


def test_staff_checked_identity_moves_the_request_to_the_account_of_the_address(
    ana, confirmed, staff
):
    # given: Ana could not answer and asked for a staff check
    request = confirmed()
    verification_staff_check_ask(request_id=request.id)
    # when
    verification_staff_confirm(request=Request.objects.get(), staff_id=staff.pk)
    # then
    stored = Request.objects.get()
    assert stored.subject_id == ana.subject_id
    assert stored.contact_email == "ana@example.com"


def test_request_logged_by_staff_as_checked_is_about_the_account_of_the_address(
    ana, request_factory
):
    # when: a phoned request, identity checked on the call
    request = request_factory(channel="phone", verified_by="staff_checked")
    # then
    assert request.subject_id == ana.subject_id
    assert Request.objects.get().contact_email == "ana@example.com"
