"""`candid audit_verify`: exit 0 on an intact chain, 1 at the first broken link."""

from io import StringIO

from django.core.management import call_command
from django.core.management.base import CommandError

import pytest

from tests.audit.conftest import tamper

pytestmark = pytest.mark.django_db


def test_an_intact_chain_is_reported_and_the_command_succeeds(five_events):
    # given
    out = StringIO()

    # when
    call_command("audit_verify", "--batch-size", "2", stdout=out)

    # then
    assert out.getvalue() == "Audit chain intact: 5 events verified, up to #5.\n"


def test_a_broken_chain_fails_the_command_with_exit_code_1(five_events):
    # given
    tamper("DELETE FROM {table} WHERE sequence = 2")

    # when
    with pytest.raises(CommandError) as failed:
        call_command("audit_verify", stdout=StringIO())

    # then
    assert failed.value.returncode == 1
    assert str(failed.value) == (
        "Audit chain broken at event #2 (missing): it is missing: the event was "
        "deleted. 1 events before it verified."
    )


@pytest.mark.parametrize("size", ["0", "-3", "many"])
def test_a_batch_size_that_is_not_a_positive_integer_is_refused(db, size):
    # when
    with pytest.raises(CommandError) as failed:
        call_command("audit_verify", "--batch-size", size)

    # then
    assert str(failed.value) == (
        f"Error: argument --batch-size: {size!r} is not a positive integer"
    )
