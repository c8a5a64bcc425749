"""Rectification of the requester's name, e-mail, phone and address (Art. 16, DSR-09)."""

from __future__ import annotations

import pytest

from candid.accounts.models import Address, User
from candid.audit.models import AuditEvent
from candid.rights.exceptions import RequestInvalid, TransitionRefused
from candid.rights.models import Request
from candid.rights.services.rectification import rectification_apply
from tests.rights.conftest import SYSTEM


@pytest.fixture
def rectification(account_factory, request_factory):
    """Ana's verified rectification request."""
    ana = account_factory()
    opened = request_factory(
        request_type="rectification",
        subject_id=ana.subject_id,
        channel="account",
        verified_by="password",
    )
    return ana, opened


def test_dsr09_name_phone_and_address_are_corrected_and_the_request_closes(
    rectification, mailoutbox
):
    # given Ana's verified request to correct her details
    ana, opened = rectification
    # when staff apply her corrections
    changed = rectification_apply(
        request_id=opened.id,
        changes={
            "full_name": "Ana Lima Souza",
            "phone": "+44 20 7946 0123",
            "lines": "2 New Street",
            "city": "Bath",
            "postal_code": "BA2 2BB",
            "country": "GB",
        },
        actor=SYSTEM,
    )
    # then her profile holds them and the request is completed
    user = User.objects.get(pk=ana.pk)
    assert (user.full_name, user.phone) == ("Ana Lima Souza", "+44 20 7946 0123")
    address = Address.objects.get(user=ana)
    assert (address.lines, address.postal_code) == ("2 New Street", "BA2 2BB")
    assert changed == ["city", "country", "full_name", "lines", "phone", "postal_code"]
    assert Request.objects.get(pk=opened.id).state == "completed"
    # and the audit log names the fields, never the values
    event = AuditEvent.objects.get(action="rights.rectification_completed")
    assert event.details["fields"] == changed
    assert "Souza" not in str(event.details)
    # and Ana is told which details changed
    assert mailoutbox[-1].to == ["ana@example.com"]
    assert (
        "These details were changed: town or city, country, name, street address, "
        "phone number, postcode."
    ) in mailoutbox[-1].body
    assert "Souza" not in mailoutbox[-1].body


def test_dsr09_a_new_email_address_is_corrected_and_the_old_one_told(
    rectification, mailoutbox
):
    # given Ana's verified request
    ana, opened = rectification
    # when her e-mail address is corrected
    rectification_apply(
        request_id=opened.id, changes={"email": "ana.souza@example.com"}, actor=SYSTEM
    )
    # then she signs in with the new one, and the old one was warned
    assert User.objects.get(pk=ana.pk).email == "ana.souza@example.com"
    assert any(m.to == ["ana@example.com"] for m in mailoutbox)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"password": "x"}, "These fields cannot be rectified: password."),
        ({"full_name": "  "}, "Give at least one corrected value."),
    ],
)
def test_unknown_or_empty_corrections_change_nothing(rectification, changes, message):
    # given Ana's verified request
    ana, opened = rectification
    # when staff send a field that cannot be rectified, or nothing
    with pytest.raises(RequestInvalid) as refused:
        rectification_apply(request_id=opened.id, changes=changes, actor=SYSTEM)
    # then it is refused and nothing changed
    assert str(refused.value) == message
    assert User.objects.get(pk=ana.pk).full_name == "Ana Lima"
    assert Request.objects.get(pk=opened.id).state == opened.state


def test_an_access_request_cannot_rectify(account_factory, request_factory):
    # given a verified access request
    ana = account_factory()
    opened = request_factory(
        subject_id=ana.subject_id, channel="account", verified_by="password"
    )
    # when staff try to rectify through it
    with pytest.raises(TransitionRefused):
        rectification_apply(
            request_id=opened.id, changes={"full_name": "Eve"}, actor=SYSTEM
        )
    # then nothing changed
    assert User.objects.get(pk=ana.pk).full_name == "Ana Lima"
