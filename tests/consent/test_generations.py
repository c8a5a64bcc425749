"""The shared counter file: a bump by one holder is seen by every other at once."""

from __future__ import annotations

import os
import uuid

from candid.consent.generations import BUCKETS, POLICY_SLOT, Generations, subject_slot


def test_a_bump_through_one_mapping_is_seen_through_another(tmp_path):
    # given
    writer = Generations(tmp_path / "counters")
    reader = Generations(tmp_path / "counters")

    # when
    writer.bump(POLICY_SLOT)

    # then
    assert reader.slots[POLICY_SLOT] == 1


def test_a_subject_bump_moves_only_its_buckets_counter(tmp_path):
    # given
    counters = Generations(tmp_path / "counters")
    subject_id = uuid.UUID(int=BUCKETS + 3)

    # when
    counters.bump_subject(subject_id)

    # then
    assert subject_slot(subject_id.int) == 4
    assert [counters.slots[i] for i in range(6)] == [0, 0, 0, 0, 1, 0]


def test_reopening_the_file_keeps_the_counters(tmp_path):
    # given
    Generations(tmp_path / "counters").bump(7)

    # when
    reopened = Generations(tmp_path / "counters")

    # then
    assert reopened.slots[7] == 1
    assert os.stat(tmp_path / "counters").st_size == (BUCKETS + 1) * 8


def test_a_counter_wraps_around_instead_of_overflowing(tmp_path):
    # given
    counters = Generations(tmp_path / "counters")
    counters.slots[1] = (1 << 64) - 1

    # when
    value = counters.bump(1)

    # then
    assert value == 0


def test_closing_releases_the_mapping_and_the_lock_file(tmp_path):
    # given
    counters = Generations(tmp_path / "counters")
    counters.bump(1)

    # when
    counters.close()

    # then
    assert counters.slots.__class__ is memoryview
    assert counters._lock_descriptor == -1
