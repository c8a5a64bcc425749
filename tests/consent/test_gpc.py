"""Global Privacy Control: the signal and the opt-out it records (CK-05)."""

from __future__ import annotations

from django.test import RequestFactory

import pytest

from candid.consent.exceptions import PurposeDenied
from candid.consent.gpc import gpc_opt_out_record, gpc_signal
from candid.consent.models import ConsentEvent
from candid.consent.purposes import require_purpose


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"Sec-GPC": "1"}, True),
        ({"Sec-GPC": " 1 "}, True),
        ({"Sec-GPC": "0"}, False),
        ({}, False),
    ],
)
def test_the_signal_is_read_from_the_sec_gpc_header_ck05(headers, expected):
    request = RequestFactory().get("/", headers=headers)

    assert gpc_signal(request) is expected


@pytest.mark.django_db
def test_the_signal_opts_out_of_every_sale_or_sharing_purpose_ck05():
    # when
    gpc_opt_out_record(visitor_id="q3Jx0v8Kd1_-", surface="cookie_banner")

    # then
    event = ConsentEvent.objects.get()
    assert (event.purpose, event.action, event.mechanism, event.gpc) == (
        "advertising",
        "withdrawn",
        "gpc",
        True,
    )


@pytest.mark.django_db
def test_a_subjects_signal_stops_sharing_at_the_next_check_ck05(subject_id, grant):
    # given
    grant(subject_id, "advertising")
    require_purpose(subject_id, "advertising")

    # when
    gpc_opt_out_record(subject_id=subject_id, surface="api")

    # then
    with pytest.raises(PurposeDenied):
        require_purpose(subject_id, "advertising")
