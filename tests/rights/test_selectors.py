"""What staff see as due and overdue (issue 6: "Staff see what is due and overdue")."""

import datetime as dt

from candid.rights.models import Request, State
from candid.rights.selectors import requests_due_before, requests_overdue
from tests.rights.conftest import NOW


def test_requests_due_before_a_day_are_open_ones_soonest_first(request_factory):
    # given: due 15 February, 12 February, 1 March (California), and one closed
    eu = request_factory()
    earlier = request_factory(received_at=NOW - dt.timedelta(days=3))
    request_factory(request_type="know", jurisdiction="US-CA")
    closed = request_factory(received_at=NOW - dt.timedelta(days=5))
    Request.objects.filter(pk=closed.pk).update(state=State.COMPLETED)
    # when
    due = requests_due_before(day=dt.date(2026, 2, 20))
    # then
    assert list(due) == [earlier, eu]


def test_overdue_requests_are_open_ones_past_their_due_date(request_factory):
    # given
    late = request_factory(received_at=NOW - dt.timedelta(days=3))
    request_factory()
    # when
    overdue = requests_overdue(today=dt.date(2026, 2, 13))
    # then
    assert list(overdue) == [late]
