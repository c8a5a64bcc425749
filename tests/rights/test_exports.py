"""The access export: everything the data map finds, explained (DSR-07, DSR-08)."""

from __future__ import annotations

import json

from candid.consent.services import consent_grant
from candid.datamap.registry import registry
from candid.rights.exports import WITHHELD, access_export_build

PREFERENCES = "Your consents, cookie choices and privacy requests"


def _field(name, category, label, value):
    return {
        "field": name,
        "category": category,
        "category_label": label,
        "value": value,
    }


def _ana_with_consent(account_factory):
    ana = account_factory()
    consent_grant(
        subject_id=ana.subject_id,
        purpose="marketing_email",
        surface="privacy_centre",
        mechanism="toggle",
        text="Send me news",
    )
    return ana


def test_dsr07_export_holds_every_personal_field_of_the_account(account_factory):
    # given a client account
    ana = account_factory()
    # when the export is built
    export = access_export_build(subject_id=ana.subject_id)
    # then the account row lists each personal field with its category label
    assert export["data"] == {
        "account": [
            [
                _field(
                    "password",
                    "user.authorization.credentials",
                    "Account password (stored only as a one-way hash)",
                    WITHHELD,
                ),
                _field(
                    "email", "user.contact.email", "E-mail address", "ana@example.com"
                ),
                _field(
                    "email_index",
                    "user.contact.email",
                    "E-mail address",
                    ana.email_index,
                ),
                _field("full_name", "user.name", "Name", "Ana Lima"),
                _field("phone", "user.contact.phone_number", "Telephone number", None),
            ]
        ]
    }


def test_dsr07_consent_events_appear_as_records_of_privacy_choices(account_factory):
    # given a client who granted marketing consent
    ana = _ana_with_consent(account_factory)
    # when the export is built
    export = access_export_build(subject_id=ana.subject_id)
    # then the consent event is a record of their privacy choices, not studio data
    assert export["records_of_your_privacy_choices"] == {
        "consent event": [
            [
                _field("visitor_id", "user.privacy_preferences", PREFERENCES, ""),
                _field(
                    "purpose",
                    "user.privacy_preferences",
                    PREFERENCES,
                    "marketing_email",
                ),
                _field("action", "user.privacy_preferences", PREFERENCES, "granted"),
                _field(
                    "surface", "user.privacy_preferences", PREFERENCES, "privacy_centre"
                ),
                _field("mechanism", "user.privacy_preferences", PREFERENCES, "toggle"),
                _field("gpc", "user.privacy_preferences", PREFERENCES, False),
            ]
        ]
    }


def test_fields_holding_no_personal_data_are_left_out(account_factory):
    # given a client account, whose last_login and is_staff hold no personal data
    ana = account_factory()
    # when the export is built
    export = access_export_build(subject_id=ana.subject_id)
    # then only annotated personal fields appear
    names = [field["field"] for field in export["data"]["account"][0]]
    assert {"last_login", "is_staff", "id"} & set(names) == set()


def test_dsr08_each_category_names_its_purposes_recipients_retention_and_source(
    account_factory,
):
    # given a client account with a phone field
    ana = account_factory()
    # when the export is built
    export = access_export_build(subject_id=ana.subject_id)
    # then the phone category carries what the declaration says about it
    assert export["categories"]["user.contact.phone_number"] == {
        "label": "Telephone number",
        "source": "You, if you choose to give it when booking.",
        "purposes": [
            {
                "key": "order_fulfilment",
                "name": "Fulfilling orders and bookings",
                "legal_basis": "contract",
            }
        ],
        "recipients": [
            {"name": "Our hosting provider", "role": "processor", "countries": ["DE"]}
        ],
        "retention": {
            "period": "30 days",
            "trigger": "booking_completed",
            "action": "delete",
            "legal_obligation": None,
            "reason": "Needed only to reach you about a session.",
        },
    }


def test_dsr08_export_states_controller_rights_and_complaint_authorities(
    account_factory,
):
    # given a client account
    ana = account_factory()
    # when the export is built
    about = access_export_build(subject_id=ana.subject_id)["about_this_processing"]
    # then the Art 15(1) information comes from the declaration in force
    assert about["controller"] == {
        "name": "Cinetrum Studio",
        "email": "support@cinetrum.com",
        "postal_address": None,
        "website": "https://cinetrum.com",
    }
    assert about["complaint_authorities"] == [
        {
            "jurisdiction": "EU",
            "name": "The data protection authority of the EU country where you live or work",
            "url": "https://www.edpb.europa.eu/about-edpb/about-edpb/members_en",
        },
        {
            "jurisdiction": "US-CA",
            "name": "California Privacy Protection Agency",
            "url": "https://cppa.ca.gov",
        },
    ]
    assert {"access", "portability", "complain"} <= set(about["rights"])


def test_export_survives_a_json_round_trip(account_factory):
    # given a client with an account and a consent event
    ana = _ana_with_consent(account_factory)
    # when the export is written as JSON and read back
    export = access_export_build(subject_id=ana.subject_id)
    # then nothing is lost or changed
    assert json.loads(json.dumps(export)) == export


def test_dsr07_no_model_holding_the_subjects_personal_data_is_missing(
    account_factory, request_factory
):
    # given a subject with rows in the accounts, consent and rights apps
    ana = _ana_with_consent(account_factory)
    request_factory(subject_id=ana.subject_id)
    export = access_export_build(subject_id=ana.subject_id)
    exported = export["data"] | export["records_of_your_privacy_choices"]
    # when the data map is walked for every model with personal data and a row of theirs
    data_map = registry()
    holding = [
        str(location.model._meta.verbose_name)
        for location in data_map.locations_for_subject(ana.subject_id)
        if data_map.categories_of(location.model) and location.queryset().exists()
    ]
    # then every such model is in the export, and there are at least three
    assert len(holding) >= 3
    assert [name for name in holding if name not in exported] == []
