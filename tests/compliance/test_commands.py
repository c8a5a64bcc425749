from io import StringIO

from django.core.management import call_command
from django.core.management.base import CommandError

import pytest

from candid.compliance import report
from candid.compliance.results import CheckResult

PASS = CheckResult(name="Audit chain intact (SEC-07)", passed=True)
FAIL = CheckResult(
    name="No card numbers stored (SEC-02)",
    passed=False,
    details=("consent.Objection #3 field 'override_grounds'",),
)


def test_report_prints_each_check_with_the_records_that_failed():
    # when
    text = report.report_text([PASS, FAIL])
    # then
    assert text == (
        "[PASS] Audit chain intact (SEC-07)\n"
        "[FAIL] No card numbers stored (SEC-02)\n"
        "    consent.Objection #3 field 'override_grounds'\n"
        "1 passed, 1 failed."
    )


def test_audit_compliance_exits_0_when_every_check_passes(monkeypatch):
    # given
    monkeypatch.setattr(
        "candid.compliance.management.commands.audit_compliance.compliance_audit",
        lambda: [PASS],
    )
    out = StringIO()
    # when
    call_command("audit_compliance", stdout=out)
    # then
    assert out.getvalue() == "[PASS] Audit chain intact (SEC-07)\n1 passed, 0 failed.\n"


def test_audit_compliance_exits_1_when_a_check_fails(monkeypatch):
    # given
    monkeypatch.setattr(
        "candid.compliance.management.commands.audit_compliance.compliance_audit",
        lambda: [PASS, FAIL],
    )
    # when
    with pytest.raises(CommandError) as raised:
        call_command("audit_compliance", stdout=StringIO())
    # then
    assert raised.value.returncode == 1


def test_compliance_audit_runs_every_check_of_the_active_declaration(db):
    # when
    results = report.compliance_audit()
    # then
    assert [result.name for result in results] == [
        "No card numbers stored (SEC-02)",
        "Audit chain intact (SEC-07)",
        "Every model field annotated",
        "No marketing e-mail without consent at sending time (MKT-01)",
        "Every processor in use declared",
        "No data past its retention (RET-01, RET-02, RET-05)",
        "Every rights request answered in time (DSR-03, DSR-04, CA-02; Art. 12(3))",
        "Every recipient told of an erasure, correction or restriction in time "
        "(PRC-06, DSR-09, DSR-10, DSR-11; Art. 19)",
        "Every breach notified to the authority within 72 hours, or with reasons "
        "(BR-02)",
        "Every client told of each significant policy change (NOT-03)",
    ]
