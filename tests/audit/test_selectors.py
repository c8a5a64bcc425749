"""Reading a subject's audit events (DSR-07)."""

import pytest

from candid.audit.exceptions import AuditEntryInvalid
from candid.audit.selectors import audit_events_for_subject
from tests.audit.conftest import OTHER_SUBJECT, SUBJECT

pytestmark = pytest.mark.django_db


def test_a_subjects_events_are_theirs_only_oldest_first(record):
    # given
    record()
    record(subject_id=OTHER_SUBJECT)
    record(subject_id=None)
    record(purpose="order_fulfilment")

    # when
    found = audit_events_for_subject(str(SUBJECT))

    # then
    assert [(e.sequence, e.purpose) for e in found] == [
        (1, "customer_support"),
        (4, "order_fulfilment"),
    ]


def test_a_malformed_subject_id_is_refused_before_any_query(
    django_assert_num_queries,
):
    # when
    with django_assert_num_queries(0), pytest.raises(AuditEntryInvalid) as refused:
        audit_events_for_subject("ada@example.com")

    # then
    assert str(refused.value) == "subject_id must be a subject's UUID"
