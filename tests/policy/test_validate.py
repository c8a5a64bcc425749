"""Each rule of the validator, broken one at a time on a copy of a valid declaration."""

import copy

import yaml

from candid.policy import parse_declaration
from tests.policy.conftest import find


def messages(problems):
    return [(p.path, p.message) for p in problems]


def test_purpose_without_a_legal_basis_is_refused(problems_after):
    problems = problems_after(
        lambda d: find(d["purposes"], "customer_support").pop("legal_basis")
    )

    assert messages(problems) == [
        (
            "purposes[1].legal_basis",
            "purpose 'customer_support' has no legal basis; give exactly one of consent, "
            "contract, legal_obligation, legitimate_interests",
        )
    ]


def test_purpose_with_two_legal_bases_is_refused(problems_after):
    def two_bases(d):
        find(d["purposes"], "customer_support")["legal_basis"] = ["contract", "consent"]

    problems = problems_after(two_bases)

    assert [p.path for p in problems] == ["purposes[1].legal_basis"]
    assert "not ['contract', 'consent']" in problems[0].message


def test_consent_purpose_that_defaults_to_opted_in_is_refused(problems_after):
    def opted_in(d):
        find(d["purposes"], "marketing_email")["consent"]["default"] = "granted"

    problems = problems_after(opted_in)

    assert messages(problems) == [
        (
            "purposes[3].consent.default",
            "consent purpose 'marketing_email' must default to denied: silence or a "
            "pre-ticked box is not consent (GDPR Art. 4(11), Planet49)",
        )
    ]


def test_processor_given_a_category_none_of_its_purposes_uses_is_refused(
    problems_after,
):
    def overshare(d):
        find(d["recipients"], "mailchimp")["data_categories"].append(
            "user.contact.address"
        )

    problems = problems_after(overshare)

    assert messages(problems) == [
        (
            "recipients[2].data_categories[2]",
            "'mailchimp' receives 'user.contact.address', but none of its purposes uses it",
        )
    ]


def test_retention_rule_for_an_undeclared_category_is_refused(
    problems_after, cinetrum_raw
):
    index = len(cinetrum_raw["retention"])

    def stray_rule(d):
        d["retention"].append(
            {
                "category": "user.contact.fax_number",
                "period": "1 year",
                "trigger": "collected",
                "action": "delete",
                "reason": "Faxes.",
            }
        )

    problems = problems_after(stray_rule)

    assert messages(problems) == [
        (
            f"retention[{index}].category",
            "retention rule for 'user.contact.fax_number', which is not a declared data category",
        )
    ]


def test_marketing_purpose_without_an_unsubscribe_route_is_refused(problems_after):
    problems = problems_after(
        lambda d: find(d["purposes"], "marketing_email").pop("unsubscribe")
    )

    assert messages(problems) == [
        (
            "purposes[3].unsubscribe",
            "marketing purpose 'marketing_email' needs an unsubscribe route: one-click "
            "and a link in every message (RFC 8058, PECR reg. 22)",
        )
    ]


def test_missing_contact_is_refused(problems_after):
    problems = problems_after(lambda d: d["controller"].pop("email"))

    assert messages(problems) == [("controller.email", "is missing")]


def test_unknown_data_category_names_the_nearest_valid_keys(problems_after):
    def typo(d):
        d["data_categories"][1]["key"] = "user.contact.emial"

    problems = problems_after(typo)

    assert (
        "data_categories[1].key",
        "'user.contact.emial' is not a fideslang data category; nearest valid keys: "
        "user.contact.email, user.contact.url, user.contact",
    ) in messages(problems)


def test_unknown_data_use_names_the_nearest_valid_keys(problems_after):
    def typo(d):
        find(d["purposes"], "analytics")["data_use"] = "analytics.reportin"

    problems = problems_after(typo)

    assert messages(problems) == [
        (
            "purposes[7].data_use",
            "'analytics.reportin' is not a fideslang data use; nearest valid keys: "
            "analytics.reporting, analytics.reporting.system, analytics.reporting.ad_performance",
        )
    ]


def test_request_channel_limited_to_a_web_form_is_refused(problems_after):
    def web_form_only(d):
        d["rights"]["channels"] = [
            {"kind": "web_form", "address": "/privacy/requests/"}
        ]

    problems = problems_after(web_form_only)

    assert messages(problems) == [
        (
            "rights.channels",
            "requests must be accepted on more than one channel; a single route such as a "
            "web form alone is not enough (GDPR Art. 12(2); CCPA: at least two methods)",
        )
    ]


def test_requests_recorded_under_an_undeclared_purpose_are_refused(problems_after):
    # DSR-14: the record of requests needs a declared purpose.
    def undeclared(d):
        d["rights"]["records_purpose"] = "request_records"

    problems = problems_after(undeclared)

    assert messages(problems) == [
        ("rights.records_purpose", "'request_records' is not a declared purpose")
    ]


def test_requests_answered_under_a_contract_purpose_are_refused(problems_after):
    # A contract basis would end with an objection or a restriction; the law's does not.
    def contract(d):
        d["rights"]["records_purpose"] = "customer_support"

    problems = problems_after(contract)

    assert [p.path for p in problems] == ["rights.records_purpose"]
    assert "needs the legal basis 'legal_obligation', not 'contract'" in (
        problems[0].message
    )


def test_a_version_published_before_records_purpose_existed_still_loads(cinetrum_raw):
    # given the Cinetrum declaration as published before the setting existed
    raw = copy.deepcopy(cinetrum_raw)
    raw["rights"].pop("records_purpose")
    # when
    declaration = parse_declaration(yaml.safe_dump(raw, sort_keys=False), source="old")
    # then requests are answered under its legal-obligation privacy records
    assert declaration.records_purpose.key == "privacy_records"


def test_requests_with_no_purpose_to_be_answered_under_are_refused(problems_after):
    def none(d):
        d["rights"].pop("records_purpose")
        find(d["purposes"], "privacy_records")["legal_basis"] = "legitimate_interests"
        find(d["purposes"], "privacy_records").pop("legal_obligation")

    problems = problems_after(none)

    assert "rights.records_purpose" in [p.path for p in problems]


def test_category_without_a_retention_rule_is_refused(problems_after):
    problems = problems_after(lambda d: d["retention"].pop(0))

    assert messages(problems) == [
        ("retention", "'user.name' has no retention rule (GDPR Art. 13(2)(a))")
    ]


def test_promotional_use_of_images_without_a_release_is_refused(problems_after):
    def opt_out_release(d):
        d["images"]["promotional_use_requires_release"] = False

    problems = problems_after(opt_out_release)

    assert [p.path for p in problems] == ["images.promotional_use_requires_release"]


def test_service_message_that_promotes_an_upgrade_is_refused(problems_after):
    def upgrade(d):
        d["communications"]["service"][0]["description"] = (
            "Booking details and upgrades to our products."
        )

    problems = problems_after(upgrade)

    assert messages(problems) == [
        (
            "communications.service[0].description",
            "service message 'booking_confirmation' mentions 'upgrade': promoting products or "
            "upgrades is marketing and needs consent and an unsubscribe",
        )
    ]


def test_significant_changes_announced_only_on_the_site_are_refused(problems_after):
    def site_only(d):
        d["changes"]["significant"] = ["site_notice"]

    problems = problems_after(site_only)

    assert messages(problems) == [
        (
            "changes.significant",
            "significant changes must be announced by e-mail, not only on the website",
        )
    ]


def test_sharing_for_advertising_needs_the_california_opt_out(problems_after):
    problems = problems_after(
        lambda d: d["rights"]["offered"].remove("opt_out_sale_sharing")
    )

    assert [p.path for p in problems] == ["rights.offered"]
    assert "opt_out_sale_sharing" in problems[0].message


def test_legitimate_interest_without_an_assessment_is_refused(problems_after):
    problems = problems_after(
        lambda d: find(d["purposes"], "fraud_prevention").pop("legitimate_interest")
    )

    assert messages(problems) == [
        (
            "purposes[4]",
            "purpose 'fraud_prevention' rests on legitimate interests but has no balancing "
            "assessment (legitimate_interest)",
        )
    ]


def test_transfer_outside_the_eea_without_a_safeguard_is_refused(problems_after):
    problems = problems_after(
        lambda d: find(d["recipients"], "mailchimp").pop("transfer")
    )

    assert messages(problems) == [
        (
            "recipients[2].transfer",
            "'mailchimp' receives data in US, outside the EEA and UK: name the transfer "
            "safeguard (GDPR Art. 44-46)",
        )
    ]


def test_non_essential_cookies_must_rest_on_consent(problems_after):
    def cookies_on_contract(d):
        find(d["cookies"]["categories"], "analytics")["purpose"] = "order_fulfilment"

    problems = problems_after(cookies_on_contract)

    assert [p.path for p in problems] == ["cookies.categories[2].purpose"]


def test_special_category_data_is_refused_when_none_is_declared(
    problems_after, cinetrum_raw
):
    index = len(cinetrum_raw["data_categories"])

    def health(d):
        d["data_categories"].append(
            {
                "key": "user.health_and_medical",
                "label": "Health",
                "source": "You",
                "requirement": "optional",
                "ccpa_category": "sensitive_personal_information",
            }
        )

    problems = problems_after(health)

    assert (
        f"data_categories[{index}].key",
        "'user.health_and_medical' is special-category data (GDPR Art. 9), but the "
        "declaration says none is collected",
    ) in messages(problems)


def test_essential_service_cannot_rest_on_consent(problems_after):
    def consent_for_orders(d):
        purpose = find(d["purposes"], "order_fulfilment")
        purpose["legal_basis"] = "consent"
        purpose["consent"] = {"withdraw_via": ["privacy_centre"]}

    problems = problems_after(consent_for_orders)

    assert [p.path for p in problems] == ["purposes[0].legal_basis"]
