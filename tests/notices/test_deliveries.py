"""One notice to many people: bounded, resumable, never twice (NOT-03, BR-03)."""

from __future__ import annotations

import datetime as dt
import smtplib
import uuid

import pytest

from candid.notices.deliveries import STALE_CLAIM, deliveries_send
from candid.notices.models import NoticeDelivery
from candid.notices.recipients import Recipient

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
PEOPLE = [
    Recipient(subject_id=uuid.UUID(int=n), address=f"p{n}@example.com")
    for n in range(1, 6)
]


def run(recipients, send, batch_size=2, now=NOW, skipped=None):
    return deliveries_send(
        topic="policy:2027.01",
        recipients=recipients,
        send=send,
        on_skipped=skipped,
        batch_size=batch_size,
        now=lambda: now,
    )


def test_each_person_is_sent_one_notice_across_batches():
    # given
    sent = []
    # when
    report = run(PEOPLE, sent.append)
    # then
    assert sent == PEOPLE
    assert (report.sent, report.total) == (5, 5)
    assert NoticeDelivery.objects.filter(state="sent").count() == 5


def test_a_second_run_sends_nothing():
    # given
    run(PEOPLE, lambda r: None)
    sent = []
    # when
    report = run(PEOPLE, sent.append)
    # then
    assert sent == []
    assert report.already == 5


def test_a_person_without_an_address_is_recorded_and_reported():
    # given
    nobody = Recipient(subject_id=uuid.UUID(int=9), address=None)
    skipped = []
    # when
    report = run([nobody], lambda r: None, skipped=lambda r, why: skipped.append(why))
    # then
    assert report.no_address == 1
    assert skipped == ["no_address"]
    assert NoticeDelivery.objects.get().state == "no_address"


def test_a_smtp_failure_is_retried_by_the_next_run():
    # given
    def refuse(recipient):
        raise smtplib.SMTPServerDisconnected("gone")

    first = run(PEOPLE[:1], refuse)
    sent = []
    # when
    second = run(PEOPLE[:1], sent.append)
    # then
    assert (first.failed, first.failed_subjects) == (1, [PEOPLE[0].subject_id])
    assert second.sent == 1
    assert sent == PEOPLE[:1]
    delivery = NoticeDelivery.objects.get()
    assert (delivery.state, delivery.attempts) == ("sent", 2)


def test_a_claim_left_by_a_crashed_sender_is_taken_over_once_stale():
    # given a sender claimed Ana and died before sending
    NoticeDelivery.objects.create(
        topic="policy:2027.01",
        subject_id=PEOPLE[0].subject_id,
        state="claimed",
        claimed_at=NOW,
    )
    sent = []
    # when
    run(PEOPLE[:1], sent.append, now=NOW + STALE_CLAIM / 2)
    fresh = list(sent)
    run(PEOPLE[:1], sent.append, now=NOW + STALE_CLAIM * 2)
    # then another run does not send while the claim may still be live
    assert fresh == []
    assert sent == PEOPLE[:1]
