"""Start-up checks of erasure: candid.E600 and candid.W600 (STYLE §7)."""

from __future__ import annotations

from django.core.checks import Error, Warning, run_checks

import pytest

from candid.datamap.registry import model_map
from candid.rights import checks
from candid.rights.erasure_plan import model_plan
from tests.rights.conftest import POLICIES
from tests.vault.testapp.models import Enquiry

CONFIGURED = {
    "CANDID_STRIPE_SECRET_KEY": "sk_test_x",
    "CANDID_MAILCHIMP_API_KEY": "key-us1",
    "CANDID_MAILCHIMP_API_BASE": "https://us1.api.mailchimp.com/3.0",
    "CANDID_MAILCHIMP_LIST_ID": "list1",
}


pytestmark = pytest.mark.django_db


def _rights_messages():
    return [m for m in run_checks(tags=["rights"]) if m.id.startswith("candid.")]


def test_configured_connectors_and_movable_kept_values_pass(settings):
    # given every connector configured
    for name, value in CONFIGURED.items():
        setattr(settings, name, value)
    # then the rights checks report nothing
    assert _rights_messages() == []


def test_w600_a_connector_without_credentials_is_reported(settings):
    # given Stripe configured and Mailchimp's list id missing
    for name, value in CONFIGURED.items():
        setattr(settings, name, value)
    settings.CANDID_MAILCHIMP_LIST_ID = ""
    # then exactly that is reported, with the fix
    assert _rights_messages() == [
        Warning(
            "Recipient 'mailchimp' is erased through the mailchimp connector, but "
            "CANDID_MAILCHIMP_LIST_ID is not set: every erasure will wait for staff "
            "to attest it.",
            hint="Set CANDID_MAILCHIMP_LIST_ID, or declare `erasure_connector: email`.",
            id="candid.W600",
        )
    ]


def test_e600_kept_sealed_values_that_cannot_move_stop_start_up(
    settings, monkeypatch, tmp_path
):
    # given a policy keeping private content, and a model holding it sealed
    # under a plain subject id (no foreign key to move along)
    for name, value in CONFIGURED.items():
        setattr(settings, name, value)
    source = (POLICIES / "cinetrum-studio.yaml").read_text()
    source = source.replace(
        "{category: user.content.private, period: 12 months, trigger: last_activity, "
        "action: delete,",
        "{category: user.content.private, period: 12 months, trigger: last_activity, "
        "action: keep, legal_obligation: A court order.,",
    )
    policy = tmp_path / "policy.yaml"
    policy.write_text(source)
    settings.CANDID_POLICY_FILE = policy
    from candid.notices.selectors import declaration_active

    plan = model_plan(model_map(Enquiry), declaration_active())
    monkeypatch.setattr(checks, "erasure_plans", lambda declaration: [plan])
    # then start-up is refused, naming the model and its fields
    assert _rights_messages() == [
        Error(
            "vault_testapp.Enquiry keeps encrypted fields (message) under a "
            "legal obligation, but its rows do not point at their subject directly: "
            "an erasure could not seal them again before destroying the key, and "
            "would stop.",
            hint="Give the model a `subject` foreign key to datamap.Subject.",
            obj=Enquiry,
            id="candid.E600",
        )
    ]


def test_e600_leaves_a_broken_data_map_to_the_data_maps_own_checks(monkeypatch):
    # given a data map that cannot be built (an unannotated model)
    from django.core.exceptions import ImproperlyConfigured

    def broken(declaration):
        raise ImproperlyConfigured("x cannot join the data map")

    monkeypatch.setattr(checks, "erasure_plans", broken)
    # then this check reports nothing rather than crash start-up
    assert checks.kept_values_movable_check() == []
