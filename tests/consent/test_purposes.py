"""The purpose gate: declared purposes whose legal basis holds, and nothing else."""

from __future__ import annotations

import subprocess
import sys
import uuid

from django.utils import timezone

import pytest

from candid.consent import purposes
from candid.consent.exceptions import DenialReason, PurposeDenied
from candid.consent.generations import Generations
from candid.consent.models import ConsentEvent
from candid.consent.purposes import gate_reset, require_purpose
from candid.consent.rights import objection_record, restriction_start
from candid.consent.services import notice_acknowledge
from candid.datamap.models import Subject

pytestmark = pytest.mark.django_db


def denial(subject_id: object, purpose: str) -> PurposeDenied:
    with pytest.raises(PurposeDenied) as refused:
        require_purpose(subject_id, purpose)
    return refused.value


def test_a_granted_consent_allows_its_purpose_law03(subject_id, grant):
    # given
    grant(subject_id)

    # when
    allowed = require_purpose(subject_id, "marketing_email")

    # then
    assert allowed is None


def test_withdrawn_consent_is_refused_by_the_very_next_check_law04(
    subject_id, grant, withdraw
):
    # given
    grant(subject_id)
    require_purpose(subject_id, "marketing_email")

    # when
    withdraw(subject_id)

    # then
    refused = denial(subject_id, "marketing_email")
    assert refused.reason == DenialReason.CONSENT_WITHDRAWN
    assert str(refused) == (
        f"Purpose 'marketing_email' is denied for subject {subject_id}: the purpose "
        "rests on consent and the subject withdrew it (consent_withdrawn)."
    )


def test_silence_is_not_consent(subject_id):
    # when
    refused = denial(subject_id, "marketing_email")

    # then
    assert (refused.purpose, refused.reason) == ("marketing_email", "no_consent")


def test_an_undeclared_purpose_is_refused_law07(subject_id):
    # when
    refused = denial(subject_id, "selling_lists")

    # then
    assert str(refused) == (
        f"Purpose 'selling_lists' is denied for subject {subject_id}: the policy in "
        "force does not declare this purpose (undeclared)."
    )


def test_a_contract_purpose_is_allowed_without_consent(subject_id):
    assert require_purpose(subject_id, "order_fulfilment") is None


def test_a_legitimate_interests_purpose_is_allowed_until_the_subject_objects_law02(
    subject_id,
):
    # given
    require_purpose(subject_id, "fraud_prevention")

    # when
    objection_record(subject_id=subject_id, purpose="fraud_prevention")

    # then
    assert denial(subject_id, "fraud_prevention").reason == DenialReason.OBJECTION


def test_an_objection_to_marketing_stops_it_despite_consent_dsr12(subject_id, grant):
    # given
    grant(subject_id)

    # when
    objection_record(subject_id=subject_id, purpose="marketing_email")

    # then
    assert denial(subject_id, "marketing_email").reason == DenialReason.OBJECTION


def test_a_restriction_blocks_contract_use_but_not_a_legal_obligation_dsr11(
    subject_id,
):
    # when
    restriction_start(subject_id=subject_id)

    # then
    assert denial(subject_id, "order_fulfilment").reason == DenialReason.RESTRICTION
    assert require_purpose(subject_id, "legal_compliance") is None


def test_a_restriction_leaves_consented_uses_alone_dsr11(subject_id, grant):
    # given
    grant(subject_id)

    # when
    restriction_start(subject_id=subject_id)

    # then
    assert require_purpose(subject_id, "marketing_email") is None


def test_a_restriction_of_some_categories_blocks_only_purposes_using_them_dsr11(
    subject_id,
):
    # when
    restriction_start(subject_id=subject_id, categories=["user.device.ip_address"])

    # then
    assert denial(subject_id, "fraud_prevention").reason == DenialReason.RESTRICTION
    assert require_purpose(subject_id, "order_fulfilment") is None


def test_a_restriction_ending_at_a_known_time_stops_blocking_then(subject_id):
    # given: a restriction that ended a moment after it began
    start = timezone.now() - timezone.timedelta(minutes=5)
    restriction_start(
        subject_id=subject_id,
        active_to=start + timezone.timedelta(minutes=1),
        now=start,
    )

    # then
    assert require_purpose(subject_id, "order_fulfilment") is None


def test_a_policy_acknowledgement_is_never_consent_law06(subject_id):
    # given
    notice_acknowledge(
        subject_id=subject_id, surface="sign_up", text="I have read the policy."
    )

    # when
    refused = denial(subject_id, "marketing_email")

    # then
    assert refused.reason == DenialReason.NO_CONSENT
    assert ConsentEvent.objects.count() == 0


def test_an_unknown_subject_is_refused_every_purpose():
    # when
    refused = denial(uuid.uuid4(), "order_fulfilment")

    # then
    assert refused.reason == DenialReason.UNKNOWN_SUBJECT


@pytest.mark.parametrize("unusable", [None, "", "not-a-uuid", 42])
def test_an_unusable_subject_id_is_refused(unusable):
    # when
    refused = denial(unusable, "order_fulfilment")

    # then
    assert (refused.subject_id, refused.reason) == (None, "unknown_subject")


def test_a_subject_id_given_as_text_is_checked_like_a_uuid(subject_id):
    assert require_purpose(str(subject_id), "order_fulfilment") is None


def test_an_erased_subject_is_refused_all_but_legal_obligations(subject_id):
    # when
    Subject.objects.filter(id=subject_id).update(erased_at=timezone.now())

    # then
    assert denial(subject_id, "order_fulfilment").reason == "subject_erased"
    assert require_purpose(subject_id, "legal_compliance") is None


def test_a_warm_check_reads_nothing_from_the_database(
    subject_id, grant, django_assert_num_queries
):
    # given
    grant(subject_id)
    require_purpose(subject_id, "marketing_email")

    # then
    with django_assert_num_queries(0):
        require_purpose(subject_id, "marketing_email")


def test_a_withdrawal_in_another_process_is_seen_by_the_next_check_here(
    subject_id, grant, settings
):
    # given: the decision is cached here, then another process's withdrawal is
    # committed (its row written without this process's services)
    grant(subject_id)
    require_purpose(subject_id, "marketing_email")
    event = ConsentEvent.objects.get()
    ConsentEvent.objects.create(
        subject_id=subject_id,
        purpose="marketing_email",
        action="withdrawn",
        policy_version=event.policy_version,
        text_sha256=event.text_sha256,
        surface="unsubscribe_link",
        mechanism="button",
    )

    # when: that process bumps the shared counter, as its service does on commit
    bump = (
        "import sys, uuid; from pathlib import Path; "
        "from candid.consent.generations import Generations; "
        "Generations(Path(sys.argv[1])).bump_subject(uuid.UUID(sys.argv[2]))"
    )
    subprocess.run(  # noqa: S603
        [sys.executable, "-c", bump, str(settings.CANDID_CONSENT_GENERATION_FILE)]
        + [str(subject_id)],
        check=True,
    )

    # then
    assert denial(subject_id, "marketing_email").reason == "consent_withdrawn"


def test_a_subject_in_another_bucket_keeps_its_cached_decision(subject_id, settings):
    # given
    require_purpose(subject_id, "order_fulfilment")
    cached = purposes._gate.entries[subject_id.int]
    other = uuid.UUID(int=subject_id.int ^ 1)

    # when
    Generations(settings.CANDID_CONSENT_GENERATION_FILE).bump_subject(other)
    require_purpose(subject_id, "order_fulfilment")

    # then
    assert purposes._gate.entries[subject_id.int] is cached


def test_a_published_policy_version_reaches_the_next_check(subject_id, cinetrum_source):
    from candid.notices.services import policy_publish

    # given
    require_purpose(subject_id, "customer_support")

    # when: a version that renamed the purpose comes into force
    policy_publish(
        source=cinetrum_source.replace('version: "2026.11"', 'version: "2026.11.2"')
        .replace("effective_date: 2026-11-01", "effective_date: 2026-11-20")
        .replace("customer_support", "support")
    )

    # then
    assert denial(subject_id, "customer_support").reason == DenialReason.UNDECLARED
    assert require_purpose(subject_id, "support") is None


def test_a_cached_decision_expires_after_the_configured_time(
    subject_id, settings, monkeypatch
):
    # given
    settings.CANDID_CONSENT_GATE_SECONDS = 60
    require_purpose(subject_id, "order_fulfilment")
    cached = purposes._gate.entries[subject_id.int]
    clock = purposes._monotonic()

    # when
    monkeypatch.setattr(purposes, "_monotonic", lambda: clock + 61)
    require_purpose(subject_id, "order_fulfilment")

    # then
    assert purposes._gate.entries[subject_id.int] is not cached


def test_the_oldest_cached_subject_makes_room_for_a_new_one(settings):
    # given
    settings.CANDID_CONSENT_GATE_SIZE = 2
    first, second, third = (Subject.objects.create().id for _ in range(3))

    # when
    for subject_id in (first, second, third):
        require_purpose(subject_id, "order_fulfilment")

    # then
    assert list(purposes._gate.entries) == [second.int, third.int]


def test_resetting_the_gate_forgets_every_cached_decision(subject_id):
    # given
    require_purpose(subject_id, "order_fulfilment")

    # when
    gate_reset()

    # then
    assert purposes._gate.entries == {}


def test_a_cached_decision_expires_when_a_restriction_ends(subject_id, settings):
    # given
    settings.CANDID_CONSENT_GATE_SECONDS = 7200
    restriction_start(
        subject_id=subject_id, active_to=timezone.now() + timezone.timedelta(hours=1)
    )

    # when
    denial(subject_id, "order_fulfilment")

    # then
    entry = purposes._gate.entries[subject_id.int]
    assert 3500 < entry.expires - purposes._monotonic() <= 3600


def test_changing_an_unrelated_setting_keeps_cached_decisions(subject_id, settings):
    # given
    require_purpose(subject_id, "order_fulfilment")

    # when
    settings.CANDID_BASE_URL = "https://elsewhere.test"

    # then
    assert list(purposes._gate.entries) == [subject_id.int]


def test_changing_the_policy_file_forgets_cached_decisions(subject_id, settings):
    # given
    require_purpose(subject_id, "order_fulfilment")

    # when
    settings.CANDID_POLICY_FILE = settings.CANDID_POLICY_FILE

    # then
    assert purposes._gate.entries == {}
