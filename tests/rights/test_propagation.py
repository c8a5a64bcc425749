"""Erasure passed on to every recipient; the request closes only when all are done.

Stripe and Mailchimp answer from local stand-ins (tests/rights/standins.py); other
recipients get a letter with a reference that a named staff member attests
(Art. 17(2), 19; CCPA reg §7022(b); DSR-10, PRC-06).
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest

from candid.audit.models import AuditEvent
from candid.rights import hooks
from candid.rights.exceptions import RightsError, TransitionRefused
from candid.rights.models import ErasureJob, Propagation, Request
from candid.rights.services.erasure import erasure_start
from candid.rights.services.propagation import propagation_attest, propagation_run
from tests.rights.conftest import POLICIES, SYSTEM
from tests.rights.standins import processors  # noqa: F401 - fixture

EMAIL = "ana@example.com"
MEMBER = hashlib.md5(EMAIL.encode(), usedforsecurity=False).hexdigest()


@pytest.fixture
def erase(account_factory, request_factory, django_capture_on_commit_callbacks):
    """Erase Ana, running the queued tasks; return her erasure job."""

    def run():
        ana = account_factory(EMAIL)
        opened = request_factory(
            request_type="erasure",
            subject_id=ana.subject_id,
            channel="account",
            verified_by="password",
        )
        with django_capture_on_commit_callbacks(execute=True):
            job = erasure_start(request_id=opened.id, actor=SYSTEM)
        return ErasureJob.objects.get(pk=job.pk)

    return run


def _state(job: ErasureJob, recipient: str) -> Propagation:
    return Propagation.objects.get(job=job, recipient=recipient)


def test_prc06_stripe_customers_with_the_address_are_deleted(erase, processors):  # noqa: F811
    # given Ana is a Stripe customer
    processors.customers.update({"cus_ana": EMAIL, "cus_bruno": "bruno@example.com"})
    # when she is erased
    job = erase()
    # then her customer, and only hers, is deleted through the API
    assert ("DELETE", "/v1/customers/cus_ana", {}) in processors.calls
    assert processors.customers == {"cus_bruno": "bruno@example.com"}
    assert _state(job, "stripe").state == "done"


def test_prc06_customer_ids_a_studio_app_provides_are_deleted_too(erase, processors):  # noqa: F811
    # given the shop knows a customer id the address search would not find
    processors.customers["cus_other_address"] = "old@example.com"

    def provider(subject_id):
        return {"stripe": ["cus_other_address"]}

    hooks.erasure_handle_provider(provider)
    try:
        job = erase()
    finally:
        hooks._registry.handle_providers.remove(provider)
    # then that customer is deleted as well
    assert processors.customers == {}
    assert _state(job, "stripe").state == "done"


def test_prc06_the_mailchimp_member_is_deleted_permanently(erase, processors):  # noqa: F811
    # given Ana is on the Mailchimp list
    processors.members.add(MEMBER)
    # when she is erased
    job = erase()
    # then the delete-permanent endpoint was called for her, with the API key
    path = f"/3.0/lists/list1/members/{MEMBER}/actions/delete-permanent"
    assert ("POST", path, {}) in processors.calls
    assert processors.members == set()
    key = base64.b64encode(b"candid:standin-us1").decode()
    assert f"Basic {key}" in processors.authorizations
    assert _state(job, "mailchimp").state == "done"


def test_prc06_a_failing_processor_is_retried_and_the_request_waits(
    erase,
    processors,  # noqa: F811
    staff,
):
    # given Mailchimp answers 500 during the erasure
    processors.status = 500
    job = erase()
    failed = _state(job, "mailchimp")
    # then the failure is recorded with its status only, and the request stays open
    assert (failed.state, failed.attempts) == ("failed", 1)
    assert failed.last_error == "Mailchimp: HTTP 500 Forced"
    assert AuditEvent.objects.filter(action="rights.propagation_failed").count() == 2
    propagation_attest(
        propagation_id=_state(job, "paypal").pk, staff_id=staff.pk, attestation="ok"
    )
    assert Request.objects.get(pk=job.request_id).state == "in_progress"
    # when Mailchimp and Stripe answer again and both are retried
    processors.status = None
    for recipient in ("mailchimp", "stripe"):
        propagation_run(propagation_id=_state(job, recipient).pk)
    # then the request is completed
    assert _state(job, "mailchimp").state == "done"
    assert Request.objects.get(pk=job.request_id).state == "completed"


def test_dsr10_the_request_stays_open_until_the_letter_is_attested(
    erase,
    processors,  # noqa: F811
    staff,
    mailoutbox,
):
    # given Stripe and Mailchimp are done and PayPal was written to
    job = erase()
    letter = _state(job, "paypal")
    assert letter.state == "sent"
    assert Request.objects.get(pk=job.request_id).state == "in_progress"
    # when staff attest PayPal's answer
    propagation_attest(
        propagation_id=letter.pk,
        staff_id=staff.pk,
        attestation="PayPal replied 3 March",
    )
    # then the request closes and Ana is told
    assert Request.objects.get(pk=job.request_id).state == "completed"
    assert mailoutbox[-1].to == [EMAIL]
    assert "PayPal" in mailoutbox[-1].body


@pytest.mark.parametrize(
    ("attestation", "reference", "message"),
    [
        (" ", "", "Say how the recipient confirmed it."),
        (
            "They said so",
            "not-the-reference",
            "That reference is not the one this recipient was sent.",
        ),
    ],
)
def test_an_attestation_without_words_or_with_a_wrong_reference_changes_nothing(
    erase,
    processors,  # noqa: F811
    staff,
    attestation,
    reference,
    message,
):
    # given PayPal was written to
    letter = _state(erase(), "paypal")
    # when staff attest without saying how, or quoting another reference
    with pytest.raises(RightsError) as refused:
        propagation_attest(
            propagation_id=letter.pk,
            staff_id=staff.pk,
            attestation=attestation,
            reference=reference,
        )
    # then it is refused and nothing changed
    assert str(refused.value) == message
    assert Propagation.objects.get(pk=letter.pk).state == "sent"


def test_a_finished_recipient_cannot_be_attested_again(erase, processors, staff):  # noqa: F811
    # given Stripe is done
    done = _state(erase(), "stripe")
    # when staff try to attest it
    with pytest.raises(TransitionRefused):
        propagation_attest(propagation_id=done.pk, staff_id=staff.pk, attestation="x")
    # then it stays done, unattested
    assert Propagation.objects.get(pk=done.pk).attested_by_id is None


def test_a_declared_erasure_address_gets_a_letter_with_its_reference(
    settings,
    tmp_path,
    erase,
    processors,  # noqa: F811
    staff,
    mailoutbox,
):
    # given a policy naming PayPal's erasure address
    source = (POLICIES / "cinetrum-studio.yaml").read_text()
    source = source.replace(
        "erasure_contact: PayPal (Europe) S.à r.l. et Cie, S.C.A., data protection team",
        "erasure_contact: privacy@paypal.example",
    )
    policy = Path(tmp_path / "policy.yaml")
    policy.write_text(source)
    settings.CANDID_POLICY_FILE = policy
    # when Ana is erased
    job = erase()
    # then PayPal got a letter naming her address and a reference
    letter = next(m for m in mailoutbox if m.to == ["privacy@paypal.example"])
    reference = letter.subject.rsplit(" ", 1)[1]
    assert EMAIL in letter.body
    assert reference in letter.body
    # and attesting with that reference closes the request
    propagation_attest(
        propagation_id=_state(job, "paypal").pk,
        staff_id=staff.pk,
        attestation="PayPal confirmed",
        reference=reference,
    )
    assert Request.objects.get(pk=job.request_id).state == "completed"


def test_an_erasure_closes_even_if_staff_marked_the_request_answered_early(
    erase,
    processors,  # noqa: F811
    staff,
    mailoutbox,
):
    # given an erasure waiting for PayPal, whose request staff marked answered
    from candid.rights.services import request_complete

    job = erase()
    request_complete(request=Request.objects.get(pk=job.request_id), actor=SYSTEM)
    # when PayPal's answer is attested
    propagation_attest(
        propagation_id=_state(job, "paypal").pk, staff_id=staff.pk, attestation="ok"
    )
    # then the erasure closes and the requester is told
    assert ErasureJob.objects.get(pk=job.pk).stage == "closed"
    assert mailoutbox[-1].to == [EMAIL]
