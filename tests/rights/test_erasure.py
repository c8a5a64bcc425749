"""Erasure: the fast synchronous start, resumable batches, what the law keeps (DSR-10)."""

from __future__ import annotations

import re
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from candid.accounts.models import Address, ClientSession, StoredSession, User
from candid.audit.models import AuditEvent
from candid.bookings.models import Booking
from candid.consent.exceptions import PurposeDenied
from candid.consent.purposes import require_purpose
from candid.consent.selectors import consent_current_for
from candid.datamap.models import Subject
from candid.galleries.models import GalleryImage, PrintOrder
from candid.rights import hooks
from candid.rights.exceptions import TransitionRefused
from candid.rights.models import ErasureJob, Request
from candid.rights.services.erasure import erasure_run, erasure_start
from candid.vault.models import SubjectKey
from tests.rights.conftest import POLICIES, SYSTEM
from tests.rights.trace_seed import NAME, client_everywhere


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def erasure_request(account_factory, request_factory):
    """A client with data everywhere and their verified erasure request."""

    def make():
        seeded = client_everywhere(account_factory)
        opened = request_factory(
            request_type="erasure",
            subject_id=seeded.user.subject_id,
            channel="account",
            verified_by="password",
            contact_email=seeded.user.email,
        )
        return seeded, opened

    return make


def test_dsr10_start_ends_sign_in_withdraws_consent_and_destroys_the_key(
    erasure_request,
):
    # given a signed-in client who consented to marketing e-mail
    seeded, opened = erasure_request()
    subject_id = seeded.user.subject_id
    # when the erasure starts (its background part not yet run)
    job = erasure_start(request_id=opened.id, actor=SYSTEM)
    # then no session is left and the password is gone
    assert StoredSession.objects.filter(user=seeded.user).count() == 0
    assert ClientSession.objects.filter(user=seeded.user).count() == 0
    assert seeded.browser.get("/account/").status_code == 302
    assert User.objects.get(pk=seeded.user.pk).password == ""
    # and every consent is withdrawn, the gate refuses every purpose
    assert not any(state.granted for state in consent_current_for(subject_id).values())
    with pytest.raises(PurposeDenied):
        require_purpose(subject_id, "order_fulfilment")
    # and the key is destroyed: encrypted values read as nothing
    assert SubjectKey.objects.get(subject_id=subject_id).destroyed_at is not None
    assert Booking.objects.get(subject_id=subject_id).notes is None
    assert Subject.objects.get(pk=subject_id).erased_at is not None
    assert Request.objects.get(pk=opened.id).state == "in_progress"
    # and the worker records when the key went, as the key store says
    erasure_run(job_id=job.pk)
    destroyed_at = SubjectKey.objects.get(subject_id=subject_id).destroyed_at
    assert ErasureJob.objects.get(pk=job.pk).key_destroyed_at == destroyed_at
    assert AuditEvent.objects.get(action="vault.key_destroyed").occurred_at == (
        destroyed_at
    )


def test_dsr10_starting_twice_returns_the_same_erasure(erasure_request):
    # given an erasure already started
    _, opened = erasure_request()
    first = erasure_start(request_id=opened.id, actor=SYSTEM)
    # when it is started again
    again = erasure_start(request_id=opened.id, actor=SYSTEM)
    # then it is the same job, and one start was recorded
    assert again.pk == first.pk
    assert AuditEvent.objects.filter(action="rights.erasure_started").count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"request_type": "access"}, "A access request does not erase data."),
        ({}, "Verify the requester's identity first (DSR-05)."),
    ],
)
def test_an_unverified_or_other_request_erases_nothing(
    account_factory, request_factory, overrides, message
):
    # given a client and a request that is not a verified erasure
    ana = account_factory()
    values = {"request_type": "erasure", "subject_id": ana.subject_id, **overrides}
    if overrides:
        values.update(channel="account", verified_by="password")
    opened = request_factory(**values)
    # when staff try to erase
    with pytest.raises(TransitionRefused) as refused:
        erasure_start(request_id=opened.id, actor=SYSTEM)
    # then nothing changed
    assert str(refused.value) == message
    assert ErasureJob.objects.count() == 0
    assert SubjectKey.objects.get(subject_id=ana.subject_id).destroyed_at is None
    assert User.objects.get(pk=ana.pk).full_name == "Ana Lima"


def test_dsr10_a_booking_is_kept_minimised_as_the_declaration_keeps_purchases(
    erasure_request,
):
    # given a client with a booking (purchase history: kept 8 years for tax law)
    seeded, opened = erasure_request()
    job = erasure_start(request_id=opened.id, actor=SYSTEM)
    # when the background part runs
    erasure_run(job_id=job.pk)
    # then the booking stays with its price and date, without the notes
    booking = Booking.objects.get(subject_id=seeded.user.subject_id)
    assert (booking.price, booking.place) == (Decimal("120.00"), "Studio")
    assert Booking.objects.filter(notes__isnull=True, pk=booking.pk).exists()
    # and the address, which nothing keeps, is deleted
    assert Address.objects.filter(subject_id=seeded.user.subject_id).count() == 0


def _state(subject_id) -> dict[str, int]:
    from candid.datamap.registry import locations_for_subject

    return {
        location.model._meta.label: location.queryset().count()
        for location in locations_for_subject(subject_id)
    }


def test_dsr10_an_erasure_killed_mid_way_resumes_and_ends_as_an_unbroken_one(
    account_factory, request_factory
):
    # given two clients with the same data; one is erased without a break
    calm = client_everywhere(account_factory, "calm@example.com")
    broken = client_everywhere(account_factory, "broken@example.com")
    jobs = {}
    for seeded in (calm, broken):
        opened = request_factory(
            request_type="erasure",
            subject_id=seeded.user.subject_id,
            channel="account",
            verified_by="password",
            contact_email=seeded.user.email,
        )
        jobs[seeded.user.pk] = erasure_start(request_id=opened.id, actor=SYSTEM)
    erasure_run(job_id=jobs[calm.user.pk].pk, batch_size=1)
    # when the other's run dies inside a step, in the middle of the gallery images
    calls = []

    def crash(row):
        calls.append(row.pk)
        if len(calls) == 2:
            raise RuntimeError("worker killed")

    hooks.erasure_row_hook(GalleryImage, before=crash)
    job_id = jobs[broken.user.pk].pk
    try:
        with pytest.raises(RuntimeError):
            erasure_run(job_id=job_id, batch_size=1)
        stopped = ErasureJob.objects.get(pk=job_id)
        # and it is run again
        erasure_run(job_id=job_id, batch_size=1)
    finally:
        hooks._registry.row_hooks.pop(GalleryImage._meta.label)
    # then it had kept its place, redid the failed row, and ends as the calm one
    assert stopped.cursor == {"model": "galleries.GalleryImage", "after": str(calls[0])}
    assert "galleries.GalleryImage" not in stopped.models_done
    assert calls[2] == calls[1]
    done, calm_job = ErasureJob.objects.get(pk=job_id), jobs[calm.user.pk]
    calm_job.refresh_from_db()
    assert (done.stage, done.models_done) == (calm_job.stage, calm_job.models_done)
    assert (done.rows_deleted, done.rows_minimised) == (
        calm_job.rows_deleted,
        calm_job.rows_minimised,
    )
    assert _state(broken.user.subject_id) == _state(calm.user.subject_id)


def test_dsr10_the_synchronous_part_reads_only_by_index(
    erasure_request, account_factory
):
    # given a client to erase, and other clients around
    for number in range(5):
        account_factory(f"other{number}@example.com")
    seeded, opened = erasure_request()
    # when the synchronous part runs
    with CaptureQueriesContext(connection) as captured:
        erasure_start(request_id=opened.id, actor=SYSTEM)
    # then no query of it scans a whole table
    statements = [
        q["sql"]
        for q in captured.captured_queries
        if re.match(r"^\s*(SELECT|UPDATE|DELETE)", q["sql"])
    ]
    scans = [scan for scan in _full_scans(statements) if not _tiny(scan)]
    assert scans == []


def _full_scans(statements: list[str]) -> list[str]:
    """Return the tables the database's plans read whole.

    SQLite's plan says "SCAN t" without an index; PostgreSQL, with sequential
    scans priced out, still says "Seq Scan on t" only where no index can serve.
    """
    found = []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
        for sql in statements:
            if connection.vendor == "postgresql":
                cursor.execute(f"EXPLAIN {sql}")
                plan = [row[0] for row in cursor.fetchall()]
                found += [line for line in plan if "Seq Scan" in line]
            else:
                cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
                plan = [row[-1] for row in cursor.fetchall()]
                found += [
                    line
                    for line in plan
                    if line.startswith("SCAN") and "INDEX" not in line
                ]
    return found


def _tiny(detail: str) -> bool:
    # Tables of the studio's own set-up, a handful of rows whatever the clients:
    # the policy versions, the audit chain's one head row, roles.
    return any(
        name in detail
        for name in ("notices_policyversion", "audit_auditchainhead", "auth_group")
    )


def test_dsr10_values_a_legal_obligation_keeps_stay_readable_after_the_key_goes(
    settings, tmp_path, account_factory, request_factory
):
    # given a policy that keeps names under a legal obligation
    source = (POLICIES / "cinetrum-studio.yaml").read_text()
    rule = (
        "  - {category: user.name, period: 30 days, trigger: account_closed, "
        "action: delete, reason: Kept while you have an account or an open booking "
        "or order.}"
    )
    assert rule in source
    kept = (
        "  - {category: user.name, period: 8 years, trigger: end_of_financial_year, "
        "action: keep, legal_obligation: Tax law names the buyer on invoices., "
        "reason: Invoices name the buyer.}"
    )
    policy = tmp_path / "policy.yaml"
    policy.write_text(source.replace(rule, kept))
    settings.CANDID_POLICY_FILE = policy
    seeded = client_everywhere(account_factory)
    opened = request_factory(
        request_type="erasure",
        subject_id=seeded.user.subject_id,
        channel="account",
        verified_by="password",
        contact_email=seeded.user.email,
    )
    # when the client is erased
    job = erasure_start(request_id=opened.id, actor=SYSTEM)
    erasure_run(job_id=job.pk)
    job.refresh_from_db()
    # then their key is destroyed, yet the kept names read under the retained key
    assert SubjectKey.objects.get(subject_id=seeded.user.subject_id).destroyed_at
    order = PrintOrder.objects.get(subject_id=job.retained_subject_id)
    assert order.delivery_name == NAME
    # and what the obligation does not keep went with the key
    assert order.delivery_address == ""
    assert not PrintOrder.objects.filter(subject_id=seeded.user.subject_id).exists()
    retained = User.objects.get(subject_id=job.retained_subject_id)
    assert (retained.full_name, retained.email, retained.phone) == (NAME, None, None)


@pytest.mark.parametrize("scope", ["subject", "record"])
def test_dsr10_a_legal_hold_stops_the_erasure_and_nothing_changes(
    erasure_request, staff, scope
):
    # given a legal hold on the client, or on one of their bookings
    from candid.retention.services import legal_hold_place

    seeded, opened = erasure_request()
    booking = Booking.objects.get(subject_id=seeded.user.subject_id)
    where = (
        {"subject_id": seeded.user.subject_id}
        if scope == "subject"
        else {"record_model": "bookings.Booking", "record_pk": str(booking.pk)}
    )
    staff.is_superuser = True
    staff.save(update_fields=["is_superuser"])
    legal_hold_place(staff=staff, kind="dispute", reason="A claim is pending.", **where)
    # when staff start the erasure
    with pytest.raises(TransitionRefused) as refused:
        erasure_start(request_id=opened.id, actor=SYSTEM)
    # then it is refused, with the reason, and nothing changed
    assert "legal hold" in str(refused.value)
    assert ErasureJob.objects.count() == 0
    assert (
        SubjectKey.objects.get(subject_id=seeded.user.subject_id).destroyed_at is None
    )
    assert Booking.objects.get(pk=booking.pk).notes is not None


def test_dsr10_no_marketing_email_reaches_an_erased_address_again(
    erasure_request, mailoutbox
):
    # given an erased client who had consented to the newsletter
    from candid.mail.services import MarketingOutcome, mail_send_marketing

    seeded, opened = erasure_request()
    address = seeded.user.email
    erasure_start(request_id=opened.id, actor=SYSTEM)
    sent_before = len(mailoutbox)
    # when a newsletter goes out to the old address, even under a new subject
    for subject_id in (seeded.user.subject_id, Subject.objects.create().id):
        outcome = mail_send_marketing(
            message_key="newsletter",
            subject_id=subject_id,
            to=address,
            subject="News",
            text_template="rights/email/opted_out.txt",
        )
        # then it is suppressed, and nothing is sent
        assert outcome == MarketingOutcome.SUPPRESSED
    assert len(mailoutbox) == sent_before


def test_dsr10_a_crash_before_the_key_is_destroyed_is_finished_by_the_worker(
    erasure_request, monkeypatch
):
    # given the key store fails right after the erasure's start was committed
    from candid.rights.services import erasure as erasure_module

    seeded, opened = erasure_request()

    def key_store_down(**kwargs):
        raise ConnectionError("key store unreachable")

    monkeypatch.setattr(erasure_module, "subject_key_destroy", key_store_down)
    with pytest.raises(ConnectionError):
        erasure_start(request_id=opened.id, actor=SYSTEM)
    job = ErasureJob.objects.get(request_id=opened.id)
    assert job.key_destroyed_at is None
    monkeypatch.undo()
    # when the background part runs
    erasure_run(job_id=job.pk)
    # then the key is destroyed first, and recorded
    assert SubjectKey.objects.get(subject_id=seeded.user.subject_id).destroyed_at
    assert ErasureJob.objects.get(pk=job.pk).key_destroyed_at is not None
    assert AuditEvent.objects.filter(action="vault.key_destroyed").count() == 1
