"""The data map finds every row of a subject with one indexed query per model (DSR-01)."""

import uuid

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models

import pytest

from candid.datamap.models import Subject
from candid.datamap.registry import (
    DataMap,
    FieldMap,
    ModelMap,
    SubjectLocation,
    categories_of,
    locations_for_subject,
    models_holding,
    registry,
)
from candid.notices.models import PolicyVersion
from tests.datamap.conftest import EncryptedStandInField, personal_data


@pytest.fixture
def studio_models(model_factory):
    """A client (FK to Subject), their bookings (via the client) and a ledger (subject_id)."""
    client = model_factory(
        "Client",
        personal_data(
            "subject",
            {"subject": None, "email": "user.contact.email", "name": "user.name"},
        ),
        subject=models.ForeignKey(Subject, on_delete=models.CASCADE),
        email=EncryptedStandInField(),
        name=EncryptedStandInField(),
    )
    booking = model_factory(
        "Booking",
        personal_data(
            "client__subject", {"client": None, "address": "user.contact.address"}
        ),
        client=models.ForeignKey(client, on_delete=models.CASCADE),
        address=EncryptedStandInField(),
    )
    ledger = model_factory(
        "Ledger",
        personal_data("subject_id", {"subject_id": None, "choice": None}),
        subject_id=models.UUIDField(db_index=True),
        choice=models.CharField(max_length=20),
    )
    return client, booking, ledger


@pytest.fixture
def studio_tables(transactional_db, studio_models):
    with connection.schema_editor() as editor:
        for model in studio_models:
            editor.create_model(model)
    yield studio_models
    with connection.schema_editor() as editor:
        for model in reversed(studio_models):
            editor.delete_model(model)


def test_the_data_map_finds_every_row_of_a_subject_with_one_query_per_model(
    studio_tables, django_assert_num_queries
):
    # given two subjects with rows in all three models
    client_model, booking_model, ledger_model = studio_tables
    rows = {}
    for person in ("ada", "bob"):
        subject = Subject.objects.create()
        client = client_model.objects.create(subject=subject, email=f"{person}@x.test")
        booking = booking_model.objects.create(client=client, address=f"1 {person} St")
        ledger = ledger_model.objects.create(subject_id=subject.id, choice="granted")
        rows[person] = (subject, {client, booking, ledger})
    ada, ada_rows = rows["ada"]
    data_map = DataMap.from_models(studio_tables)

    # when
    with django_assert_num_queries(3):
        found = {
            row
            for location in data_map.locations_for_subject(ada.id)
            for row in location.queryset()
        }

    # then
    assert found == ada_rows


def test_each_location_is_an_indexed_filter_on_the_subject_path(studio_models):
    # given
    client, booking, ledger = studio_models
    subject_id = uuid.UUID("6f1c1d1e-8a51-4d35-9a3c-0d3c1c9f4b10")

    # when
    locations = DataMap.from_models(studio_models).locations_for_subject(
        str(subject_id)
    )

    # then
    assert locations == [
        SubjectLocation(booking, {"client__subject": subject_id}),
        SubjectLocation(client, {"subject": subject_id}),
        SubjectLocation(ledger, {"subject_id": subject_id}),
    ]


def test_a_malformed_subject_id_is_refused_before_any_query(
    db, studio_models, django_assert_num_queries
):
    # given
    data_map = DataMap.from_models(studio_models)

    # when / then
    with django_assert_num_queries(0), pytest.raises(ValueError, match="badly formed"):
        data_map.locations_for_subject("42; DROP TABLE datamap_client")


def test_models_holding_a_category_include_those_holding_a_narrower_one(studio_models):
    # given
    client, booking, _ledger = studio_models
    data_map = DataMap.from_models(studio_models)

    # when
    holding_contact = data_map.models_holding("user.contact")
    holding_email = data_map.models_holding("user.contact.email")
    holding_payment = data_map.models_holding("user.payment")

    # then
    assert holding_contact == [booking, client]
    assert holding_email == [client]
    assert holding_payment == []


def test_categories_of_a_model_are_those_its_fields_hold(studio_models):
    # given
    client, _booking, ledger = studio_models
    data_map = DataMap.from_models(studio_models)

    # when / then
    assert data_map.categories_of(client) == {"user.contact.email", "user.name"}
    assert data_map.categories_of(ledger) == frozenset()


def test_each_field_says_whether_it_is_encrypted(studio_models):
    # given
    _client, booking, _ledger = studio_models

    # when
    entry = DataMap.from_models(studio_models).entry(booking)

    # then
    assert entry == ModelMap(
        model=booking,
        subject_path="client__subject",
        fields=(
            FieldMap(name="id", category=None, encrypted=False),
            FieldMap(name="client", category=None, encrypted=False),
            FieldMap(name="address", category="user.contact.address", encrypted=True),
        ),
    )


def test_a_model_outside_the_data_map_is_refused(studio_models, model_factory):
    # given
    stranger = model_factory("Stranger", personal_data(None, {}))
    data_map = DataMap.from_models(studio_models)

    # when / then
    with pytest.raises(
        LookupError,
        match=r"^datamap\.Stranger is not in the data map: only models of candid\.\* apps are$",
    ):
        data_map.categories_of(stranger)


def test_a_half_annotated_model_cannot_join_the_data_map(model_factory):
    # given
    note = model_factory(
        "Note",
        personal_data(None, {"text": None}),
        text=models.TextField(),
        mood=models.TextField(),
    )

    # when / then
    with pytest.raises(
        ImproperlyConfigured,
        match=r"^datamap\.Note cannot join the data map: field 'mood' is not annotated\. "
        r"Run `candid check` for details\.$",
    ):
        DataMap.from_models([note])


def test_a_model_whose_subject_path_is_broken_cannot_join_the_data_map(model_factory):
    # given
    note = model_factory(
        "Note", personal_data("owner", {"text": None}), text=models.TextField()
    )

    # when / then
    with pytest.raises(
        ImproperlyConfigured, match="'owner': datamap.Note has no field 'owner'"
    ):
        DataMap.from_models([note])


def test_a_model_without_annotation_cannot_join_the_data_map(model_factory):
    # given
    note = model_factory("Note", text=models.TextField())

    # when / then
    with pytest.raises(
        ImproperlyConfigured, match="^datamap.Note cannot join the data map: it has no"
    ):
        DataMap.from_models([note])


def test_the_selectors_answer_from_the_installed_data_map(studio_models, monkeypatch):
    # given
    client, booking, ledger = studio_models
    data_map = DataMap.from_models(studio_models)
    monkeypatch.setattr("candid.datamap.registry.registry", lambda: data_map)
    subject_id = uuid.uuid4()

    # when / then
    assert models_holding("user.name") == [client]
    assert categories_of(booking) == {"user.contact.address"}
    assert [loc.model for loc in locations_for_subject(subject_id)] == [
        booking,
        client,
        ledger,
    ]


def test_the_installed_data_map_is_built_once():
    # when / then
    assert registry() is registry()


def test_the_installed_data_map_reaches_a_subject_row_by_its_own_id():
    # given
    subject_id = uuid.UUID("0b8f3a4e-3f0e-4a8e-9a47-6f1f0cbb2f7d")

    # when
    locations = locations_for_subject(subject_id)

    # then
    assert SubjectLocation(Subject, {"id": subject_id}) in locations
    assert Subject in [entry.model for entry in registry().entries]
    assert registry().entry(Subject) == ModelMap(
        model=Subject,
        subject_path="id",
        fields=(
            FieldMap(name="id", category=None, encrypted=False),
            FieldMap(name="created_at", category=None, encrypted=False),
            FieldMap(name="erased_at", category=None, encrypted=False),
        ),
    )


def test_published_policy_versions_hold_no_personal_data():
    # when / then
    assert categories_of(PolicyVersion) == frozenset()
    assert PolicyVersion not in [
        loc.model for loc in locations_for_subject(uuid.uuid4())
    ]
