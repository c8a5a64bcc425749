"""`candid demo`, which `make run` uses to load the demo studio (issue 2)."""

import io
import re
from pathlib import Path

from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import override_settings

import pytest

from candid.accounts.models import User
from candid.bookings.models import SessionType
from candid.notices.models import PolicyVersion

pytestmark = pytest.mark.django_db
POLICY = Path(__file__).resolve().parents[2] / "policies" / "cinetrum-studio.yaml"


def run_demo() -> str:
    out = io.StringIO()
    call_command("demo", policy=POLICY, stdout=out)
    return out.getvalue()


def test_demo_prints_the_address_and_a_client_login_that_works(tmp_path):
    # when
    with override_settings(DEMO=True, DATA_DIR=tmp_path):
        output = run_demo()

    # then
    assert "Candid demo studio: http://127.0.0.1:8000/" in output
    email, password = re.search(r"demo client: (\S+) / (\S+)", output).groups()
    client = authenticate(username=email, password=password)
    assert client is not None
    assert not client.is_staff
    assert PolicyVersion.objects.get().version == "2026.11"
    assert (tmp_path / "demo-logins.json").stat().st_mode & 0o077 == 0


def test_loading_the_demo_twice_keeps_one_account_each_and_the_same_logins(tmp_path):
    with override_settings(DEMO=True, DATA_DIR=tmp_path):
        first = run_demo()
        second = run_demo()

    assert first.splitlines()[1:] == second.splitlines()[1:]
    assert User.objects.count() == 2
    assert PolicyVersion.objects.count() == 1
    assert SessionType.objects.count() == 2


def test_the_demo_is_refused_outside_demo_mode(tmp_path):
    with override_settings(DEMO=False, DEBUG=False, DATA_DIR=tmp_path):
        with pytest.raises(CommandError, match="only loaded with CANDID_DEMO=1"):
            run_demo()

    assert User.objects.count() == 0
    assert not (tmp_path / "demo-logins.json").exists()
