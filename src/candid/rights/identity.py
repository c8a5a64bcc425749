"""Data the studio holds that a requester can be checked against, from any studio app.

The rights kernel knows nothing of accounts or bookings. Studio apps register here,
in their `ready()`, how to find the data subject an e-mail address belongs to and
which data points a requester may be asked for (the last digits of a phone number,
the date of a booking), each with a function that says whether an answer matches
what that subject's encrypted records hold (DSR-05, CCPA regs §7062).

The questions asked never depend on who is asking or whether they have an account:
every registered point is offered to everyone, and an address with no account
matches nothing, so the answers reveal no more than a wrong guess would.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.views.decorators.debug import sensitive_variables

SubjectFinder = Callable[[str], "uuid.UUID | None"]
Matcher = Callable[[uuid.UUID, str], bool]


@dataclass(frozen=True)
class DataPoint:
    """One question a requester may answer, e.g. key "phone_last_digits".

    `matches(subject_id, raw_answer)` says whether the answer fits the subject's
    records; it must read them through the encrypted fields, say False for a
    subject with no such record, and never raise for a badly typed answer.
    """

    key: str
    label: str
    help_text: str
    matches: Matcher
    input_type: str = "text"


_points: dict[str, DataPoint] = {}
_finders: dict[str, SubjectFinder] = {}


def data_point_register(point: DataPoint) -> None:
    """Offer `point` to every requester; registering a key again replaces it."""
    _points[point.key] = point


def subject_finder_register(name: str, finder: SubjectFinder) -> None:
    """Register how one studio app finds the subject an e-mail address belongs to."""
    _finders[name] = finder


def data_points() -> tuple[DataPoint, ...]:
    """Return every registered data point, in the order they were registered."""
    return tuple(_points.values())


@sensitive_variables("raw_email")
def subject_for_email(raw_email: str) -> uuid.UUID | None:
    """Return the subject whose records hold this address, or None."""
    for finder in _finders.values():
        subject_id = finder(raw_email)
        if subject_id is not None:
            return subject_id
    return None


@sensitive_variables("answers")
def data_points_matched(
    subject_id: uuid.UUID | None, answers: Mapping[str, str]
) -> tuple[int, int]:
    """Return (answered, matched): how many points were answered, and matched.

    Blank answers and unknown keys do not count. With no subject nothing matches.
    """
    answered = matched = 0
    for key, raw_answer in answers.items():
        point = _points.get(key)
        if point is None or not raw_answer.strip():
            continue
        answered += 1
        if subject_id is not None and point.matches(subject_id, raw_answer.strip()):
            matched += 1
    return answered, matched
