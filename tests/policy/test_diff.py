"""What counts as a significant change between two policy versions (NOT-03).

Each test edits one thing in a copy of the Cinetrum declaration and checks the
change the diff lists, whether it is significant, and nothing else.
"""

from pathlib import Path

import pytest

from candid.policy import Declaration, load_declaration
from candid.policy.diff import Change, PolicyDiff, diff_declarations
from candid.policy.durations import Duration
from candid.policy.schema import (
    CookieCategory,
    DataCategory,
    DataSubject,
    Purpose,
    Recipient,
    Script,
    Transfer,
)
from tests.policy.conftest import REMOVED, changed

CINETRUM = Path(__file__).resolve().parents[2] / "policies" / "cinetrum-studio.yaml"


@pytest.fixture(scope="module")
def old() -> Declaration:
    return load_declaration(CINETRUM)


def listed(diff: PolicyDiff) -> list[tuple[str, str, bool]]:
    return [(c.kind, c.path, c.significant) for c in diff.changes]


def days(text: str) -> Duration:
    return Duration.parse(text)


# No change, and the plain output


def test_a_declaration_compared_with_itself_has_no_changes(old):
    diff = diff_declarations(old, old)

    assert diff.changes == ()
    assert diff.significant is False
    assert diff.as_text() == "No changes."
    assert diff.as_json() == []


def test_the_text_lists_significant_changes_first_and_asks_for_fresh_consent(old):
    # given
    new = changed(old, "purposes[marketing_email].description", "Newsletters.")
    new = changed(
        new,
        "purposes[marketing_email].data_categories",
        ["user.name", "user.contact.email", "user.contact.phone_number"],
    )

    # when
    text = diff_declarations(old, new).as_text()

    # then
    assert text == (
        "Significant changes (1):\n"
        '  - Purpose "Marketing e-mails" now uses data user.contact.phone_number. '
        "[purposes[marketing_email].data_categories]\n"
        "Other changes (1):\n"
        "  - Reworded the description of purposes[marketing_email]. "
        "[purposes[marketing_email].description]\n"
        "Ask for fresh consent to: marketing_email"
    )


def test_the_text_of_changes_that_are_not_significant_has_one_group(old):
    new = changed(old, "purposes[analytics].description", "Counting page views.")

    text = diff_declarations(old, new).as_text()

    assert text == (
        "Other changes (1):\n"
        "  - Reworded the description of purposes[analytics]. "
        "[purposes[analytics].description]"
    )


def test_the_changes_are_stored_as_plain_data(old):
    new = changed(old, "accounts.minimum_age", 14)

    stored = diff_declarations(old, new).as_json()

    assert stored == [
        {
            "kind": "minimum_age_lowered",
            "path": "accounts.minimum_age",
            "summary": "Accounts are now open from age 14 (was 16).",
            "significant": True,
            "purposes": [],
        }
    ]


# Not significant: wording, contact details, version and date


def test_rewording_a_purpose_is_not_significant(old):
    new = changed(old, "purposes[analytics].description", "Counting page views.")

    diff = diff_declarations(old, new)

    assert listed(diff) == [("reworded", "purposes[analytics].description", False)]
    assert diff.significant is False


def test_new_contact_details_are_not_significant(old):
    new = changed(old, "controller.email", "privacy@cinetrum.com")
    new = changed(new, "rights.channels[email].address", "privacy@cinetrum.com")

    diff = diff_declarations(old, new)

    assert listed(diff) == [
        ("detail_changed", "controller.email", False),
        ("detail_changed", "rights.channels[email].address", False),
    ]
    assert diff.changes[0].summary == (
        "Changed the email of controller from support@cinetrum.com "
        "to privacy@cinetrum.com."
    )


def test_a_new_version_number_and_date_are_not_significant(old):
    new = changed(old, "policy.version", "2027.01")
    new = changed(new, "policy.effective_date", old.policy.effective_date.replace(2027))

    diff = diff_declarations(old, new)

    assert listed(diff) == [
        ("detail_changed", "policy.version", False),
        ("detail_changed", "policy.effective_date", False),
    ]
    assert diff.significant is False


# Purposes


def test_a_new_purpose_is_significant(old):
    # given
    survey = Purpose(
        key="surveys",
        name="Client surveys",
        description="Asking clients how their session went.",
        data_use="improve.system",
        legal_basis="legitimate_interests",
        data_categories=["user.contact.email"],
        data_subjects=["customer"],
    )

    # when
    diff = diff_declarations(old, changed(old, "purposes", [*old.purposes, survey]))

    # then
    assert diff.changes == (
        Change(
            "purpose_added",
            "purposes[surveys]",
            'New purpose "Client surveys" (improve.system, legal basis '
            "legitimate_interests) using user.contact.email.",
            True,
        ),
    )


def test_a_purpose_no_longer_carried_out_is_not_significant(old):
    new = changed(old, "purposes[site_preferences]", REMOVED)

    assert listed(diff_declarations(old, new)) == [
        ("purpose_removed", "purposes[site_preferences]", False)
    ]


def test_a_purpose_resting_on_another_legal_basis_is_significant(old):
    new = changed(old, "purposes[fraud_prevention].legal_basis", "contract")

    diff = diff_declarations(old, new)

    assert listed(diff) == [
        ("purpose_legal_basis_changed", "purposes[fraud_prevention].legal_basis", True)
    ]
    assert diff.changes[0].summary == (
        'Purpose "Security and fraud prevention" now rests on contract '
        "(was legitimate_interests)."
    )


def test_a_purpose_using_more_categories_is_significant(old):
    new = changed(
        old,
        "purposes[customer_support].data_categories",
        [*old.purpose("customer_support").data_categories, "user.contact.phone_number"],
    )

    assert listed(diff_declarations(old, new)) == [
        ("purpose_categories_added", "purposes[customer_support].data_categories", True)
    ]


def test_a_purpose_using_fewer_categories_is_not_significant(old):
    new = changed(
        old, "purposes[customer_support].data_categories", ["user.contact.email"]
    )

    diff = diff_declarations(old, new)

    assert listed(diff) == [
        (
            "purpose_categories_removed",
            "purposes[customer_support].data_categories",
            False,
        )
    ]
    assert diff.changes[0].summary == (
        'Purpose "Customer support" no longer uses data user.name, '
        "user.behavior.purchase_history, user.content.private."
    )


def test_a_purpose_with_another_data_use_is_significant(old):
    new = changed(old, "purposes[analytics].data_use", "marketing.advertising")

    assert listed(diff_declarations(old, new)) == [
        ("purpose_use_changed", "purposes[analytics].data_use", True)
    ]


def test_a_purpose_reaching_more_people_is_significant(old):
    new = changed(
        old, "purposes[fraud_prevention].data_subjects", ["customer", "visitor"]
    )

    assert listed(diff_declarations(old, new)) == [
        ("purpose_subjects_added", "purposes[fraud_prevention].data_subjects", True)
    ]


def test_a_purpose_that_can_no_longer_be_objected_to_is_significant(old):
    new = changed(old, "purposes[fraud_prevention].objectable", False)

    assert listed(diff_declarations(old, new)) == [
        ("objection_removed", "purposes[fraud_prevention].objectable", True)
    ]


# Consent purposes whose scope changed (NOT-03: re-consent)


def test_a_consent_purpose_using_more_data_asks_for_fresh_consent(old):
    new = changed(
        old,
        "purposes[analytics].data_categories",
        [*old.purpose("analytics").data_categories, "user.device.ip_address"],
    )

    diff = diff_declarations(old, new)

    assert diff.consent_purposes_changed == ("analytics",)


def test_a_purpose_not_based_on_consent_never_asks_for_consent(old):
    new = changed(
        old,
        "purposes[customer_support].data_categories",
        [*old.purpose("customer_support").data_categories, "user.contact.phone_number"],
    )

    diff = diff_declarations(old, new)

    assert diff.significant is True
    assert diff.consent_purposes_changed == ()


def test_a_consent_purpose_using_less_data_needs_no_fresh_consent(old):
    new = changed(
        old, "purposes[marketing_email].data_categories", ["user.contact.email"]
    )

    diff = diff_declarations(old, new)

    assert diff.significant is False
    assert diff.consent_purposes_changed == ()


def test_a_new_recipient_for_a_consent_purpose_asks_for_fresh_consent(old):
    # given
    brevo = Recipient(
        key="brevo",
        name="Brevo",
        role="processor",
        service="Sending newsletters.",
        purposes=["marketing_email"],
        data_categories=["user.contact.email"],
        countries=["FR"],
    )

    # when
    diff = diff_declarations(old, changed(old, "recipients", [*old.recipients, brevo]))

    # then
    assert listed(diff) == [("recipient_added", "recipients[brevo]", True)]
    assert diff.changes[0].summary == (
        "New recipient Brevo (processor, in FR) receives user.contact.email."
    )
    assert diff.consent_purposes_changed == ("marketing_email",)


def test_a_new_script_in_a_consent_cookie_category_asks_for_fresh_consent(old):
    # given
    hotjar = Script(
        name="Hotjar",
        src="https://static.hotjar.com/c/hotjar.js",
        hosts=["static.hotjar.com"],
    )
    category = old.cookies.categories[2]

    # when
    new = changed(
        old, "cookies.categories[analytics].scripts", [*category.scripts, hotjar]
    )
    diff = diff_declarations(old, new)

    # then
    assert listed(diff) == [
        (
            "script_added",
            "cookies.categories[analytics].scripts[https://static.hotjar.com/c/hotjar.js]",
            True,
        )
    ]
    assert diff.consent_purposes_changed == ("analytics",)


# Data categories and data subjects


def test_a_new_data_category_is_significant(old):
    # given
    birthday = DataCategory(
        key="user.demographic.date_of_birth",
        label="Date of birth",
        source="You, at sign-up.",
        requirement="optional",
        ccpa_category="identifiers",
    )

    # when
    new = changed(old, "data_categories", [*old.data_categories, birthday])
    diff = diff_declarations(old, new)

    # then
    assert diff.changes == (
        Change(
            "category_added",
            "data_categories[user.demographic.date_of_birth]",
            "New data category: Date of birth (user.demographic.date_of_birth).",
            True,
        ),
    )


def test_a_data_category_no_longer_collected_is_not_significant(old):
    new = changed(old, "data_categories[user.account.settings]", REMOVED)

    assert listed(diff_declarations(old, new)) == [
        ("category_removed", "data_categories[user.account.settings]", False)
    ]


def test_an_optional_category_made_required_is_significant(old):
    new = changed(
        old, "data_categories[user.contact.phone_number].requirement", "contract"
    )

    assert listed(diff_declarations(old, new)) == [
        (
            "category_required",
            "data_categories[user.contact.phone_number].requirement",
            True,
        )
    ]


def test_a_category_no_longer_encrypted_at_rest_is_significant(old):
    new = changed(old, "data_categories[user.name].encrypted_at_rest", False)

    assert listed(diff_declarations(old, new)) == [
        ("encryption_removed", "data_categories[user.name].encrypted_at_rest", True)
    ]


def test_a_new_group_of_data_subjects_is_significant(old):
    staff = DataSubject(key="employee", label="Our staff")

    new = changed(old, "data_subjects", [*old.data_subjects, staff])

    assert listed(diff_declarations(old, new)) == [
        ("subject_added", "data_subjects[employee]", True)
    ]


def test_a_group_of_data_subjects_no_longer_served_is_not_significant(old):
    new = changed(old, "data_subjects[prospect]", REMOVED)

    diff = diff_declarations(old, new)

    assert listed(diff) == [("subject_removed", "data_subjects[prospect]", False)]
    assert diff.changes[0].summary == (
        "Data is no longer held about People who contact us or subscribe to our e-mails."
    )


# Recipients and transfers


def test_a_recipient_removed_is_not_significant(old):
    new = changed(old, "recipients[paypal]", REMOVED)

    diff = diff_declarations(old, new)

    assert listed(diff) == [("recipient_removed", "recipients[paypal]", False)]
    assert diff.changes[0].summary == "PayPal no longer receives personal data."


def test_a_recipient_receiving_new_categories_is_significant(old):
    new = changed(
        old,
        "recipients[mailchimp].data_categories",
        ["user.name", "user.contact.email", "user.behavior.purchase_history"],
    )

    diff = diff_declarations(old, new)

    assert listed(diff) == [
        ("recipient_categories_added", "recipients[mailchimp].data_categories", True)
    ]
    assert diff.consent_purposes_changed == ("marketing_email",)


def test_a_recipient_serving_a_new_purpose_is_significant(old):
    new = changed(
        old,
        "recipients[stripe].purposes",
        ["order_fulfilment", "fraud_prevention", "customer_support"],
    )

    assert listed(diff_declarations(old, new)) == [
        ("recipient_purposes_added", "recipients[stripe].purposes", True)
    ]


def test_a_processor_becoming_a_controller_is_significant(old):
    new = changed(old, "recipients[hosting].role", "controller")

    assert listed(diff_declarations(old, new)) == [
        ("recipient_role_changed", "recipients[hosting].role", True)
    ]


def test_a_new_transfer_destination_is_significant(old):
    new = changed(old, "recipients[hosting].countries", ["DE", "IN"])

    diff = diff_declarations(old, new)

    assert listed(diff) == [
        ("transfer_destination_added", "recipients[hosting].countries", True)
    ]
    assert diff.changes[0].summary == "Our hosting provider now receives data in IN."


def test_a_weaker_transfer_safeguard_is_significant(old):
    derogation = Transfer(
        mechanism="derogation",
        details="Explicit consent.",
        copy_available_from="support@cinetrum.com",
    )

    diff = diff_declarations(
        old, changed(old, "recipients[mailchimp].transfer", derogation)
    )

    assert listed(diff) == [
        ("transfer_weakened", "recipients[mailchimp].transfer", True)
    ]
    assert diff.changes[0].summary == (
        "Transfers to Mailchimp (Intuit) now rest on derogation (was dpf), a weaker safeguard."
    )


def test_a_transfer_safeguard_dropped_is_significant(old):
    new = changed(old, "recipients[stripe].transfer", None)

    assert listed(diff_declarations(old, new)) == [
        ("transfer_weakened", "recipients[stripe].transfer", True)
    ]


def test_a_stronger_transfer_safeguard_is_not_significant(old):
    # given
    scc = Transfer(
        mechanism="scc",
        details="Standard contractual clauses.",
        copy_available_from="support@cinetrum.com",
    )
    before = changed(old, "recipients[mailchimp].transfer", scc)

    # when
    diff = diff_declarations(before, old)

    # then
    assert listed(diff) == [
        ("detail_changed", "recipients[mailchimp].transfer.mechanism", False),
        ("reworded", "recipients[mailchimp].transfer.details", False),
    ]


def test_a_recipient_that_starts_receiving_data_for_sale_or_sharing_is_significant(old):
    new = changed(old, "recipients[google_analytics].sale_or_sharing", True)

    assert listed(diff_declarations(old, new)) == [
        (
            "sale_or_sharing_started",
            "recipients[google_analytics].sale_or_sharing",
            True,
        )
    ]


# Retention


def test_a_longer_retention_period_is_significant(old):
    new = changed(old, "retention[user.device.ip_address].period", days("6 months"))

    diff = diff_declarations(old, new)

    assert listed(diff) == [
        ("retention_longer", "retention[user.device.ip_address].period", True)
    ]
    assert diff.changes[0].summary == (
        "user.device.ip_address is now kept 6 months (was 90 days)."
    )


def test_a_shorter_retention_period_is_not_significant(old):
    new = changed(old, "retention[user.content.private].period", days("6 months"))

    assert listed(diff_declarations(old, new)) == [
        ("retention_shorter", "retention[user.content.private].period", False)
    ]


def test_periods_in_other_units_are_compared_by_their_length(old):
    # given: 12 months became 1 year, the same length
    new = changed(old, "retention[user.content.private].period", days("1 year"))

    # when
    diff = diff_declarations(old, new)

    # then
    assert listed(diff) == [
        ("retention_shorter", "retention[user.content.private].period", False)
    ]


def test_retention_counted_from_another_event_is_significant(old):
    new = changed(old, "retention[user.contact.address].trigger", "account_closed")

    assert listed(diff_declarations(old, new)) == [
        ("retention_trigger_changed", "retention[user.contact.address].trigger", True)
    ]


def test_a_rule_that_now_keeps_what_it_deleted_is_significant(old):
    new = changed(old, "retention[record:web_log].action", "keep")

    assert listed(diff_declarations(old, new)) == [
        ("retention_action_changed", "retention[record:web_log].action", True)
    ]


def test_a_rule_that_now_anonymises_instead_of_keeping_is_not_significant(old):
    new = changed(old, "retention[record:invoice].action", "anonymise")

    assert listed(diff_declarations(old, new)) == [
        ("retention_action_changed", "retention[record:invoice].action", False)
    ]


def test_a_retention_rule_removed_is_significant(old):
    new = changed(old, "retention[record:web_log]", REMOVED)

    assert listed(diff_declarations(old, new)) == [
        ("retention_rule_removed", "retention[record:web_log]", True)
    ]


def test_backups_kept_longer_is_significant(old):
    new = changed(old, "backups.retention", days("90 days"))

    assert listed(diff_declarations(old, new)) == [
        ("retention_longer", "backups.retention", True)
    ]


def test_unused_accounts_kept_longer_is_significant(old):
    new = changed(old, "accounts.dormant_after", None)

    diff = diff_declarations(old, new)

    assert listed(diff) == [("retention_longer", "accounts.dormant_after", True)]
    assert diff.changes[0].summary == (
        "Unused accounts are now closed after never (was 24 months)."
    )


# Rights, channels, jurisdictions, accounts


def test_a_right_removed_is_significant(old):
    offered = [r for r in old.rights.offered if r != "portability"]

    diff = diff_declarations(old, changed(old, "rights.offered", offered))

    assert diff.changes == (
        Change(
            "right_removed",
            "rights.offered",
            "Rights no longer offered: portability.",
            True,
        ),
    )


def test_a_right_added_is_not_significant(old):
    new = changed(old, "rights.offered", [*old.rights.offered, "limit_sensitive"])

    assert listed(diff_declarations(old, new)) == [
        ("right_added", "rights.offered", False)
    ]


def test_a_request_channel_removed_is_significant(old):
    new = changed(old, "rights.channels[email]", REMOVED)

    diff = diff_declarations(old, new)

    assert listed(diff) == [("channel_removed", "rights.channels[email]", True)]
    assert diff.changes[0].summary == "Requests can no longer be made by email."


def test_a_jurisdiction_dropped_is_significant(old):
    new = changed(old, "jurisdictions[US-CA]", REMOVED)

    assert listed(diff_declarations(old, new)) == [
        ("jurisdiction_removed", "jurisdictions[US-CA]", True)
    ]


def test_a_slower_response_to_requests_is_significant(old):
    response = old.jurisdiction("EU").response.model_copy(
        update={"extension": days("3 months")}
    )

    diff = diff_declarations(old, changed(old, "jurisdictions[EU].response", response))

    assert listed(diff) == [("response_slower", "jurisdictions[EU].response", True)]


def test_a_lower_minimum_age_is_significant(old):
    new = changed(old, "accounts.minimum_age", 13)

    assert listed(diff_declarations(old, new)) == [
        ("minimum_age_lowered", "accounts.minimum_age", True)
    ]


def test_a_higher_minimum_age_is_not_significant(old):
    new = changed(old, "accounts.minimum_age", 18)

    assert listed(diff_declarations(old, new)) == [
        ("minimum_age_raised", "accounts.minimum_age", False)
    ]


# Cookies


def test_a_new_cookie_category_is_significant(old):
    # given
    chat = CookieCategory(
        key="chat",
        name="Chat",
        description="A chat window.",
        purpose="customer_support",
        cookies=[
            {
                "name": "chat_id",
                "provider": "Crisp",
                "purpose": "Keeps the chat",
                "lifetime": "6 months",
            }
        ],
    )

    # when
    new = changed(old, "cookies.categories", [*old.cookies.categories, chat])
    diff = diff_declarations(old, new)

    # then
    assert listed(diff) == [("cookie_category_added", "cookies.categories[chat]", True)]
    assert diff.changes[0].summary == 'New cookie category "Chat" sets chat_id.'


def test_a_new_cookie_is_significant(old):
    category = old.cookies.categories[1]
    cookie = category.cookies[0].model_copy(update={"name": "candid_layout"})

    new = changed(
        old, "cookies.categories[preferences].cookies", [*category.cookies, cookie]
    )
    diff = diff_declarations(old, new)

    assert listed(diff) == [
        ("cookie_added", "cookies.categories[preferences].cookies[candid_layout]", True)
    ]
    assert diff.consent_purposes_changed == ("site_preferences",)


def test_a_cookie_category_serving_another_purpose_is_significant(old):
    new = changed(old, "cookies.categories[analytics].purpose", "advertising")

    assert listed(diff_declarations(old, new)) == [
        ("cookie_purpose_changed", "cookies.categories[analytics].purpose", True)
    ]


def test_a_cookie_category_that_can_no_longer_be_switched_off_is_significant(old):
    new = changed(old, "cookies.categories[preferences].essential", True)

    assert listed(diff_declarations(old, new)) == [
        ("cookie_made_essential", "cookies.categories[preferences].essential", True)
    ]


def test_a_cookie_category_that_starts_to_share_data_for_advertising_is_significant(
    old,
):
    new = changed(old, "cookies.categories[analytics].sale_or_sharing", True)

    assert listed(diff_declarations(old, new)) == [
        (
            "sale_or_sharing_started",
            "cookies.categories[analytics].sale_or_sharing",
            True,
        )
    ]


def test_a_cookie_category_removed_is_not_significant(old):
    new = changed(old, "cookies.categories[advertising]", REMOVED)

    assert listed(diff_declarations(old, new)) == [
        ("cookie_category_removed", "cookies.categories[advertising]", False)
    ]


# Switches that lessen protection, and client images


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("collects_special_categories", True),
        ("automated_decisions.used", True),
        ("communications.soft_opt_in", True),
        ("images.promotional_use_requires_release", False),
    ],
)
def test_a_switch_that_lessens_protection_is_significant(old, path, value):
    diff = diff_declarations(old, changed(old, path, value))

    assert listed(diff) == [("protection_lessened", path, True)]


def test_a_switch_that_adds_protection_is_not_significant(old):
    before = changed(old, "communications.soft_opt_in", True)

    diff = diff_declarations(before, old)

    assert listed(diff) == [("detail_changed", "communications.soft_opt_in", False)]


def test_model_releases_covering_new_uses_is_significant(old):
    new = changed(
        old, "images.release_uses", [*old.images.release_uses, "print_advertising"]
    )

    assert listed(diff_declarations(old, new)) == [
        ("release_uses_added", "images.release_uses", True)
    ]


def test_galleries_kept_online_longer_is_significant(old):
    new = changed(old, "images.gallery_lifetime", days("2 years"))

    assert listed(diff_declarations(old, new)) == [
        ("retention_longer", "images.gallery_lifetime", True)
    ]


def test_delivered_images_keeping_their_location_is_significant(old):
    new = changed(
        old, "images.stripped_metadata", ["camera_serial", "original_filename"]
    )

    diff = diff_declarations(old, new)

    assert listed(diff) == [("metadata_kept", "images.stripped_metadata", True)]
    assert diff.changes[0].summary == "Delivered images now keep their gps metadata."


def test_a_section_removed_is_listed_once(old):
    new = changed(old, "images", None)

    diff = diff_declarations(old, new)

    assert diff.changes == (Change("item_removed", "images", "Removed images.", False),)


def test_two_request_channels_of_the_same_kind_are_told_apart(old):
    second = old.rights.channels[0].model_copy(update={"address": "dpo@cinetrum.com"})

    new = changed(old, "rights.channels", [*old.rights.channels, second])

    assert listed(diff_declarations(old, new)) == [
        ("item_added", "rights.channels[email+]", False)
    ]


# What people are asked to read: listed in plain words, never significant


def test_asking_for_the_policy_to_be_acknowledged_is_listed_but_not_significant(old):
    """An acknowledgement is not consent (LAW-06), so asking for one changes no promise."""
    new = changed(old, "policy.acknowledged_at", ["sign_up", "booking"])

    diff = diff_declarations(old, new)

    assert diff.changes == (
        Change(
            "acknowledgement_changed",
            "policy.acknowledged_at",
            "You are now asked to confirm that you have read this policy when you "
            "create an account or book a session.",
            False,
        ),
    )
    assert diff.consent_purposes_changed == ()


def test_no_longer_asking_for_the_policy_to_be_acknowledged_is_not_significant(old):
    before = changed(old, "policy.acknowledged_at", ["checkout"])

    diff = diff_declarations(before, old)

    assert diff.changes == (
        Change(
            "acknowledgement_changed",
            "policy.acknowledged_at",
            "You are no longer asked to confirm that you have read this policy.",
            False,
        ),
    )


def test_a_new_link_to_more_about_cookies_is_listed_but_not_significant(old):
    """The link only adds reading (CK-09): no cookie, purpose or consent changes."""
    url = "https://ico.org.uk/for-the-public/online/cookies/"

    diff = diff_declarations(old, changed(old, "cookies.more_information_url", url))

    assert diff.changes == (
        Change(
            "cookie_information_changed",
            "cookies.more_information_url",
            f"The cookie section now points to {url} for more about cookies.",
            False,
        ),
    )
    assert diff.consent_purposes_changed == ()


def test_a_link_to_more_about_cookies_removed_is_not_significant(old):
    before = changed(old, "cookies.more_information_url", "https://example.org/c")

    diff = diff_declarations(before, old)

    assert diff.changes == (
        Change(
            "cookie_information_changed",
            "cookies.more_information_url",
            "The cookie section no longer points to a page about cookies.",
            False,
        ),
    )
