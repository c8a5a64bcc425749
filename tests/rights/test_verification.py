"""The one-time code service, beyond the pages that use it (DSR-05)."""

import pytest

from candid.rights.exceptions import TransitionRefused, VerificationFailed
from candid.rights.models import Request, VerificationOutcome
from candid.rights.services import (
    verification_code_check,
    verification_code_send,
)
from tests.rights.conftest import NOW, SYSTEM


def test_a_locked_request_gets_no_new_code(request_factory, mailoutbox):
    # given
    request = request_factory()
    Request.objects.filter(pk=request.pk).update(
        verification_outcome=VerificationOutcome.LOCKED
    )
    request.refresh_from_db()
    # when
    with pytest.raises(VerificationFailed) as refused:
        verification_code_send(request=request, actor=SYSTEM, now=NOW)
    # then
    assert str(refused.value) == (
        "Too many wrong answers: this request is locked. Make the request again, "
        "or write to us."
    )
    assert mailoutbox == []


def test_a_verified_request_gets_no_code(request_factory, mailoutbox):
    # given
    request = request_factory(verified_by="staff_checked")
    # when / then
    with pytest.raises(TransitionRefused):
        verification_code_send(request=request, actor=SYSTEM, now=NOW)
    assert mailoutbox == []


def test_a_code_for_a_request_not_waiting_for_one_is_refused(request_factory):
    # given: a request no code was sent for
    request = request_factory()
    # when
    with pytest.raises(VerificationFailed) as refused:
        verification_code_check(request_id=request.id, raw_code="123456", now=NOW)
    # then
    assert str(refused.value) == "This request is not waiting for a code."
    assert Request.objects.get().code_attempts == 0
