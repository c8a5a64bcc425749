"""Start-up checks against the declaration as a whole: it loads, and what its purposes
use is stored by a model or said to be held elsewhere (Art. 30 records of processing)."""

from django.core.checks import Error, Warning
from django.core.management import call_command
from django.db import OperationalError, models
from django.test import override_settings

import pytest

from candid.datamap import checks
from candid.datamap.checks import (
    check_data_map,
    declaration_for_checks,
    storage_messages,
)
from candid.datamap.models import Subject
from candid.policy import load_declaration
from tests.datamap.conftest import personal_data


def subject_fk() -> models.ForeignKey:
    return models.ForeignKey(Subject, on_delete=models.CASCADE)


@pytest.mark.django_db
def test_an_unreadable_declaration_stops_start_up_with_candid_e009(tmp_path):
    # given
    broken = tmp_path / "policy.yaml"
    broken.write_text("not: [valid")

    # when
    with override_settings(CANDID_POLICY_FILE=broken):
        messages = check_data_map()

    # then
    assert [(m.id, m.msg.splitlines()[0]) for m in messages] == [
        (
            "candid.E009",
            f"The active privacy declaration cannot be loaded: {broken}: 1 problem(s)",
        )
    ]


def test_checks_before_migrations_read_the_configured_policy_file(
    monkeypatch, settings
):
    # given the published versions' table does not exist yet
    def no_table() -> None:
        raise OperationalError("no such table: notices_policyversion")

    monkeypatch.setattr("candid.notices.selectors.policy_version_current", no_table)

    # when
    declaration = declaration_for_checks()

    # then
    assert declaration == load_declaration(settings.CANDID_POLICY_FILE)


def _only_purposes(declaration, *keys):
    purposes = [declaration.purpose(key) for key in keys]
    return declaration.model_copy(update={"purposes": purposes})


def test_a_category_a_purpose_uses_but_no_model_stores_is_a_warning(
    model_factory, declaration
):
    # given fraud_prevention uses user.device.ip_address and user.device
    login = model_factory(
        "Login",
        personal_data("subject", {"subject": None, "ip": "user.device.ip_address"}),
        subject=subject_fk(),
        ip=models.GenericIPAddressField(),
    )

    # when
    messages = storage_messages(
        [login], _only_purposes(declaration, "fraud_prevention"), {}
    )

    # then
    assert messages == [
        Warning(
            "'user.device' is used by purpose(s) 'fraud_prevention', but no Candid "
            "model stores it.",
            hint="Annotate the field that stores it, or, if only a third party holds "
            "it, add it to settings.CANDID_DATAMAP_NOT_STORED with the reason.",
            id="candid.W001",
        )
    ]


def test_a_malformed_annotation_is_reported_once_not_again_as_storage(
    model_factory, declaration
):
    # given candid.E008 reports this model; the storage check skips it
    note = model_factory("Note", personal_data(None, ["text"]), text=models.TextField())

    # when
    messages = storage_messages(
        [note], _only_purposes(declaration, "site_preferences"), {}
    )

    # then
    assert [(m.id, m.msg) for m in messages] == [
        (
            "candid.W001",
            "'user.account.settings' is used by purpose(s) 'site_preferences', but no "
            "Candid model stores it.",
        )
    ]


def test_a_category_declared_as_held_only_by_a_third_party_needs_no_model(declaration):
    # given analytics uses cookie ids and browsing history that only the vendor holds
    held_elsewhere = {
        "user.device.cookie_id": "Set and read by the analytics vendor's script.",
        "user.behavior.browsing_history": "Collected by the analytics vendor.",
    }

    # when
    messages = storage_messages(
        [], _only_purposes(declaration, "analytics"), held_elsewhere
    )

    # then
    assert messages == []


def test_a_category_configured_as_never_stored_but_stored_is_an_error(
    model_factory, declaration
):
    # given
    visit = model_factory(
        "Visit",
        personal_data("subject", {"subject": None, "cookie": "user.device.cookie_id"}),
        subject=subject_fk(),
        cookie=models.CharField(max_length=64),
    )

    # when
    messages = storage_messages(
        [visit],
        _only_purposes(declaration, "analytics"),
        {
            "user.device.cookie_id": "Only the vendor holds it.",
            "user.behavior.browsing_history": "Only the vendor holds it.",
        },
    )

    # then
    assert messages == [
        Error(
            "'user.device.cookie_id' is configured as never stored by Candid "
            "(CANDID_DATAMAP_NOT_STORED), but datamap.Visit.cookie stores it.",
            hint="Remove it from CANDID_DATAMAP_NOT_STORED, or stop storing it.",
            id="candid.E010",
        )
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "value",
    [["user.device.cookie_id"], {"user.device.cookie_id": " "}],
    ids=["a list", "a blank reason"],
)
def test_a_not_stored_setting_without_reasons_is_an_error(value):
    # given
    with override_settings(CANDID_DATAMAP_NOT_STORED=value):
        # when
        messages = check_data_map(app_configs=[])

    # then
    assert [(m.id, m.msg) for m in messages] == [
        (
            "candid.E011",
            "CANDID_DATAMAP_NOT_STORED must map each data category to the reason "
            f"Candid never stores it, not {value!r}.",
        )
    ]


@pytest.mark.django_db
def test_every_model_of_the_installed_project_passes_djangos_check():
    # when / then: raises SystemCheckError on any error
    call_command("check")


def test_the_check_ids_are_unique_and_tabled_in_the_module_docstring():
    # given
    codes = [v for k, v in vars(checks.Codes).items() if not k.startswith("_")]

    # then
    assert len(codes) == len(set(codes)) == 12
    assert all(f"| {code} |" in checks.__doc__ for code in codes)
