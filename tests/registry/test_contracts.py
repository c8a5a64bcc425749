"""The Art. 28(3) checklist of each processor, and the warnings it raises (PRC-02, BR-04)."""

from __future__ import annotations

from django.test import Client

import pytest

from candid.audit.models import AuditEvent
from candid.notices.selectors import declaration_active
from candid.policy import parse_declaration
from candid.registry.contracts import (
    TERMS,
    processor_checklists,
    processor_terms_record,
)
from candid.registry.exceptions import ProcessorTermsInvalid
from candid.registry.models import ProcessorTerms

from .conftest import signed_in_browser

ALL_TERMS = dict.fromkeys(TERMS, True)


def checklist_of(key: str, declaration=None):
    found = processor_checklists(declaration or declaration_active())
    return next(c for c in found if c.key == key)


def test_only_processors_get_a_checklist(db):
    # when
    keys = [c.key for c in processor_checklists(declaration_active())]
    # then PayPal (a controller), Meta (joint controller) and the tax authority have none
    assert keys == ["stripe", "mailchimp", "google_analytics", "hosting"]


def test_a_processor_whose_terms_were_never_checked_shows_a_warning_prc_02(db):
    # when
    stripe = checklist_of("stripe")
    # then
    assert stripe.warnings == (
        "The contract's Art. 28(3) terms have not been checked yet.",
    )
    assert stripe.complete is False


def test_every_missing_term_is_named_prc_02(staff_factory):
    # given
    staff = staff_factory("change_processor_terms")
    terms = {**ALL_TERMS, "audits": False, "sub_processors": False}
    # when
    processor_terms_record(
        user=staff,
        declaration=declaration_active(),
        recipient_key="stripe",
        terms=terms,
    )
    # then
    assert checklist_of("stripe").warnings == (
        "Missing term (d) engages sub-processors only as Art. 28(2) and (4) allow.",
        "Missing term (h) gives the information needed and allows audits.",
    )


def test_a_contract_with_every_term_is_complete_and_audited(staff_factory):
    # given
    staff = staff_factory("change_processor_terms")
    # when
    processor_terms_record(
        user=staff,
        declaration=declaration_active(),
        recipient_key="stripe",
        terms=ALL_TERMS,
        contract_link="dms://contracts/stripe-dpa-2025",
    )
    # then
    assert checklist_of("stripe").complete is True
    event = AuditEvent.objects.get(action="registry.processor_terms_recorded")
    assert event.details == {"recipient": "stripe", "terms_missing": 0}


def test_recording_terms_twice_keeps_one_row(staff_factory):
    # given
    staff = staff_factory("change_processor_terms")
    for terms in ({}, ALL_TERMS):
        processor_terms_record(
            user=staff,
            declaration=declaration_active(),
            recipient_key="hosting",
            terms=terms,
        )
    # then
    assert ProcessorTerms.objects.get().audits is True


@pytest.mark.parametrize(
    ("key", "terms", "message"),
    [
        ("paypal", {}, "'paypal' is not a processor of the declaration in force."),
        ("stripe", {"kindness": True}, "Unknown terms: kindness."),
    ],
)
def test_bad_terms_are_refused_and_nothing_is_recorded(
    staff_factory, key, terms, message
):
    # given
    staff = staff_factory("change_processor_terms")
    # when
    with pytest.raises(ProcessorTermsInvalid) as refused:
        processor_terms_record(
            user=staff, declaration=declaration_active(), recipient_key=key, terms=terms
        )
    # then
    assert str(refused.value) == message
    assert not ProcessorTerms.objects.exists()


def test_a_processor_without_contractual_breach_notice_hours_is_flagged_br_04(
    db, cinetrum_source
):
    # given the hosting contract sets no hours for reporting a breach
    old = "contract: {dpa_signed_on: 2025-01-10, breach_notice_hours: 24}"
    assert cinetrum_source.count(old) == 1
    source = cinetrum_source.replace(old, "contract: {dpa_signed_on: 2025-01-10}")
    declaration = parse_declaration(source, source="test")
    # when
    hosting = checklist_of("hosting", declaration)
    # then
    assert hosting.breach_notice_hours is None
    assert hosting.warnings == (
        "The contract sets no time within which the processor reports a breach "
        "(Art. 33(2); BR-04).",
        "The contract's Art. 28(3) terms have not been checked yet.",
    )


@pytest.mark.parametrize("caller", ["anonymous", "client", "staff"])
def test_the_checklists_are_hidden_from_anyone_without_the_role(
    account_factory, staff_factory, caller
):
    # given
    emails = {"client": account_factory().email, "staff": staff_factory().email}
    browser = Client() if caller == "anonymous" else signed_in_browser(emails[caller])
    # when
    response = browser.get("/studio/processors/")
    # then
    assert response.status_code == 404


def test_records_keeper_reads_the_checklists_but_cannot_change_them(records_keeper):
    # given
    browser = signed_in_browser(records_keeper.email)
    # when
    page = browser.get("/studio/processors/")
    posted = browser.post("/studio/processors/stripe/terms/", {"audits": "on"})
    # then
    assert page.status_code == 200
    assert "The contract&#x27;s Art. 28(3) terms have not been checked yet." in (
        page.content.decode()
    )
    assert posted.status_code == 404
    assert not ProcessorTerms.objects.exists()


def test_staff_with_both_roles_record_terms_from_the_page(staff_factory):
    # given
    staff = staff_factory(
        "view_records_of_processing",
        "change_processor_terms",
        email="pat@studio.example",
    )
    browser = signed_in_browser(staff.email)
    # when
    browser.post(
        "/studio/processors/stripe/terms/",
        {**dict.fromkeys(TERMS, "on"), "contract_link": "dms://stripe"},
    )
    page = browser.get("/studio/processors/").content.decode()
    # then
    assert ProcessorTerms.objects.get().contract_link == "dms://stripe"
    assert "All Article 28(3) terms are in place." in page


def test_sub_processor_page_offers_the_safeguards_on_request_prc_03(client, db):
    # when
    body = client.get("/privacy/sub-processors/").content.decode()
    # then
    assert (
        'href="mailto:support@cinetrum.com?subject=Transfer%20safeguards%3A%20Stripe"'
    ) in body
