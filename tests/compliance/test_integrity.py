from django.core.checks import Error

from candid.audit.models import AuditChainHead
from candid.compliance import integrity
from candid.compliance.integrity import check_annotations, check_audit_chain
from candid.compliance.results import CheckResult

from .conftest import NOON

CHAIN = "Audit chain intact (SEC-07)"
ANNOTATIONS = "Every model field annotated"


def test_an_intact_audit_chain_passes_sec_07(marketing_sent):
    # given
    marketing_sent(NOON)
    # when
    result = check_audit_chain()
    # then
    assert result == CheckResult(
        name=CHAIN,
        passed=True,
        details=("Audit chain intact: 1 events verified, up to #1.",),
    )


def test_a_broken_audit_chain_fails_sec_07_naming_the_first_broken_event(
    marketing_sent,
):
    # given the chain head deleted by someone with database access
    marketing_sent(NOON)
    AuditChainHead.objects.all().delete()
    # when
    result = check_audit_chain()
    # then
    assert result.passed is False
    assert result.details == (
        "Audit chain broken at event #1 (unanchored): the chain head is missing "
        "while events exist. 0 events before it verified.",
    )


def test_a_fully_annotated_data_map_passes(monkeypatch):
    # given
    monkeypatch.setattr(integrity, "check_data_map", lambda: [])
    # when
    result = check_annotations()
    # then
    assert result == CheckResult(name=ANNOTATIONS, passed=True)


def test_an_unannotated_field_fails_naming_the_check_error(monkeypatch):
    # given the data map check finds a field without annotation
    error = Error("bookings.Booking.note is not annotated.", id="candid.E001")
    monkeypatch.setattr(integrity, "check_data_map", lambda: [error])
    # when
    result = check_annotations()
    # then
    assert result == CheckResult(
        name=ANNOTATIONS,
        passed=False,
        details=("candid.E001: bookings.Booking.note is not annotated.",),
    )
