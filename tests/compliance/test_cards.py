import datetime as dt
import uuid
from decimal import Decimal

import pytest

from candid.bookings.models import Booking, SessionType
from candid.bookings.services import booking_create
from candid.compliance.cards import check_card_numbers, contains_card_number, luhn_valid
from candid.compliance.results import CheckResult
from candid.consent.models import Objection
from candid.datamap.registry import DataMap

VISA_TEST = "4111 1111 1111 1111"
NOT_LUHN = "4111 1111 1111 1112"
# Scan one model with a free-text note, so the test does not depend on other apps.
NOTES = DataMap.from_models([Objection])


@pytest.mark.parametrize(
    ("digits", "valid"),
    [("4111111111111111", True), ("4111111111111112", False), ("79927398713", True)],
)
def test_luhn_checksum_accepts_only_valid_card_numbers(digits, valid):
    assert luhn_valid(digits) is valid


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (f"paid with {VISA_TEST} at the desk", True),
        ("card 4111-1111-1111-1111", True),
        (f"reference {NOT_LUHN}", False),
        ("too short 411111111111", False),
        ("digest ab4111111111111111cd", False),
    ],
)
def test_card_number_is_found_only_as_a_luhn_valid_13_to_19_digit_run(text, found):
    assert contains_card_number(text) is found


def test_card_number_in_a_stored_text_field_fails_sec_02_naming_row_and_field(db):
    # given a free-text note holding a Luhn-valid card number
    note = Objection.objects.create(
        subject_id=uuid.uuid4(), purpose="fraud_prevention", override_grounds=VISA_TEST
    )
    # when
    result = check_card_numbers(data_map=NOTES)
    # then
    assert result == CheckResult(
        name="No card numbers stored (SEC-02)",
        passed=False,
        details=(f"consent.Objection #{note.pk} field 'override_grounds'",),
    )


def test_number_failing_luhn_in_a_stored_text_field_passes_sec_02(db):
    # given
    Objection.objects.create(
        subject_id=uuid.uuid4(), purpose="fraud_prevention", override_grounds=NOT_LUHN
    )
    # when
    result = check_card_numbers(data_map=NOTES)
    # then
    assert result == CheckResult(name="No card numbers stored (SEC-02)", passed=True)


@pytest.fixture
def booking_with_notes(account_factory):
    """Make a booking whose notes, encrypted at rest, hold the text given."""
    portrait = SessionType.objects.create(
        name="Portrait",
        duration=dt.timedelta(minutes=90),
        price=Decimal("150.00"),
        currency="GBP",
        places="Studio\n",
    )
    client = account_factory()

    def make(notes: str):
        return booking_create(
            client=client,
            session_type_id=portrait.pk,
            starts_at=dt.datetime(2026, 12, 5, 14, 0, tzinfo=dt.UTC),
            place="Studio",
            notes=notes,
            now=dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC),
        )

    return make


def test_card_number_in_encrypted_booking_notes_is_found_decrypted(
    booking_with_notes,
):
    # given a client wrote a card number into the booking notes, encrypted at rest
    booking = booking_with_notes(f"pay with {VISA_TEST}")
    # when
    result = check_card_numbers(data_map=DataMap.from_models([Booking]))
    # then
    assert result.details == (f"bookings.Booking #{booking.pk} field 'notes'",)


def test_number_failing_luhn_in_encrypted_booking_notes_is_not_reported(
    booking_with_notes,
):
    # given
    booking_with_notes(f"order ref {NOT_LUHN}")
    # when
    result = check_card_numbers(data_map=DataMap.from_models([Booking]))
    # then
    assert result.passed is True
