"""Recording consent decisions and acknowledgements (LAW-03, LAW-04, LAW-06)."""

from __future__ import annotations

import datetime as dt
import uuid

from django.utils import timezone

import pytest

from candid.audit.models import AuditEvent
from candid.consent.exceptions import ConsentError, PurposeDenied
from candid.consent.generations import Generations, subject_slot
from candid.consent.models import ConsentEvent, NoticeAcknowledgement
from candid.consent.purposes import require_purpose
from candid.consent.services import (
    consent_grant,
    consent_withdraw,
    consents_withdraw,
    notice_acknowledge,
    purpose_statement_digest,
)
from candid.datamap.models import Subject
from candid.notices.selectors import declaration_active
from candid.policy import text_digest

from .conftest import SHOWN

pytestmark = pytest.mark.django_db

WHEN = dt.datetime(2026, 11, 3, 8, 15, tzinfo=dt.UTC)


def test_a_grant_stores_every_fact_law03_asks_for(subject_id):
    # when
    consent_grant(
        subject_id=subject_id,
        purpose="marketing_email",
        surface="signup_form",
        mechanism="checkbox",
        text=SHOWN,
        now=WHEN,
    )

    # then
    event = ConsentEvent.objects.get()
    assert (
        event.subject_id,
        event.visitor_id,
        event.purpose,
        event.action,
        event.policy_version,
        event.text_sha256,
        event.surface,
        event.mechanism,
        event.gpc,
        event.created_at,
    ) == (
        subject_id,
        "",
        "marketing_email",
        "granted",
        "2026.11",
        text_digest(SHOWN),
        "signup_form",
        "checkbox",
        False,
        WHEN,
    )


def test_a_grant_may_carry_the_digest_instead_of_the_text(subject_id):
    # when
    consent_grant(
        subject_id=subject_id,
        purpose="analytics",
        surface="cookie_banner",
        mechanism="button",
        text_sha256=text_digest(SHOWN).upper(),
    )

    # then
    assert ConsentEvent.objects.get().text_sha256 == text_digest(SHOWN)


def test_consent_to_a_purpose_not_resting_on_consent_is_refused_and_nothing_recorded(
    subject_id,
):
    # when
    with pytest.raises(ConsentError) as refused:
        consent_grant(
            subject_id=subject_id,
            purpose="order_fulfilment",
            surface="checkout",
            mechanism="checkbox",
            text=SHOWN,
        )

    # then
    assert str(refused.value) == (
        "Purpose 'order_fulfilment' rests on contract, not consent: consent to it can "
        "be neither given nor withdrawn."
    )
    assert ConsentEvent.objects.count() == 0


def test_consent_to_an_undeclared_purpose_is_refused_and_nothing_recorded(subject_id):
    # when
    with pytest.raises(ConsentError) as refused:
        consent_withdraw(subject_id=subject_id, purpose="newsletter", surface="api")

    # then
    assert str(refused.value).startswith(
        "'newsletter' is not a purpose of the policy in force (2026.11); declared "
        "purposes: order_fulfilment, customer_support, "
    )
    assert ConsentEvent.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"surface": "popup"}, "Unknown surface 'popup'; use one of: cookie_banner, "),
        ({"mechanism": "scroll"}, "Unknown mechanism 'scroll'; use one of: checkbox, "),
        ({"mechanism": "gpc"}, "A Global Privacy Control signal can only refuse"),
        ({"text": "  "}, "The wording shown is empty"),
        ({"text": None}, "Give exactly one of text (the wording shown)"),
        ({"text_sha256": "ab" * 32}, "Give exactly one of text (the wording shown)"),
        ({"text": None, "text_sha256": "x" * 64}, "text_sha256 must be 64 hexadecimal"),
        ({"policy_version": "1999.1"}, "Policy version '1999.1' was never published"),
        ({"now": dt.datetime(2026, 11, 3)}, "Times must be timezone-aware."),  # noqa: DTZ001
        (
            {"visitor_id": "q3Jx0v8Kd1"},
            "Give exactly one of subject_id and visitor_id.",
        ),
        ({"subject_id": None}, "Give exactly one of subject_id and visitor_id."),
        ({"subject_id": "nobody"}, "'nobody' is not a subject id."),
        (
            {"subject_id": uuid.UUID(int=7)},
            f"No data subject {uuid.UUID(int=7)} is known.",
        ),
    ],
)
def test_a_grant_with_bad_input_is_refused_and_nothing_recorded(
    subject_id, changes, message
):
    # given
    arguments = {
        "subject_id": subject_id,
        "purpose": "marketing_email",
        "surface": "privacy_centre",
        "mechanism": "toggle",
        "text": SHOWN,
        **changes,
    }

    # when
    with pytest.raises(ConsentError) as refused:
        consent_grant(**arguments)

    # then
    assert str(refused.value).startswith(message)
    assert ConsentEvent.objects.count() == 0


def test_an_erased_subject_cannot_be_recorded_as_consenting(subject_id, grant):
    # given
    Subject.objects.filter(id=subject_id).update(erased_at=timezone.now())

    # when
    with pytest.raises(ConsentError) as refused:
        grant(subject_id)

    # then
    assert str(refused.value) == f"Data subject {subject_id} has been erased."
    assert ConsentEvent.objects.count() == 0


@pytest.mark.parametrize(
    "visitor_id", ["short", "has spaces in it", "x" * 65, 12345678]
)
def test_a_malformed_visitor_id_is_refused(visitor_id):
    with pytest.raises(ConsentError, match="A visitor id is the opaque id"):
        consent_withdraw(visitor_id=visitor_id, purpose="analytics", surface="api")


def test_a_grant_under_a_published_earlier_version_keeps_that_version(
    subject_id, grant, cinetrum_source
):
    from candid.notices.services import policy_publish

    # given: the version shown was followed by a newer one before the form came back
    policy_publish(source=cinetrum_source)
    policy_publish(
        source=cinetrum_source.replace(
            'version: "2026.11"', 'version: "2026.11.2"'
        ).replace("effective_date: 2026-11-01", "effective_date: 2026-11-20")
    )

    # when
    consent_grant(
        subject_id=subject_id,
        purpose="marketing_email",
        surface="privacy_centre",
        mechanism="toggle",
        text=SHOWN,
        policy_version="2026.11",
    )

    # then
    assert declaration_active().policy.version == "2026.11.2"
    assert ConsentEvent.objects.get().policy_version == "2026.11"


def test_withdrawal_needs_no_more_than_who_which_purpose_and_where_law04(subject_id):
    # when
    consent_withdraw(
        subject_id=subject_id, purpose="marketing_email", surface="unsubscribe_link"
    )

    # then
    event = ConsentEvent.objects.get()
    purpose = declaration_active().purpose("marketing_email")
    assert (event.action, event.mechanism, event.text_sha256) == (
        "withdrawn",
        "button",
        purpose_statement_digest(purpose),
    )


def test_an_erased_subjects_old_unsubscribe_link_still_withdraws(subject_id):
    # given
    Subject.objects.filter(id=subject_id).delete()

    # when
    consent_withdraw(
        subject_id=subject_id, purpose="marketing_email", surface="unsubscribe_link"
    )

    # then
    assert ConsentEvent.objects.get().subject_id == subject_id


def test_an_anonymous_visitors_refusal_is_recorded_under_the_cookie_id():
    # when
    consent_withdraw(visitor_id="q3Jx0v8Kd1_-", purpose="analytics", surface="api")

    # then
    event = ConsentEvent.objects.get()
    assert (event.subject_id, event.visitor_id) == (None, "q3Jx0v8Kd1_-")


def test_a_visitor_cannot_grant_sale_or_sharing_while_sending_gpc_ck05():
    # when
    with pytest.raises(ConsentError) as refused:
        consent_grant(
            visitor_id="q3Jx0v8Kd1_-",
            purpose="advertising",
            surface="cookie_banner",
            mechanism="button",
            text=SHOWN,
            gpc=True,
        )

    # then
    assert str(refused.value) == (
        "A Global Privacy Control signal refuses sale and sharing: consent to "
        "'advertising' cannot be recorded while it is present."
    )
    assert ConsentEvent.objects.count() == 0


def test_a_decision_moves_the_subjects_counter_now_and_again_on_commit(
    subject_id, grant, settings, django_capture_on_commit_callbacks
):
    # given
    counters = Generations(settings.CANDID_CONSENT_GENERATION_FILE)
    slot = subject_slot(subject_id.int)
    before = counters.slots[slot]

    # when
    with django_capture_on_commit_callbacks(execute=False) as on_commit:
        grant(subject_id)
    during = counters.slots[slot]
    for callback in on_commit:
        callback()

    # then
    assert (during - before, counters.slots[slot] - before) == (1, 2)


def test_withdrawing_several_consents_records_each_as_its_own_withdrawal_law03(
    subject_id, grant
):
    # given
    grant(subject_id, "marketing_email")
    grant(subject_id, "analytics")

    # when
    withdrawn = consents_withdraw(
        subject_id=subject_id,
        purposes=["marketing_email", "analytics", "marketing_email"],
        surface="staff",
    )

    # then
    declaration = declaration_active()
    rows = ConsentEvent.objects.filter(action="withdrawn").order_by("pk")
    assert [e.pk for e in withdrawn] == [e.pk for e in rows]
    assert [(e.purpose, e.surface, e.mechanism, e.text_sha256) for e in rows] == [
        (
            key,
            "staff",
            "button",
            purpose_statement_digest(declaration.purpose(key)),
        )
        for key in ("marketing_email", "analytics")
    ]
    assert len({e.created_at for e in rows}) == 1
    for key in ("marketing_email", "analytics"):
        with pytest.raises(PurposeDenied):
            require_purpose(subject_id, key)


def test_withdrawing_several_consents_audits_one_consecutive_event_each(
    subject_id, grant
):
    # given
    grant(subject_id, "marketing_email")
    grant(subject_id, "analytics")

    # when
    withdrawn = consents_withdraw(
        subject_id=subject_id,
        purposes=["analytics", "marketing_email"],
        surface="staff",
    )

    # then
    logged = list(
        AuditEvent.objects.filter(action="consent.withdrawn")
        .order_by("sequence")
        .values_list("sequence", "purpose", "object_references")
    )
    first = logged[0][0]
    assert logged == [
        (
            first + n,
            event.purpose,
            [{"model": "consent.ConsentEvent", "pk": str(event.pk)}],
        )
        for n, event in enumerate(withdrawn)
    ]


def test_withdrawing_several_consents_with_one_refused_purpose_records_none(
    subject_id, grant
):
    # given
    grant(subject_id, "marketing_email")
    before = AuditEvent.objects.count()

    # when
    with pytest.raises(ConsentError) as refused:
        consents_withdraw(
            subject_id=subject_id,
            purposes=["marketing_email", "order_fulfilment"],
            surface="staff",
        )

    # then
    assert str(refused.value).startswith("Purpose 'order_fulfilment' rests on contract")
    assert ConsentEvent.objects.filter(action="withdrawn").count() == 0
    assert AuditEvent.objects.count() == before
    assert require_purpose(subject_id, "marketing_email") is None


def test_withdrawing_no_consent_records_nothing(subject_id):
    # when
    withdrawn = consents_withdraw(subject_id=subject_id, purposes=[], surface="staff")

    # then
    assert (withdrawn, ConsentEvent.objects.count(), AuditEvent.objects.count()) == (
        [],
        0,
        0,
    )


def test_an_acknowledgement_is_stored_apart_as_notice_acknowledged_law06(subject_id):
    # when
    notice_acknowledge(
        subject_id=subject_id,
        surface="booking",
        text="I have read the privacy policy.",
        now=WHEN,
    )

    # then
    row = NoticeAcknowledgement.objects.get()
    assert (row.subject_id, row.policy_version, row.surface, row.created_at) == (
        subject_id,
        "2026.11",
        "booking",
        WHEN,
    )
    assert row.text_sha256 == text_digest("I have read the privacy policy.")
    assert ConsentEvent.objects.count() == 0


def test_an_acknowledgement_on_an_unknown_surface_is_refused(subject_id):
    with pytest.raises(ConsentError, match="Unknown surface 'footer'"):
        notice_acknowledge(subject_id=subject_id, surface="footer", text="Read.")
    assert NoticeAcknowledgement.objects.count() == 0
