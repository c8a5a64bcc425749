"""After an erasure, no trace of the person anywhere: every table, both databases, every file.

DSR-10: a client with data in every app is erased; then every column of every
table of the data database and the key store is read with raw SQL, and every file
under the media folder, looking for the e-mail, name, phone, street, postcode and
IP address. Rows that stay (what a legal obligation keeps, and the kernel's own
records of how the data was handled) may hold the random subject id, and then only
kept values: every other personal field of theirs is empty.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.db import connections

import pytest

from candid.datamap.registry import registry
from candid.mail.addresses import address_hash
from candid.mail.models import Suppression
from candid.notices.selectors import declaration_active
from candid.rights.erasure_plan import RECORDS_KEPT, erasure_plans
from candid.rights.models import ErasureJob, Propagation, Request
from candid.rights.services.erasure import erasure_start
from candid.rights.services.propagation import propagation_attest
from candid.vault.models import SubjectKey
from tests.rights.conftest import SYSTEM
from tests.rights.standins import processors  # noqa: F401 - fixture
from tests.rights.trace_seed import EMAIL, IP, NEEDLES, NOTES, client_everywhere

# Models the seed leaves empty, each for a reason; a new model of a new app that
# is neither seeded nor listed here fails the test, so it cannot be forgotten.
NOT_SEEDED = {
    "accounts.PendingOptIn": "an opt-in waiting for confirmation; same rows as any",
    "accounts.SignUpPending": "a sign-up waiting for confirmation",
    "galleries.GalleryAssignment": "the staff member's assignment, not the client's",
    "galleries.PortfolioEntry": "needs a published image",
    "galleries.PrintHandoff": "needs a print vendor",
    "notices.NoticeDelivery": "needs a published policy change",
    "shop.Claim": "needs a refund claim",
    "shop.Download": "needs a download",
    "shop.DownloadLink": "needs a product file",
    "shop.Licence": "needs a paid order",
}


def _table_rows(alias: str):
    connection = connections[alias]
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names
            for row in cursor.fetchall():
                yield table, row


def _text(value: object) -> str:
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).decode("latin-1")
    return str(value)


def _traces(needles: tuple[str, ...]) -> list[tuple[str, str, str]]:
    found = []
    for alias in connections:
        for table, row in _table_rows(alias):
            for value in row:
                text = _text(value)
                found += [
                    (alias, table, n) for n in needles if n.lower() in text.lower()
                ]
    return found


def _tables_with(value: str) -> set[str]:
    return {
        table
        for alias in connections
        for table, row in _table_rows(alias)
        if any(value in _text(cell).replace("-", "") for cell in row)
    }


def _file_traces(root: Path) -> list[str]:
    found = []
    for path in root.rglob("*"):
        if path.is_file():
            content = path.read_bytes().decode("latin-1").lower()
            found += [f"{path}: {n}" for n in NEEDLES if n.lower() in content]
    return found


@pytest.fixture
def erased(
    settings,
    tmp_path,
    account_factory,
    request_factory,
    staff,
    processors,  # noqa: F811
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    """Erase a client with data everywhere, with both processors standing in."""
    settings.MEDIA_ROOT = tmp_path / "media"
    seeded = client_everywhere(account_factory)
    processors.customers["cus_trace"] = EMAIL
    processors.members.add(
        hashlib.md5(EMAIL.encode(), usedforsecurity=False).hexdigest()
    )
    bruno = account_factory("bruno@example.com", full_name="Bruno Costa")
    opened = request_factory(
        request_type="erasure",
        subject_id=seeded.user.subject_id,
        channel="account",
        verified_by="password",
        contact_email=EMAIL,
    )
    seeded_models = _models_with_rows(seeded.user.subject_id)
    # The search can see a trace: the share link's access log holds the IP in clear.
    assert [t for t in _traces((IP,)) if t[1] == "galleries_sharelinkaccess"]
    with django_capture_on_commit_callbacks(execute=True):
        job = erasure_start(request_id=opened.id, actor=SYSTEM)
    letter = Propagation.objects.get(job=job, recipient="paypal")
    with django_capture_on_commit_callbacks(execute=True):
        propagation_attest(
            propagation_id=letter.pk, staff_id=staff.pk, attestation="PayPal replied"
        )
    return seeded, job, bruno, seeded_models


def _models_with_rows(subject_id) -> set[str]:
    return {
        location.model._meta.label
        for location in registry().locations_for_subject(subject_id)
        if location.queryset().exists()
    }


def test_dsr10_every_model_of_the_data_map_was_seeded_or_is_named(erased):
    # given the models that held the client's rows before the erasure
    _, _, _, seeded_models = erased
    # then every model an erasure walks was seeded, or is named with its reason
    walked = {plan.label for plan in erasure_plans(declaration_active())}
    assert walked - seeded_models - set(NOT_SEEDED) == set()


def test_dsr10_no_table_of_either_database_holds_the_persons_details(erased):
    # given the erased client
    # then no column of any table, data or key store, holds a trace of them
    assert _traces(NEEDLES) == []


def test_dsr10_no_file_holds_the_persons_details_and_their_images_are_gone(
    erased, settings
):
    # given the erased client's two images
    seeded, _, _, _ = erased
    media = Path(settings.MEDIA_ROOT)
    # then their encrypted originals and previews are deleted
    assert [name for name in seeded.files if (media / name).exists()] == []
    # and no file left under the media folder holds a trace
    assert _file_traces(media) == []


def test_dsr10_rows_left_with_the_subject_id_hold_only_what_the_law_keeps(erased):
    # given the erased client
    seeded, _, _, _ = erased
    subject_id = seeded.user.subject_id
    plans = {plan.label: plan for plan in erasure_plans(declaration_active())}
    # then each row still reaching the subject empties every field not kept
    for location in registry().locations_for_subject(subject_id):
        label = location.model._meta.label
        if label in RECORDS_KEPT:
            continue
        for row in location.queryset():
            for name in plans[label].erased_fields:
                field = location.model._meta.get_field(name)
                value = getattr(row, name)
                if field.many_to_many:
                    value = list(value.all())
                if field.is_relation and not (field.null or field.many_to_many):
                    # points at a row of its own model, checked in its turn
                    continue
                if getattr(field, "encrypted", False) or field.is_relation:
                    assert value in (None, "", []), (label, name)
                elif field.get_internal_type() in (
                    "CharField",
                    "TextField",
                    "JSONField",
                ):
                    assert value in ("", None, [], {}) or value.startswith("!"), (
                        label,
                        name,
                    )


def test_dsr10_the_subject_id_remains_only_in_records_and_kept_rows(erased):
    # given the erased client
    seeded, _, _, _ = erased
    subject_hex = seeded.user.subject_id.hex
    kept_tables = {
        model._meta.db_table
        for model in [plan.model for plan in erasure_plans(declaration_active())]
        if model._base_manager.filter(
            **{registry().entry(model).subject_path: seeded.user.subject_id}
        ).exists()
    }
    record_tables = {
        registry().entry(model).model._meta.db_table
        for model in [e.model for e in registry().entries]
        if model._meta.label in RECORDS_KEPT
    }
    # then only the kernel's records and the kept, minimised rows hold it
    assert _tables_with(subject_hex) - record_tables - kept_tables == set()


def test_dsr10_the_key_is_destroyed_and_the_address_only_suppressed(erased):
    # given the erased client
    seeded, job, _, _ = erased
    # then their key and the erasure's own key are destroyed
    key = SubjectKey.objects.get(subject_id=seeded.user.subject_id)
    assert (key.destroyed_at is not None, key.wrapped_key) == (True, None)
    assert SubjectKey.objects.get(subject_id=job.vault_id).destroyed_at is not None
    # and their address is only a keyed hash on the suppression list
    assert Suppression.objects.filter(
        address_hash=address_hash(EMAIL), list_key="marketing_email"
    ).exists()


def test_dsr10_the_request_closes_and_the_requester_is_told(erased, mailoutbox):
    # given the erased client, every recipient done or attested
    _, job, _, _ = erased
    job = ErasureJob.objects.get(pk=job.pk)
    # then the request is completed and the last e-mail tells the requester
    assert Request.objects.get(pk=job.request_id).state == "completed"
    assert (job.stage, job.contact_email, job.handles) == ("closed", None, None)
    assert mailoutbox[-1].to == [EMAIL]
    assert "We have erased the personal data" in mailoutbox[-1].body
    assert NOTES not in mailoutbox[-1].body


def test_dsr10_another_clients_data_is_untouched(erased):
    # given the erased client and Bruno, who asked nothing
    _, _, bruno, _ = erased
    from candid.accounts.models import User

    # then Bruno's account still reads
    assert User.objects.get(pk=bruno.pk).full_name == "Bruno Costa"
