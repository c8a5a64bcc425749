"""The registry of audit event types: stable codes in reserved ranges (STYLE §3)."""

import re

import pytest

from candid.audit import events
from candid.audit.events import EVENT_TYPES, RANGES, RETIRED, EventType, event_type
from candid.audit.exceptions import AuditEntryInvalid


def test_every_event_type_has_a_number_in_its_apps_reserved_range():
    # when
    outside = [
        t.code for t in EVENT_TYPES + RETIRED if t.number not in RANGES.get(t.app, ())
    ]

    # then
    assert outside == []


def test_no_two_event_types_share_a_number_or_a_code_even_once_retired():
    # given
    registered = EVENT_TYPES + RETIRED

    # then
    assert len({t.number for t in registered}) == len(registered)
    assert len({t.code for t in registered}) == len(registered)


def test_the_reserved_ranges_do_not_overlap():
    # given
    ordered = sorted(RANGES.values(), key=lambda r: r.start)

    # then
    assert all(a.stop <= b.start for a, b in zip(ordered, ordered[1:], strict=False))


def test_every_code_is_its_app_a_dot_and_a_lowercase_name():
    # when
    malformed = [
        t.code for t in EVENT_TYPES if not re.fullmatch(r"[a-z]+\.[a-z_]+", t.code)
    ]

    # then
    assert malformed == []


def test_the_registry_lists_every_type_the_module_defines():
    # given
    defined = {v for v in vars(events).values() if isinstance(v, EventType)}

    # then
    assert set(EVENT_TYPES) == defined
    assert events.VAULT_KEY_DESTROYED in EVENT_TYPES


def test_a_type_is_found_by_its_code_or_by_itself():
    # then
    assert event_type("consent.granted") is events.CONSENT_GRANTED
    assert event_type(events.CONSENT_GRANTED) is events.CONSENT_GRANTED
    assert str(events.CONSENT_GRANTED) == "consent.granted"
    assert events.CONSENT_GRANTED.app == "consent"


@pytest.mark.parametrize("action", ["consent.forged", "", None, 401])
def test_an_unregistered_action_is_refused(action):
    # when
    with pytest.raises(AuditEntryInvalid) as refused:
        event_type(action)

    # then
    assert str(refused.value) == (
        f"{action!r} is not a current audit event type: register it in "
        "candid.audit.events"
    )


def test_a_retired_type_can_no_longer_be_recorded(monkeypatch):
    # given
    monkeypatch.setattr(events, "RETIRED", (events.CONSENT_REFUSED,))

    # when
    with pytest.raises(AuditEntryInvalid) as refused:
        event_type("consent.refused")

    # then
    assert str(refused.value).startswith("'consent.refused' is not a current")
