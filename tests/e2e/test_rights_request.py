"""A privacy request in a real browser, with the code from a real SMTP server (DSR-05)."""

from __future__ import annotations

import re
import time

import pytest

from candid.accounts.services.accounts import account_create
from candid.rights.models import Request, State
from tests.smtp import Inbox

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def ana(db):
    account = account_create(email="ana@example.com", password=None, full_name="Ana")
    account.phone = "+44 7700 900123"
    account.save()
    return account


def _emailed_code(inbox: Inbox) -> str:
    deadline = time.monotonic() + 10
    while not inbox.envelopes and time.monotonic() < deadline:
        time.sleep(0.05)
    [message] = inbox.messages
    assert message["To"] == "ana@example.com"
    body = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(r"^(\d{6})$", body, re.MULTILINE).group(1)


def _dismiss_cookie_banner(page) -> None:
    banner = page.locator("#cookie-banner")
    if banner.count() and banner.is_visible():
        banner.get_by_role("button", name="Reject all").click()
        page.wait_for_load_state("networkidle")


def test_visitor_files_a_request_confirms_the_emailed_code_and_a_data_point(
    visitor, smtp_inbox, ana
):
    # given: the public request form
    page = visitor.visit("/privacy/requests/")
    _dismiss_cookie_banner(page)
    # when: the visitor asks for their data
    page.get_by_label(re.compile(r"^Your e-mail address:?$")).fill("ana@example.com")
    page.get_by_label("What would you like us to do?").select_option("access")
    page.get_by_label("Where do you live?").select_option("EU")
    page.get_by_role("button", name="Send the request").click()
    page.get_by_text("We e-mailed a code").wait_for()
    # and enters the code the SMTP server received
    page.get_by_label("The code we e-mailed you").fill(_emailed_code(smtp_inbox))
    page.get_by_role("button", name="Confirm", exact=True).click()
    page.get_by_text("Answer at least 1 of these questions").wait_for()
    # and the last digits of the phone number in their account
    page.get_by_label("The last 4 digits of the phone number in your account").fill(
        "0123"
    )
    page.get_by_role("button", name="Confirm", exact=True).click()
    # then
    page.get_by_text("We have your request (Access to my data)").wait_for()
    assert "We will answer by" in page.content()
    request = Request.objects.get()
    assert request.state == State.IN_PROGRESS
    assert request.subject_id == ana.subject_id
    assert len(smtp_inbox.envelopes) == 1
    assert visitor.third_party_requests == []
