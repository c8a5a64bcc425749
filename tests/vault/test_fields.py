"""Encrypted model fields: contact data and notes encrypted at rest per subject (SEC-04)."""

import base64
import uuid
from collections.abc import Callable

from django.core import serializers
from django.db import connection, transaction
from django.forms import modelform_factory

import pytest

from candid.datamap.models import Subject
from candid.vault.exceptions import (
    DecryptionFailed,
    EncryptedFieldError,
    EncryptedLookupRefused,
    SubjectErased,
)
from candid.vault.fields import Ciphertext
from candid.vault.services import subject_key_destroy
from tests.vault.conftest import fresh
from tests.vault.testapp.models import Contact, Enquiry

pytestmark = pytest.mark.django_db

ContactFactory = Callable[..., Contact]


def _stored(contact: Contact, column: str = "email") -> str | None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {column} FROM vault_testapp_contact WHERE id = %s",  # noqa: S608
            [contact.pk.hex if connection.vendor == "sqlite" else contact.pk],
        )
        return cursor.fetchone()[0]


def _store(contact: Contact, value: str | None, column: str = "email") -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE vault_testapp_contact SET {column} = %s WHERE id = %s",  # noqa: S608
            [value, contact.pk.hex if connection.vendor == "sqlite" else contact.pk],
        )


def test_a_saved_value_reads_back_as_its_plaintext(
    contact_factory: ContactFactory,
) -> None:
    # given
    contact = contact_factory(email="ada@example.com")
    # when
    loaded = fresh(contact)
    # then
    assert loaded.email == "ada@example.com"


def test_the_database_holds_only_ciphertext(contact_factory: ContactFactory) -> None:
    # given
    contact = contact_factory(email="ada@example.com")
    # when
    stored = _stored(contact)
    # then
    assert "ada" not in stored
    assert len(base64.b64decode(stored)) == len("ada@example.com") + 33


def test_a_json_value_reads_back_equal(contact_factory: ContactFactory) -> None:
    # given
    notes = {"shoot": "wedding", "guests": 120, "vegan": True, "tags": ["é", None]}
    contact = contact_factory(notes=notes)
    # when
    loaded = fresh(contact)
    # then
    assert loaded.notes == notes
    assert "wedding" not in _stored(contact, "notes")


def test_an_unset_value_is_stored_as_null(contact_factory: ContactFactory) -> None:
    # given
    contact = contact_factory(email=None)
    # when
    loaded = fresh(contact)
    # then
    assert _stored(contact) is None
    assert loaded.email is None


def test_a_changed_value_is_sealed_again_on_save(
    contact_factory: ContactFactory,
) -> None:
    # given
    contact = fresh(contact_factory(email="ada@example.com"))
    # when
    contact.email = "ada@studio.example"
    contact.save()
    # then
    assert fresh(contact).email == "ada@studio.example"


def test_a_json_value_changed_in_place_is_saved(
    contact_factory: ContactFactory,
) -> None:
    # given
    contact = fresh(contact_factory(notes={"guests": 120}))
    # when
    contact.notes["guests"] = 80
    contact.save()
    # then
    assert fresh(contact).notes == {"guests": 80}


def test_saving_an_unread_value_keeps_its_ciphertext(
    contact_factory: ContactFactory,
) -> None:
    # given
    contact = contact_factory(email="ada@example.com", label="before")
    before = _stored(contact)
    loaded = fresh(contact)
    # when
    loaded.label = "after"
    loaded.save()
    # then
    assert _stored(contact) == before


def test_an_unread_value_follows_its_row_to_another_subject(
    contact_factory: ContactFactory,
) -> None:
    # given
    contact = contact_factory(email="ada@example.com")
    loaded = fresh(contact)
    other = Subject.objects.create()
    # when
    loaded.subject = other
    loaded.save()
    # then
    assert fresh(contact).email == "ada@example.com"
    assert fresh(contact).subject_id == other.id


def test_a_deferred_value_is_loaded_and_decrypted_on_access(
    contact_factory: ContactFactory,
) -> None:
    # given
    contact = contact_factory(email="ada@example.com")
    # when
    loaded = Contact.objects.only("id", "subject").get(pk=contact.pk)
    # then
    assert loaded.email == "ada@example.com"


def test_a_value_copied_to_another_row_fails_to_decrypt(
    contact_factory: ContactFactory, subject_factory: Callable[[], Subject]
) -> None:
    # given: two rows of one subject
    subject = subject_factory()
    first = contact_factory(subject=subject, email="ada@example.com")
    second = contact_factory(subject=subject, email="bob@example.com")
    _store(second, _stored(first))
    # when / then
    with pytest.raises(DecryptionFailed):
        _ = fresh(second).email


def test_a_value_copied_to_another_field_fails_to_decrypt(
    contact_factory: ContactFactory,
) -> None:
    # given
    contact = contact_factory(email='"ada@example.com"', notes="a json string")
    _store(contact, _stored(contact, "email"), "notes")
    # when / then
    with pytest.raises(DecryptionFailed):
        _ = fresh(contact).notes


def test_a_value_with_a_flipped_byte_fails_to_decrypt(
    contact_factory: ContactFactory,
) -> None:
    # given
    contact = contact_factory(email="ada@example.com")
    sealed = bytearray(base64.b64decode(_stored(contact)))
    sealed[-1] ^= 0x80
    _store(contact, base64.b64encode(bytes(sealed)).decode())
    # when / then
    with pytest.raises(DecryptionFailed):
        _ = fresh(contact).email


def test_a_stored_value_that_is_not_base64_fails_to_decrypt(
    contact_factory: ContactFactory,
) -> None:
    # given
    contact = contact_factory(email="ada@example.com")
    _store(contact, "ada@example.com")
    # when / then
    with pytest.raises(DecryptionFailed):
        _ = fresh(contact).email


def test_a_value_of_a_subject_without_a_key_fails_to_decrypt() -> None:
    # given: a row that was never saved, holding someone else's ciphertext
    enquiry = Enquiry(subject_id=uuid.uuid4())
    enquiry.__dict__["message"] = Ciphertext(base64.b64encode(b"\x01" * 40).decode())
    # when / then
    with pytest.raises(DecryptionFailed):
        _ = enquiry.message


def test_a_value_of_an_erased_subject_reads_as_none(
    contact_factory: ContactFactory,
) -> None:
    # given
    contact = contact_factory(email="ada@example.com")
    subject_key_destroy(subject_id=contact.subject_id)
    # when
    loaded = fresh(contact)
    # then
    assert loaded.email is None
    assert loaded.notes is None


def test_a_new_value_for_an_erased_subject_is_refused(
    contact_factory: ContactFactory,
) -> None:
    # given
    contact = contact_factory(email="ada@example.com")
    subject_key_destroy(subject_id=contact.subject_id)
    before = _stored(contact)
    # when / then
    contact.email = "new@example.com"
    with pytest.raises(SubjectErased), transaction.atomic():
        contact.save()
    assert _stored(contact) == before


def test_a_row_with_a_plain_subject_id_encrypts_too() -> None:
    # given
    enquiry = Enquiry.objects.create(subject_id=uuid.uuid4(), message="Call me back")
    # when
    loaded = Enquiry.objects.get(pk=enquiry.pk)
    # then
    assert loaded.message == "Call me back"


def test_a_value_without_a_subject_is_refused() -> None:
    # given
    contact = Contact(email="ada@example.com")
    # when / then
    with pytest.raises(EncryptedFieldError) as refused, transaction.atomic():
        contact.save()
    assert str(refused.value) == (
        "vault_testapp.Contact.email cannot be encrypted before its row has a primary "
        "key and 'subject' is set."
    )
    assert Contact.objects.count() == 0


@pytest.mark.parametrize(
    "lookup",
    [
        {"email": "ada@example.com"},
        {"email__iexact": "ada@example.com"},
        {"email__contains": "ada"},
        {"email__in": ["ada@example.com"]},
        {"email__lower__exact": "ada@example.com"},
    ],
    ids=["exact", "iexact", "contains", "in", "transform"],
)
def test_filtering_on_an_encrypted_field_is_refused(lookup: dict) -> None:
    # when / then
    with pytest.raises(EncryptedLookupRefused) as refused:
        Contact.objects.filter(**lookup)
    name = next(iter(lookup)).split("__")[1:2] or ["exact"]
    assert str(refused.value) == (
        f"vault_testapp.Contact.email is encrypted, so '{name[0]}' cannot compare its "
        "stored values; only isnull (or =None) is allowed. Filter on another field, "
        "or load the rows and compare the decrypted values in Python."
    )


def test_filtering_encrypted_fields_on_presence_is_allowed(
    contact_factory: ContactFactory,
) -> None:
    # given
    with_email = contact_factory(email="ada@example.com")
    without = contact_factory(email=None)
    # when
    missing = list(Contact.objects.filter(email=None).values_list("pk", flat=True))
    present = list(
        Contact.objects.filter(email__isnull=False).values_list("pk", flat=True)
    )
    # then
    assert missing == [without.pk]
    assert present == [with_email.pk]


def test_a_queryset_update_with_plaintext_is_refused(
    contact_factory: ContactFactory,
) -> None:
    # given
    contact = contact_factory(email="ada@example.com")
    # when / then
    with pytest.raises(EncryptedFieldError) as refused, transaction.atomic():
        Contact.objects.update(email="bob@example.com")
    assert str(refused.value) == (
        "vault_testapp.Contact.email is encrypted per row when the row is saved: "
        "QuerySet.update() and bulk_update() can only set it to None."
    )
    assert fresh(contact).email == "ada@example.com"


def test_a_queryset_update_can_clear_an_encrypted_field(
    contact_factory: ContactFactory,
) -> None:
    # given
    contact = contact_factory(email="ada@example.com")
    # when
    Contact.objects.update(email=None)
    # then
    assert _stored(contact) is None


def test_values_returns_ciphertext_not_plaintext(
    contact_factory: ContactFactory,
) -> None:
    # given
    contact = contact_factory(email="ada@example.com")
    # when
    value = Contact.objects.values_list("email", flat=True).get()
    # then
    assert isinstance(value, Ciphertext)
    assert value == _stored(contact)


def test_the_field_tells_the_data_map_it_is_encrypted() -> None:
    # when
    flags = {f.name: getattr(f, "encrypted", False) for f in Contact._meta.fields}
    # then
    assert flags == {
        "id": False,
        "subject": False,
        "email": True,
        "notes": True,
        "label": False,
    }


def test_an_unread_value_of_an_erased_subject_stays_erased_on_another_subject(
    contact_factory: ContactFactory,
) -> None:
    # given
    contact = contact_factory(email="ada@example.com")
    loaded = fresh(contact)
    subject_key_destroy(subject_id=contact.subject_id)
    # when
    loaded.subject = Subject.objects.create()
    loaded.save()
    # then
    assert _stored(contact) is None


def test_a_stored_value_on_a_row_without_a_subject_fails_to_decrypt() -> None:
    # given
    enquiry = Enquiry(subject_id=None)
    enquiry.__dict__["message"] = Ciphertext(base64.b64encode(b"\x01" * 40).decode())
    # when / then
    with pytest.raises(DecryptionFailed):
        _ = enquiry.message


def test_the_model_class_exposes_the_field_descriptor() -> None:
    # when
    descriptor = Contact.email
    # then
    assert descriptor.field is Contact._meta.get_field("email")


def test_a_model_form_shows_and_saves_plaintext(
    contact_factory: ContactFactory,
) -> None:
    # given
    contact = fresh(contact_factory(email="ada@example.com", notes={"guests": 2}))
    form_class = modelform_factory(Contact, fields=["email", "notes"])
    # when
    form = form_class(
        data={"email": "ada@studio.example", "notes": '{"guests": 3}'}, instance=contact
    )
    form.save()
    # then
    assert form_class(instance=contact).initial == {
        "email": "ada@studio.example",
        "notes": {"guests": 3},
    }
    assert fresh(contact).notes == {"guests": 3}


def test_serializing_a_row_writes_its_plaintext(
    contact_factory: ContactFactory,
) -> None:
    """dumpdata decrypts: back up the databases themselves, which hold ciphertext."""
    # given
    contact = contact_factory(email="ada@example.com", notes={"guests": 2})
    # when
    [row] = serializers.serialize("python", [fresh(contact)])
    # then
    assert (row["fields"]["email"], row["fields"]["notes"]) == (
        "ada@example.com",
        {"guests": 2},
    )
