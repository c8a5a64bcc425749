"""Who may read the records of processing, and the public sub-processor list (PRC-01)."""

from __future__ import annotations

from django.test import Client
from django.utils.html import escape

import pytest

from candid.policy import load_declaration
from candid.registry.processors import MECHANISMS
from tests.conftest import POLICIES

from .conftest import DECLARATIONS, signed_in_browser

PAGES = ["/studio/records-of-processing/", "/studio/records-of-processing.csv"]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("caller", ["anonymous", "client", "staff"])
def test_records_are_refused_to_anyone_without_the_role(
    account_factory, staff_factory, caller, page
):
    # given
    emails = {"client": account_factory().email, "staff": staff_factory().email}
    browser = Client() if caller == "anonymous" else signed_in_browser(emails[caller])
    # when
    response = browser.get(page)
    # then
    assert response.status_code == 404


def test_staff_with_the_role_reads_the_records_page(records_keeper):
    # given
    browser = signed_in_browser(records_keeper.email)
    # when
    response = browser.get("/studio/records-of-processing/")
    # then
    assert response.status_code == 200
    assert "Records of processing" in response.content.decode()


def test_staff_with_the_role_downloads_the_records_as_csv(records_keeper):
    # given
    browser = signed_in_browser(records_keeper.email)
    # when
    response = browser.get("/studio/records-of-processing.csv")
    # then
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.decode().startswith("section,heading,item,detail")


@pytest.mark.django_db
@pytest.mark.parametrize("policy", DECLARATIONS)
def test_prc01_sub_processor_list_names_every_recipient_and_safeguard(
    client, settings, policy
):
    # given
    settings.CANDID_POLICY_FILE = POLICIES / policy
    declaration = load_declaration(POLICIES / policy)
    # when
    body = client.get("/privacy/sub-processors/").content.decode()
    # then
    expected = [escape(r.name) for r in declaration.recipients]
    expected += [
        escape(MECHANISMS[r.transfer.mechanism])
        for r in declaration.recipients
        if r.transfer
    ]
    expected += [
        escape(r.transfer.copy_available_from)
        for r in declaration.recipients
        if r.transfer
    ]
    assert [text for text in expected if text not in body] == []


@pytest.mark.django_db
def test_sub_processor_list_says_where_to_ask_for_the_safeguards(client):
    # when
    body = client.get("/privacy/sub-processors/").content.decode()
    # then
    assert "You can request details of these measures" in body


@pytest.mark.django_db
def test_every_page_footer_links_the_sub_processor_list(client):
    # when
    body = client.get("/privacy/sub-processors/").content.decode()
    # then
    assert 'href="/privacy/sub-processors/"' in body
