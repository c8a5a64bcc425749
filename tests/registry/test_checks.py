"""The registry's start-up check: processors must report breaches in time (BR-04)."""

from __future__ import annotations

from django.core.checks import Warning, run_checks

from candid.registry.checks import check_processor_contracts

HOSTING = "contract: {dpa_signed_on: 2025-01-10, breach_notice_hours: 24}"


def test_cinetrum_processors_all_set_breach_notice_hours(db):
    # when
    found = [m for m in run_checks() if m.id == "candid.W800"]
    # then
    assert found == []


def test_a_processor_without_breach_notice_hours_warns_at_start_up(
    db, settings, tmp_path, cinetrum_source
):
    # given
    assert cinetrum_source.count(HOSTING) == 1
    policy = tmp_path / "policy.yaml"
    policy.write_text(
        cinetrum_source.replace(HOSTING, "contract: {dpa_signed_on: 2025-01-10}")
    )
    settings.CANDID_POLICY_FILE = policy
    # when
    found = check_processor_contracts()
    # then
    assert found == [
        Warning(
            "Processor 'hosting' has no contractual time for reporting a breach to "
            "the studio: its breach could reach the studio too late for the 72 hours "
            "to the authority (Art. 28(3)(f), 33(2); BR-04).",
            hint="Set recipients[hosting].contract.breach_notice_hours to the hours "
            "the signed agreement gives it, e.g. 24 or 48.",
            id="candid.W800",
        )
    ]


def test_an_unreadable_declaration_is_left_to_the_datamap_check(db, settings, tmp_path):
    # given
    policy = tmp_path / "broken.yaml"
    policy.write_text("not: [a, declaration")
    settings.CANDID_POLICY_FILE = policy
    # when
    found = check_processor_contracts()
    # then
    assert found == []


SECURITY_NOTICE = (
    '    - {key: security_notice, description: "Tells you about a new sign-in, a '
    'password change or a security incident."}\n'
)


def test_no_security_notice_message_warns_that_people_cannot_be_told_br_03(
    db, settings, tmp_path, cinetrum_source
):
    # given
    assert cinetrum_source.count(SECURITY_NOTICE) == 1
    policy = tmp_path / "policy.yaml"
    policy.write_text(cinetrum_source.replace(SECURITY_NOTICE, ""))
    settings.CANDID_POLICY_FILE = policy
    # when
    found = [m.id for m in check_processor_contracts()]
    # then
    assert found == ["candid.W801"]
