"""Answering a request passes the purpose gate under the declared records purpose.

Every use of personal data passes `require_purpose`; a request's answer is used
under `rights.records_purpose`, a legal obligation, so it still works after a
restriction or an objection (Art. 18(2), 21(1); DSR-11, DSR-12, DSR-14), and a
request about a person the studio has no record of is refused with nothing done.
"""

from __future__ import annotations

import uuid

import pytest

from candid.audit.models import AuditEvent
from candid.consent.exceptions import PurposeDenied
from candid.consent.purposes import require_purpose
from candid.rights.exceptions import TransitionRefused
from candid.rights.exports import access_export_build
from candid.rights.models import ErasureJob, Request
from candid.rights.services.erasure import erasure_start
from candid.rights.services.rectification import rectification_apply
from candid.rights.services.restriction import (
    objection_request_fulfil,
    restriction_request_fulfil,
)
from tests.rights.conftest import SYSTEM


def _request(request_factory, subject_id, request_type):
    return request_factory(
        request_type=request_type,
        subject_id=subject_id,
        channel="account",
        verified_by="password",
    )


def test_dsr11_a_restricted_client_still_gets_their_export_and_corrections(
    account_factory, request_factory
):
    # given Ana's data restricted in full, so contract purposes stop
    ana = account_factory(full_name="Ana Lima")
    restricting = _request(request_factory, ana.subject_id, "restriction")
    restriction_request_fulfil(request_id=restricting.id, actor=SYSTEM)
    with pytest.raises(PurposeDenied):
        require_purpose(ana.subject_id, "customer_support")
    # when she asks for her data and a correction
    export = access_export_build(subject_id=ana.subject_id)
    correcting = _request(request_factory, ana.subject_id, "rectification")
    changed = rectification_apply(
        request_id=correcting.id, changes={"full_name": "Ana Lima Costa"}, actor=SYSTEM
    )
    # then both are answered, under the legal obligation to answer them
    assert "Ana Lima" in str(export["data"])
    assert changed == ["full_name"]
    require_purpose(ana.subject_id, "privacy_records")


def test_dsr12_an_upheld_objection_does_not_stop_the_next_request(
    account_factory, request_factory
):
    # given an upheld objection to every purpose Ana may object to
    ana = account_factory()
    objecting = _request(request_factory, ana.subject_id, "objection")
    objection_request_fulfil(
        request_id=objecting.id, purposes=["fraud_prevention"], actor=SYSTEM
    )
    # when she then asks for her data to be erased
    job = erasure_start(
        request_id=_request(request_factory, ana.subject_id, "erasure").id,
        actor=SYSTEM,
    )
    # then the erasure goes ahead
    assert job.subject_id == ana.subject_id


def test_a_request_about_a_person_the_studio_has_no_record_of_erases_nothing(
    request_factory,
):
    # given a verified erasure request whose subject the studio has no record of
    opened = _request(request_factory, uuid.uuid4(), "erasure")
    # when staff start the erasure
    with pytest.raises(TransitionRefused, match="privacy_records.*unknown_subject"):
        erasure_start(request_id=opened.id, actor=SYSTEM)
    # then nothing changed
    assert not ErasureJob.objects.exists()
    assert Request.objects.get(pk=opened.id).state == opened.state


def test_an_export_of_a_person_the_studio_has_no_record_of_reads_nothing(db):
    with pytest.raises(TransitionRefused, match="privacy_records"):
        access_export_build(subject_id=uuid.uuid4())


def test_a_correction_for_a_person_the_studio_has_no_record_of_changes_nothing(
    request_factory,
):
    opened = _request(request_factory, uuid.uuid4(), "rectification")
    with pytest.raises(TransitionRefused, match="privacy_records"):
        rectification_apply(
            request_id=opened.id, changes={"full_name": "Someone"}, actor=SYSTEM
        )
    assert Request.objects.get(pk=opened.id).state == opened.state
    assert not AuditEvent.objects.filter(
        action="rights.rectification_completed"
    ).exists()
