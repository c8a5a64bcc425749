"""Receipt of a California request is confirmed within 10 business days (CA-02)."""

from io import StringIO

from django.core.management import call_command

from candid.audit.models import AuditEvent
from candid.rights.models import Request
from candid.rights.services import verification_code_send
from candid.rights.services.receipts import receipt_confirm, receipts_confirm_due
from tests.rights.conftest import NOW, SYSTEM


def test_staff_logged_california_request_gets_its_receipt_confirmed_ca_02(
    request_factory, mailoutbox
):
    # given: an e-mail to support@ logged by staff
    request = request_factory(request_type="delete", jurisdiction="US-CA")
    # when
    count = receipts_confirm_due(actor=SYSTEM, now=NOW)
    # then
    assert count == 1
    [letter] = mailoutbox
    assert letter.to == ["ana@example.com"]
    assert letter.subject == "Your privacy request: we have received it"
    assert "We will answer by 1 March 2026." in letter.body
    assert "we need to confirm that you are the person" in letter.body
    stored = Request.objects.get()
    assert stored.receipt_confirmed_at == NOW
    assert stored.receipt_confirmed_at.date() <= stored.confirm_receipt_by
    event = AuditEvent.objects.get(action="rights.receipt_confirmed")
    assert event.subject_id == request.subject_id


def test_receipt_is_confirmed_once(request_factory, mailoutbox):
    # given
    request = request_factory(request_type="know", jurisdiction="US-CA")
    receipts_confirm_due(actor=SYSTEM, now=NOW)
    # when
    again = receipt_confirm(request_id=request.id, actor=SYSTEM)
    # then
    assert again is False
    assert receipts_confirm_due(actor=SYSTEM) == 0
    assert len(mailoutbox) == 1


def test_the_code_email_confirms_receipt_so_no_second_letter_goes(
    request_factory, mailoutbox
):
    # given
    request = request_factory(request_type="know", jurisdiction="US-CA")
    verification_code_send(request=request, actor=SYSTEM, now=NOW)
    # when
    count = receipts_confirm_due(actor=SYSTEM, now=NOW)
    # then
    assert count == 0
    assert len(mailoutbox) == 1
    assert AuditEvent.objects.filter(action="rights.receipt_confirmed").count() == 1


def test_eu_requests_have_no_receipt_deadline_and_get_no_letter(
    request_factory, mailoutbox
):
    # given
    request_factory()
    # when / then
    assert receipts_confirm_due(actor=SYSTEM, now=NOW) == 0
    assert mailoutbox == []


def test_daily_command_sends_the_confirmations_due(request_factory, mailoutbox):
    # given
    request_factory(request_type="delete", jurisdiction="US-CA")
    out = StringIO()
    # when
    call_command("rights_remind", stdout=out)
    # then
    assert out.getvalue().startswith("Confirmed receipt of 1 request(s).\n")
    assert mailoutbox[0].subject == "Your privacy request: we have received it"
