"""`candid policy export-fides`: Fides systems and a dataset that fideslang itself accepts."""

from pathlib import Path

import pytest
import yaml
from fideslang.default_taxonomy import (
    DEFAULT_DATA_CATEGORIES,
    DEFAULT_DATA_SUBJECTS,
    DEFAULT_DATA_USES,
)
from fideslang.models import Dataset, System, Taxonomy

from candid.policy import load_declaration
from candid.policy.fides import export_fides, studio_key

POLICIES = Path(__file__).resolve().parents[2] / "policies"
DECLARATIONS = sorted(POLICIES.glob("*.yaml"))


@pytest.fixture(
    scope="module", params=DECLARATIONS, ids=[path.stem for path in DECLARATIONS]
)
def exported(request):
    """Return a declaration of policies/ and its Fides export, read back as YAML."""
    declaration = load_declaration(request.param)
    return declaration, yaml.safe_load(export_fides(declaration))


def studio_system(declaration, manifest) -> dict:
    return next(
        s for s in manifest["system"] if s["fides_key"] == studio_key(declaration)
    )


def test_there_is_a_declaration_to_export_for_each_of_the_four_seeds():
    assert len(DECLARATIONS) == 4


def test_fideslang_accepts_the_export_and_ignores_nothing_in_it(exported):
    # given
    _, manifest = exported

    # when
    taxonomy = Taxonomy.model_validate(manifest)

    # then: fideslang ignores unknown fields, so an exact round trip shows none
    assert taxonomy.model_dump(mode="json", exclude_unset=True) == manifest


def test_each_system_and_the_dataset_validate_on_their_own(exported):
    declaration, manifest = exported

    systems = [System.model_validate(item) for item in manifest["system"]]
    (dataset,) = [Dataset.model_validate(item) for item in manifest["dataset"]]

    assert len(systems) == 1 + len(declaration.recipients)
    assert len({system.fides_key for system in systems}) == len(systems)
    assert dataset.fides_key == f"{studio_key(declaration)}_personal_data"


def test_every_purpose_is_a_privacy_declaration_of_the_studio(exported):
    # given
    declaration, manifest = exported
    legal_bases = {
        "consent": "Consent",
        "contract": "Contract",
        "legal_obligation": "Legal obligations",
        "legitimate_interests": "Legitimate interests",
    }

    # when
    studio = studio_system(declaration, manifest)
    by_name = {item["name"]: item for item in studio["privacy_declarations"]}

    # then
    assert len(by_name) == len(declaration.purposes)
    for purpose in declaration.purposes:
        item = by_name[purpose.name]
        assert item["data_use"] == purpose.data_use
        assert item["data_categories"] == purpose.data_categories
        assert item["data_subjects"] == purpose.data_subjects
        assert item["legal_basis_for_processing"] == legal_bases[purpose.legal_basis]


def test_every_data_category_is_a_field_of_the_dataset(exported):
    declaration, manifest = exported

    (dataset,) = manifest["dataset"]
    exported_categories = [
        category
        for collection in dataset["collections"]
        for field in collection["fields"]
        for category in field["data_categories"]
    ]

    assert sorted(exported_categories) == sorted(
        c.key for c in declaration.data_categories
    )


def test_every_recipient_receives_from_the_studio_what_the_declaration_gives_it(
    exported,
):
    # given
    declaration, manifest = exported
    studio = studio_key(declaration)
    systems = {s["fides_key"]: s for s in manifest["system"]}
    egress = {
        flow["fides_key"]: flow["data_categories"]
        for flow in systems[studio].get("egress", [])
    }

    # then
    for recipient in declaration.recipients:
        assert egress[recipient.key] == recipient.data_categories
        assert systems[recipient.key]["ingress"] == [
            {
                "fides_key": studio,
                "type": "system",
                "data_categories": recipient.data_categories,
            }
        ]


def test_every_key_the_export_uses_is_in_the_fideslang_taxonomy(exported):
    # given
    _, manifest = exported
    categories = {item.fides_key for item in DEFAULT_DATA_CATEGORIES}
    uses = {item.fides_key for item in DEFAULT_DATA_USES}
    subjects = {item.fides_key for item in DEFAULT_DATA_SUBJECTS}

    # when
    declarations = [
        item for system in manifest["system"] for item in system["privacy_declarations"]
    ]

    # then
    assert {c for item in declarations for c in item["data_categories"]} <= categories
    assert {item["data_use"] for item in declarations} <= uses
    assert {s for item in declarations for s in item["data_subjects"]} <= subjects


@pytest.fixture(scope="module")
def cinetrum():
    return load_declaration(POLICIES / "cinetrum-studio.yaml")


def test_the_cinetrum_newsletter_is_exported_with_its_basis_recipient_and_retention(
    cinetrum,
):
    # when
    manifest = yaml.safe_load(export_fides(cinetrum))

    # then
    studio = studio_system(cinetrum, manifest)
    (newsletter,) = [
        item
        for item in studio["privacy_declarations"]
        if item["name"] == "Marketing e-mails"
    ]
    assert newsletter == {
        "name": "Marketing e-mails",
        "data_categories": ["user.name", "user.contact.email"],
        "data_use": "marketing.communications.email",
        "data_subjects": ["customer", "prospect"],
        "dataset_references": ["cinetrum_studio_personal_data"],
        "egress": ["mailchimp"],
        "ingress": ["user"],
        "flexible_legal_basis_for_processing": False,
        "legal_basis_for_processing": "Consent",
        "retention_period": "user.name: 30 days (counted from: account_closed), then "
        "deleted; user.contact.email: 30 days (counted from: account_closed), then "
        "deleted",
        "data_shared_with_third_parties": False,
    }


def test_the_cinetrum_ad_pixel_is_shared_with_a_joint_controller(cinetrum):
    manifest = yaml.safe_load(export_fides(cinetrum))

    systems = {s["fides_key"]: s for s in manifest["system"]}
    (advertising,) = [
        item
        for item in systems["cinetrum_studio"]["privacy_declarations"]
        if item["data_use"] == "marketing.advertising.third_party.targeted"
    ]
    assert advertising["data_shared_with_third_parties"] is True
    assert advertising["third_parties"] == "Meta Platforms (Facebook Pixel)"
    assert systems["meta"]["responsibility"] == ["Controller"]
    assert systems["meta"]["joint_controller_info"] == "Cinetrum Studio"
    assert systems["stripe"]["responsibility"] == ["Processor"]


def test_a_studio_with_a_postal_address_and_no_recipients_is_exported_without_flows(
    cinetrum,
):
    # given
    controller = cinetrum.controller.model_copy(
        update={"postal_address": "1 Rue de la Lumière, Lyon", "website": "cinetrum"}
    )
    declaration = cinetrum.model_copy(
        update={"controller": controller, "recipients": []}
    )

    # when
    manifest = yaml.safe_load(export_fides(declaration))

    # then
    (studio,) = manifest["system"]
    assert studio["legal_address"] == "1 Rue de la Lumière, Lyon"
    assert "egress" not in studio
    assert "privacy_policy" not in studio
    assert studio["does_international_transfers"] is False
    Taxonomy.model_validate(manifest)
