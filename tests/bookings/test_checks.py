"""Start-up checks of bookings: the cancellation rule and its e-mail (COM-02, C-14)."""

from __future__ import annotations

from django.core.checks import Warning, run_checks

from candid.bookings.checks import Hints
from tests.bookings.conftest import POLICIES

CINETRUM_WINDOW = Warning(
    "Late cancellations are refunded at 100%, so 'full refund at least 48 hours "
    "before' changes nothing: the published policy states a rule that never "
    "applies (C-14).",
    hint=Hints.WINDOW_WITHOUT_EFFECT,
    id="candid.W301",
)
NO_RULE = Warning(
    "The declaration in force states no cancellation rule (commerce.bookings), "
    "so every booking is refused (COM-02).",
    hint=Hints.NO_RULE,
    id="candid.W300",
)
NO_MESSAGE = Warning(
    "The declaration names no 'booking_confirmation' service message: bookings "
    "and cancellations are not confirmed by e-mail.",
    hint=Hints.NO_MESSAGE,
    id="candid.W302",
)


def test_cinetrums_48_hour_window_is_flagged_as_changing_nothing_C_14(db):
    # when
    messages = run_checks(tags=["bookings"])
    # then
    assert messages == [CINETRUM_WINDOW]


def test_a_late_percentage_below_100_passes(db, edited_declaration):
    # given
    edited_declaration(50)
    # when
    messages = run_checks(tags=["bookings"])
    # then
    assert messages == []


def test_a_declaration_without_a_rule_or_message_is_warned_about_both(db, settings):
    # given seed 002, which declares neither
    settings.CANDID_POLICY_FILE = POLICIES / "3d-studio-production.yaml"
    # when
    messages = sorted(run_checks(tags=["bookings"]), key=lambda m: m.id)
    # then
    assert messages == [NO_RULE, NO_MESSAGE]
