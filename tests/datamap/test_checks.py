"""Start-up checks of each model's annotation: a Candid model whose personal data the
data map cannot account for stops start-up (DSR-01: every place holding a subject's
data must be findable)."""

from django.core.checks import Error, Tags, run_checks
from django.db import models

import pytest

from candid.datamap.checks import check_data_map, model_messages
from candid.datamap.models import Subject
from candid.notices.services import policy_publish
from tests.datamap.conftest import EncryptedStandInField, personal_data


def subject_fk() -> models.ForeignKey:
    return models.ForeignKey(Subject, on_delete=models.CASCADE)


@pytest.mark.django_db
def test_an_unannotated_field_stops_start_up_with_candid_e001(
    model_factory, isolated_apps
):
    # given
    client = model_factory(
        "Client",
        personal_data("subject_id", {"subject_id": None}),
        subject_id=models.UUIDField(db_index=True),
        nickname=models.CharField(max_length=40),
    )

    # when
    messages = run_checks(
        app_configs=isolated_apps.get_app_configs(), tags=[Tags.models]
    )

    # then
    assert [m for m in messages if m.is_serious()] == [
        Error(
            "datamap.Client.nickname is not annotated: the data map cannot say what it holds.",
            hint='Add "nickname": "<data category>" (or None if it holds no personal data) '
            "to Client.PersonalData.fields.",
            obj=client,
            id="candid.E001",
        )
    ]


def test_a_model_without_annotation_has_each_written_field_reported_but_not_its_automatic_id(
    model_factory, declaration
):
    # given
    note = model_factory(
        "Note", text=models.TextField(), written_at=models.DateTimeField()
    )

    # when
    messages = model_messages(note, declaration)

    # then
    assert [(m.id, m.msg, m.hint) for m in messages] == [
        (
            "candid.E001",
            "datamap.Note.text is not annotated: the data map cannot say what it holds.",
            'Give Note an inner class PersonalData with subject = "<path to Subject>" '
            '(or None) and fields = {"text": "<data category>" or None, ...}.',
        ),
        (
            "candid.E001",
            "datamap.Note.written_at is not annotated: the data map cannot say what it holds.",
            'Give Note an inner class PersonalData with subject = "<path to Subject>" '
            '(or None) and fields = {"written_at": "<data category>" or None, ...}.',
        ),
    ]


@pytest.mark.parametrize(
    "path",
    ["subject", "subject_id"],
    ids=["foreign key to Subject", "indexed subject id of a ledger"],
)
def test_a_fully_annotated_model_passes(model_factory, declaration, path):
    # given
    subject_field = (
        subject_fk() if path == "subject" else models.UUIDField(db_index=True)
    )
    client = model_factory(
        "Client",
        personal_data(
            path,
            {path: None, "email": "user.contact.email", "joined": None},
        ),
        **{path: subject_field},
        email=EncryptedStandInField(),
        joined=models.DateField(),
    )

    # when
    messages = model_messages(client, declaration)

    # then
    assert messages == []


def test_an_annotation_for_a_field_the_model_does_not_store_is_an_error(
    model_factory, declaration
):
    # given
    note = model_factory(
        "Note",
        personal_data(None, {"text": None, "txet": None}),
        text=models.TextField(),
    )

    # when
    messages = model_messages(note, declaration)

    # then
    assert messages == [
        Error(
            "datamap.Note.PersonalData.fields names 'txet', which datamap.Note does not store.",
            hint="Remove it, or fix its name. Fields inherited from a concrete parent "
            "model are annotated on the parent.",
            obj=note,
            id="candid.E002",
        )
    ]


def test_a_category_the_declaration_does_not_declare_is_an_error_naming_the_nearest_keys(
    model_factory, declaration
):
    # given
    client = model_factory(
        "Client",
        personal_data("subject", {"subject": None, "phone": "user.contact.phone"}),
        subject=subject_fk(),
        phone=models.CharField(max_length=30),
    )

    # when
    messages = model_messages(client, declaration)

    # then
    assert messages == [
        Error(
            "datamap.Client.phone holds 'user.contact.phone', a data category the "
            "active declaration (policy 2026.11) does not declare.",
            hint="Use a declared category such as 'user.contact.phone_number', "
            "'user.contact.email', 'user.contact.address', or declare it in the policy.",
            obj=client,
            id="candid.E003",
        )
    ]


@pytest.mark.django_db
def test_a_category_the_published_policy_in_force_dropped_is_an_error_though_the_file_declares_it(
    model_factory, isolated_apps, policies_dir
):
    # given the configured file declares user.content.self_image, the published one not
    policy_publish(source=(policies_dir / "3d-studio-production.yaml").read_text())
    model_factory(
        "Portrait",
        personal_data("subject", {"subject": None, "image": "user.content.self_image"}),
        subject=subject_fk(),
        image=models.CharField(max_length=200),
    )

    # when
    messages = check_data_map(app_configs=isolated_apps.get_app_configs())

    # then
    assert [(m.id, m.msg) for m in messages if m.is_serious()] == [
        (
            "candid.E003",
            "datamap.Portrait.image holds 'user.content.self_image', a data category "
            "the active declaration (policy 2026.11) does not declare.",
        )
    ]


def test_personal_data_without_a_subject_path_is_an_error(model_factory, declaration):
    # given
    enquiry = model_factory(
        "Enquiry",
        personal_data(None, {"name": "user.name", "sent_at": None}),
        name=EncryptedStandInField(),
        sent_at=models.DateTimeField(),
    )

    # when
    messages = model_messages(enquiry, declaration)

    # then
    assert messages == [
        Error(
            "datamap.Enquiry holds personal data (user.name) but PersonalData.subject "
            "is None: its rows cannot be found for an access or erasure request.",
            hint="Set PersonalData.subject to the lookup path from a row to its "
            'Subject, e.g. "subject" or "booking__subject".',
            obj=enquiry,
            id="candid.E004",
        )
    ]


def test_a_category_promised_encrypted_at_rest_in_a_clear_field_is_an_error(
    model_factory, declaration
):
    # given user.contact.email is declared encrypted_at_rest: true
    client = model_factory(
        "Client",
        personal_data("subject", {"subject": None, "email": "user.contact.email"}),
        subject=subject_fk(),
        email=models.EmailField(),
    )

    # when
    messages = model_messages(client, declaration)

    # then
    assert messages == [
        Error(
            "datamap.Client.email holds 'user.contact.email', which the declaration "
            "promises is encrypted at rest, but the field stores it in clear.",
            hint="Store it in an encrypted field, e.g. "
            "candid.vault.fields.EncryptedTextField.",
            obj=client,
            id="candid.E005",
        )
    ]


def test_a_category_not_promised_encrypted_may_be_stored_in_clear(
    model_factory, declaration
):
    # given user.device.ip_address is not declared encrypted_at_rest
    login = model_factory(
        "Login",
        personal_data("subject", {"subject": None, "ip": "user.device.ip_address"}),
        subject=subject_fk(),
        ip=models.GenericIPAddressField(),
    )

    # when
    messages = model_messages(login, declaration)

    # then
    assert messages == []


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("owner", "'owner': datamap.Booking has no field 'owner'"),
        (
            "title__subject",
            "'title__subject': 'title' on datamap.Booking is not a foreign key",
        ),
        (
            "client",
            "'client' ends at a foreign key to datamap.Client, not at the subject",
        ),
        (
            "title",
            "'title' ends at CharField 'title', which cannot hold a subject id "
            "(a foreign key to Subject or a UUID field can)",
        ),
        (
            "client__booking",
            "'client__booking': 'booking' on datamap.Client is not a stored field "
            "(reverse relations are not followed)",
        ),
    ],
    ids=[
        "missing field",
        "not a relation",
        "wrong model",
        "not an id",
        "reverse relation",
    ],
)
def test_a_subject_path_that_does_not_reach_the_subject_is_an_error(
    model_factory, declaration, path, reason
):
    # given
    client = model_factory(
        "Client", personal_data("subject", {"subject": None}), subject=subject_fk()
    )
    booking = model_factory(
        "Booking",
        personal_data(path, {"client": None, "title": None}),
        client=models.ForeignKey(client, on_delete=models.CASCADE),
        title=models.CharField(max_length=80),
    )

    # when
    messages = model_messages(booking, declaration)

    # then
    assert messages == [
        Error(
            f"datamap.Booking.PersonalData.subject does not reach the subject: {reason}.",
            hint="Follow forward foreign keys to a ForeignKey(Subject) or an indexed "
            'UUID subject_id, e.g. "subject" or "booking__subject".',
            obj=booking,
            id="candid.E006",
        )
    ]


def test_a_subject_path_through_an_unindexed_field_is_an_error(
    model_factory, declaration
):
    # given
    entry = model_factory(
        "Entry",
        personal_data("subject_id", {"subject_id": None}),
        subject_id=models.UUIDField(),
    )

    # when
    messages = model_messages(entry, declaration)

    # then
    assert messages == [
        Error(
            "datamap.Entry.PersonalData.subject 'subject_id' crosses "
            "datamap.Entry.subject_id, which has no index: finding a subject's rows "
            "would scan the table.",
            hint="Add db_index=True to that field, or an index that starts with it.",
            obj=entry,
            id="candid.E007",
        )
    ]


def test_a_subject_id_leading_a_composite_index_counts_as_indexed(
    model_factory, declaration
):
    # given
    entry = model_factory(
        "Entry",
        personal_data("subject_id", {"subject_id": None, "at": None}),
        meta={"indexes": [models.Index(fields=["subject_id", "at"], name="entry_idx")]},
        subject_id=models.UUIDField(),
        at=models.DateTimeField(),
    )

    # when
    messages = model_messages(entry, declaration)

    # then
    assert messages == []


@pytest.mark.parametrize(
    ("subject", "fields", "reason"),
    [
        (
            "",
            {},
            "PersonalData.subject must be a lookup path or None, not ''",
        ),
        (
            None,
            ["text"],
            "PersonalData.fields must be a dict of field name to category, not ['text']",
        ),
        (
            None,
            {"text": ""},
            "PersonalData.fields['text'] must name a data category or be None, not ''",
        ),
    ],
    ids=["empty subject path", "fields not a dict", "empty category"],
)
def test_a_malformed_annotation_is_an_error(
    model_factory, declaration, subject, fields, reason
):
    # given
    note = model_factory(
        "Note", personal_data(subject, fields), text=models.TextField()
    )

    # when
    messages = model_messages(note, declaration)

    # then
    assert messages == [
        Error(
            f"datamap.Note has a malformed annotation: {reason}.",
            hint='Write subject = "<lookup path>" or None, and fields = a dict of '
            "field name to a data category or None.",
            obj=note,
            id="candid.E008",
        )
    ]
