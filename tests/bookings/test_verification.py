"""Bookings offer the date of a session as a data point for rights requests (DSR-05)."""

import pytest

from candid.bookings.verification import BOOKING_DATE, booking_date_matches
from candid.rights.identity import data_points
from tests.bookings.conftest import SESSION_AT


def test_the_date_of_a_booked_session_matches(booking, client_account):
    assert booking_date_matches(
        client_account.subject_id, SESSION_AT.date().isoformat()
    )


@pytest.mark.parametrize("answer", ["2020-01-01", "not a date", ""])
def test_another_date_or_no_date_does_not_match(booking, client_account, answer):
    assert not booking_date_matches(client_account.subject_id, answer)


def test_a_client_without_bookings_matches_no_date(client_account):
    assert not booking_date_matches(
        client_account.subject_id, SESSION_AT.date().isoformat()
    )


def test_bookings_register_the_booking_date_with_the_rights_kernel():
    assert BOOKING_DATE in data_points()
