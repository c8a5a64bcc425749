"""The registry studio apps fill with data points and subject finders (DSR-05)."""

import uuid

import pytest

from candid.rights import identity
from candid.rights.identity import (
    DataPoint,
    data_point_register,
    data_points_matched,
    subject_finder_register,
    subject_for_email,
)

SUBJECT = uuid.UUID("00000000-0000-0000-0000-000000000001")


@pytest.fixture(autouse=True)
def _registry(monkeypatch):
    monkeypatch.setattr(identity, "_points", {})
    monkeypatch.setattr(identity, "_finders", {})


def _point(key, value):
    return DataPoint(
        key=key,
        label=key,
        help_text="",
        matches=lambda subject_id, answer: subject_id == SUBJECT and answer == value,
    )


def test_answers_are_counted_and_matched_against_the_registered_points():
    # given
    data_point_register(_point("pet", "Rex"))
    data_point_register(_point("city", "Bath"))
    # when
    result = data_points_matched(SUBJECT, {"pet": " Rex ", "city": "York", "x": "1"})
    # then: the unknown key and nothing else is ignored
    assert result == (2, 1)


def test_blank_answers_do_not_count():
    data_point_register(_point("pet", "Rex"))
    assert data_points_matched(SUBJECT, {"pet": "   "}) == (0, 0)


def test_without_a_subject_nothing_matches():
    data_point_register(_point("pet", "Rex"))
    assert data_points_matched(None, {"pet": "Rex"}) == (1, 0)


def test_the_first_finder_that_knows_the_address_answers():
    # given
    subject_finder_register("one", lambda email: None)
    subject_finder_register("two", lambda email: SUBJECT)
    # then
    assert subject_for_email("ana@example.com") == SUBJECT


def test_an_address_no_finder_knows_has_no_subject():
    subject_finder_register("one", lambda email: None)
    assert subject_for_email("ana@example.com") is None
