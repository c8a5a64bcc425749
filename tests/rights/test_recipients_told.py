"""Corrections and restrictions reach the recipients that hold the data (Art. 19).

PRC-06: rectification and restriction are pushed to every recipient through the
processor queue; DSR-09: recipients (print vendor, Mailchimp) are told of a
correction unless impossible; DSR-11: a restriction reaches them too. Stripe and
Mailchimp answer from local stand-ins (tests/rights/standins.py).
"""

from __future__ import annotations

import hashlib
from io import StringIO
from pathlib import Path

from django.core.management import call_command

import pytest

from candid.audit.models import AuditEvent
from candid.rights.models import Propagation, Request
from candid.rights.services.erasure import erasure_start
from candid.rights.services.propagation import propagation_attest, propagation_run
from candid.rights.services.rectification import rectification_apply
from candid.rights.services.restriction import restriction_request_fulfil
from tests.rights.conftest import POLICIES, SYSTEM
from tests.rights.standins import processors  # noqa: F401 - fixture

EMAIL = "ana@example.com"
MEMBER = hashlib.md5(EMAIL.encode(), usedforsecurity=False).hexdigest()


@pytest.fixture
def ana(account_factory):
    return account_factory(EMAIL)


@pytest.fixture
def run_tasks(django_capture_on_commit_callbacks):
    """Run what a service queues once its transaction commits (the task worker)."""

    def run(service, **arguments):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**arguments)

    return run


def _opened(request_factory, ana, request_type):
    return request_factory(
        request_type=request_type,
        subject_id=ana.subject_id,
        channel="account",
        verified_by="password",
    )


def _correct(run_tasks, opened, **changes) -> None:
    """Staff apply Ana's corrections; the queued recipients' tasks run."""
    run_tasks(rectification_apply, request_id=opened.id, changes=changes, actor=SYSTEM)


def _told(opened) -> dict[str, tuple[str, str]]:
    return {
        p.recipient: (p.action, p.state)
        for p in Propagation.objects.filter(request_id=opened.id)
    }


def _paypal_writes_to(settings, tmp_path, address: str) -> None:
    source = (POLICIES / "cinetrum-studio.yaml").read_text()
    edited = source.replace(
        "erasure_contact: PayPal (Europe) S.à r.l. et Cie, S.C.A., data protection team",
        f"erasure_contact: {address}",
    )
    assert edited != source
    policy = Path(tmp_path / "policy.yaml")
    policy.write_text(edited)
    settings.CANDID_POLICY_FILE = policy


def test_prc06_a_corrected_name_and_address_reach_stripe_and_mailchimp(
    ana,
    request_factory,
    run_tasks,
    processors,  # noqa: F811
):
    # given Ana is a Stripe customer and on the Mailchimp list
    processors.customers.update({"cus_ana": EMAIL, "cus_bruno": "bruno@example.com"})
    processors.members.add(MEMBER)
    opened = _opened(request_factory, ana, "rectification")
    # when her name and e-mail address are corrected
    _correct(
        run_tasks, opened, full_name="Ana Lima Souza", email="ana.souza@example.com"
    )
    # then her Stripe customer, and only hers, holds the corrected details
    assert processors.customers == {
        "cus_ana": "ana.souza@example.com",
        "cus_bruno": "bruno@example.com",
    }
    assert processors.names == {"cus_ana": "Ana Lima Souza"}
    # and her Mailchimp member, found by the old address, was corrected
    assert processors.patched[MEMBER] == {
        "email_address": "ana.souza@example.com",
        "merge_fields": {"FNAME": "Ana", "LNAME": "Lima Souza"},
    }
    # and PayPal, with no address to write to, waits for staff
    assert _told(opened) == {
        "stripe": ("rectification", "done"),
        "mailchimp": ("rectification", "done"),
        "paypal": ("rectification", "sent"),
    }


def test_dsr09_a_recipient_is_told_only_the_values_of_the_data_it_received(
    ana,
    request_factory,
    run_tasks,
    processors,  # noqa: F811
):
    # given Ana is a Stripe customer
    processors.customers["cus_ana"] = EMAIL
    opened = _opened(request_factory, ana, "rectification")
    # when her name and phone number are corrected
    _correct(run_tasks, opened, full_name="Ana Souza", phone="+44 20 7946 0999")
    # then Stripe, which never received her phone number, is sent the name only
    (update,) = [
        c for c in processors.calls if c[:2] == ("POST", "/v1/customers/cus_ana")
    ]
    assert update[2] == {"name": ["Ana Souza"]}


def test_dsr09_a_correction_no_recipient_received_is_passed_to_no_one(
    ana,
    request_factory,
    run_tasks,
    processors,  # noqa: F811
    mailoutbox,
):
    # given Ana's verified rectification request
    opened = _opened(request_factory, ana, "rectification")
    # when only her phone number is corrected (no recipient received it)
    _correct(run_tasks, opened, phone="+44 20 7946 0999")
    # then no recipient is asked, nothing is kept to pass on, and her letter says so
    assert _told(opened) == {}
    assert processors.calls == []
    assert Request.objects.get(pk=opened.id).passed_on is None
    assert "We are also telling" not in mailoutbox[-1].body


def test_dsr09_the_requester_is_told_which_recipients_are_told(
    ana,
    request_factory,
    run_tasks,
    processors,  # noqa: F811
    mailoutbox,
):
    # given Ana's verified rectification request
    opened = _opened(request_factory, ana, "rectification")
    # when her name is corrected
    _correct(run_tasks, opened, full_name="Ana Souza")
    # then her letter names the recipients told, and the request is answered
    letter = next(m for m in mailoutbox if "data is corrected" in m.subject)
    assert (
        "We are also telling those who received these details from us to correct "
        "them:\nStripe, PayPal, Mailchimp (Intuit)."
    ) in letter.body
    assert Request.objects.get(pk=opened.id).state == "completed"


def test_dsr09_a_declared_contact_gets_the_corrected_values_with_a_reference(
    settings,
    tmp_path,
    ana,
    request_factory,
    run_tasks,
    processors,  # noqa: F811
    staff,
    mailoutbox,
):
    # given a policy naming PayPal's privacy address
    _paypal_writes_to(settings, tmp_path, "privacy@paypal.example")
    opened = _opened(request_factory, ana, "rectification")
    # when Ana's name is corrected (to one an HTML page would escape)
    _correct(run_tasks, opened, full_name="Ana O'Brien & Souza")
    # then PayPal got a letter naming her address, the corrected name and a reference
    letter = next(m for m in mailoutbox if m.to == ["privacy@paypal.example"])
    assert letter.subject.startswith("Correction of personal data (Arts. 16, 19 GDPR)")
    reference = letter.subject.rsplit(" ", 1)[1]
    assert EMAIL in letter.body
    assert "- name: Ana O'Brien & Souza\n" in letter.body
    assert reference in letter.body
    # and once staff attest PayPal's answer, the corrected values are forgotten
    paypal = Propagation.objects.get(request_id=opened.id, recipient="paypal")
    assert Request.objects.get(pk=opened.id).passed_on is not None
    propagation_attest(
        propagation_id=paypal.pk,
        staff_id=staff.pk,
        attestation="PayPal confirmed",
        reference=reference,
    )
    assert Request.objects.get(pk=opened.id).passed_on is None
    assert Propagation.objects.get(pk=paypal.pk).state == "attested"


def test_prc06_a_restriction_unsubscribes_the_mailchimp_member_and_reaches_others(
    ana,
    request_factory,
    run_tasks,
    processors,  # noqa: F811
    mailoutbox,
):
    # given Ana is on the Mailchimp list
    processors.members.add(MEMBER)
    opened = _opened(request_factory, ana, "restriction")
    # when all her data is restricted
    run_tasks(restriction_request_fulfil, request_id=opened.id, actor=SYSTEM)
    # then Mailchimp keeps her but sends her nothing; Stripe and PayPal wait for
    # staff, since neither has an API or an address for it
    assert processors.patched[MEMBER] == {"status": "unsubscribed"}
    assert MEMBER in processors.members
    assert _told(opened) == {
        "stripe": ("restriction", "sent"),
        "mailchimp": ("restriction", "done"),
        "paypal": ("restriction", "sent"),
    }
    assert "Stripe, PayPal, Mailchimp (Intuit)." in mailoutbox[-1].body


def test_dsr11_a_restriction_of_some_categories_reaches_only_their_recipients(
    settings,
    tmp_path,
    ana,
    request_factory,
    run_tasks,
    processors,  # noqa: F811
    mailoutbox,
):
    # given a policy naming PayPal's privacy address
    _paypal_writes_to(settings, tmp_path, "privacy@paypal.example")
    opened = _opened(request_factory, ana, "restriction")
    # when only her payment data is restricted
    run_tasks(
        restriction_request_fulfil,
        request_id=opened.id,
        actor=SYSTEM,
        categories=["user.payment"],
    )
    # then only the recipients of payment data are told, Mailchimp is not
    assert _told(opened) == {
        "stripe": ("restriction", "sent"),
        "paypal": ("restriction", "sent"),
    }
    letter = next(m for m in mailoutbox if m.to == ["privacy@paypal.example"])
    assert "restricted the processing\nof these details of theirs: Payment" in (
        letter.body
    )


def test_a_failing_recipient_keeps_what_it_needs_and_is_retried(
    ana,
    request_factory,
    run_tasks,
    processors,  # noqa: F811
):
    # given Mailchimp answers 500
    processors.members.add(MEMBER)
    processors.status = 500
    opened = _opened(request_factory, ana, "rectification")
    _correct(run_tasks, opened, full_name="Ana Souza")
    mailchimp = Propagation.objects.get(request_id=opened.id, recipient="mailchimp")
    assert (mailchimp.state, mailchimp.last_error) == (
        "failed",
        "Mailchimp: HTTP 500 Forced",
    )
    # when Mailchimp answers again and the task is retried
    processors.status = None
    propagation_run(propagation_id=mailchimp.pk)
    # then the correction reaches it
    assert Propagation.objects.get(pk=mailchimp.pk).state == "done"
    assert processors.patched[MEMBER]["merge_fields"] == {
        "FNAME": "Ana",
        "LNAME": "Souza",
    }


def test_a_correction_still_waiting_when_the_person_is_erased_is_superseded(
    ana,
    request_factory,
    run_tasks,
    processors,  # noqa: F811
):
    # given a correction Mailchimp could not take yet
    processors.members.add(MEMBER)
    processors.status = 500
    corrected = _opened(request_factory, ana, "rectification")
    _correct(run_tasks, corrected, full_name="Ana Souza")
    processors.status = None
    asked = len(processors.calls)
    # when Ana is erased before the retry
    erased = _opened(request_factory, ana, "erasure")
    run_tasks(erasure_start, request_id=erased.id, actor=SYSTEM)
    mailchimp = Propagation.objects.get(request_id=corrected.id, recipient="mailchimp")
    propagation_run(propagation_id=mailchimp.pk)
    # then the correction is not sent (its values were shredded with her key);
    # the erasure deleted her at Mailchimp instead
    assert Propagation.objects.get(pk=mailchimp.pk).state == "superseded"
    assert not any(call[0] == "PATCH" for call in processors.calls[asked:])
    assert MEMBER not in processors.members


def test_passing_on_is_audited_with_keys_never_values(
    ana,
    request_factory,
    run_tasks,
    processors,  # noqa: F811
):
    # given Ana is a Stripe customer
    processors.customers["cus_ana"] = EMAIL
    opened = _opened(request_factory, ana, "rectification")
    # when her name is corrected
    _correct(run_tasks, opened, full_name="Ana Souza")
    # then each recipient's part is in the audit log, without the new name
    told = AuditEvent.objects.filter(action="rights.recipient_told")
    assert sorted(e.details["recipient"] for e in told) == [
        "mailchimp",
        "paypal",
        "stripe",
    ]
    assert {e.details["passed_on"] for e in told} == {"rectification"}
    completed = AuditEvent.objects.get(action="rights.rectification_completed")
    assert completed.details["recipients"] == ["stripe", "paypal", "mailchimp"]
    assert "Souza" not in str([e.details for e in AuditEvent.objects.all()])


def test_the_daily_command_asks_a_failed_recipient_again_until_it_answers(
    ana,
    request_factory,
    run_tasks,
    processors,  # noqa: F811
):
    # given Stripe and Mailchimp were down when Ana's name was corrected
    processors.members.add(MEMBER)
    processors.status = 503
    opened = _opened(request_factory, ana, "rectification")
    _correct(run_tasks, opened, full_name="Ana Souza")
    processors.status = None
    out = StringIO()
    # when the daily command runs (the task worker runs what it queues)
    run_tasks(call_command, command_name="rights_remind", stdout=out)
    # then both were asked again and are done; nothing failed is left
    assert "Asked 2 recipient(s) again." in out.getvalue()
    assert _told(opened) == {
        "stripe": ("rectification", "done"),
        "mailchimp": ("rectification", "done"),
        "paypal": ("rectification", "sent"),
    }
    assert processors.patched[MEMBER]["merge_fields"]["LNAME"] == "Souza"
