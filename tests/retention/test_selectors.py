"""What legal holds keep out of a deletion, for sweeps and erasure alike (RET-03)."""

from __future__ import annotations

import datetime as dt

from candid.retention.selectors import rows_not_held
from candid.retention.services import legal_hold_place
from tests.retention.conftest import NOW
from tests.retention.testapp.models import WebLogEntry


def test_rows_under_a_hold_in_force_are_left_out(web_log, hold_staff):
    # given
    held, free = web_log(NOW, NOW)
    legal_hold_place(
        staff=hold_staff,
        kind="authority",
        reason="Police request",
        record_model="retention_testapp.WebLogEntry",
        record_pk=str(held.pk),
        now=NOW,
    )
    # when
    rows = rows_not_held(WebLogEntry.objects.all(), now=NOW)
    later = rows_not_held(WebLogEntry.objects.all(), now=NOW - dt.timedelta(days=1))
    # then
    assert list(rows) == [free]
    assert list(later.order_by("pk")) == [held, free]


def test_without_holds_every_row_is_returned(web_log):
    # given
    rows = web_log(NOW, NOW)
    # then
    assert list(rows_not_held(WebLogEntry.objects.order_by("pk"), now=NOW)) == rows
