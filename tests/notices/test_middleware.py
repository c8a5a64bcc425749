"""The version in force is read once per request, and a new version is seen at once."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

import pytest

from candid.notices.selectors import declaration_active, declaration_request_scope
from candid.notices.services import policy_publish

pytestmark = pytest.mark.django_db

PAGES = ("/", "/privacy/", "/account/sign-in/", "/account/sign-up/")


def in_force_later(source: str) -> str:
    """Return the Cinetrum text as a later version already in force.

    Only the number and date change, so no advance notice is needed (NOT-03).
    """
    return source.replace('version: "2026.11"', 'version: "2026.11.2"').replace(
        "effective_date: 2026-11-01", "effective_date: 2026-11-02"
    )


def version_queries(captured) -> int:
    return sum('"notices_policyversion"' in q["sql"] for q in captured)


@pytest.mark.parametrize("page", PAGES)
def test_a_page_reads_the_version_in_force_once(cinetrum_source, page):
    # given
    policy_publish(source=cinetrum_source)
    browser = Client()
    browser.get(page)
    # when
    with CaptureQueriesContext(connection) as queries:
        response = browser.get(page)
    # then
    assert response.status_code == 200
    assert version_queries(queries.captured_queries) == 1


def test_a_version_published_between_requests_is_shown_by_the_next_one(
    cinetrum_source,
):
    # given
    policy_publish(source=cinetrum_source)
    browser = Client()
    assert (
        "Policy version 2026.11," in browser.get("/account/sign-in/").content.decode()
    )
    # when
    policy_publish(source=in_force_later(cinetrum_source))
    # then
    assert (
        "Policy version 2026.11.2," in browser.get("/account/sign-in/").content.decode()
    )


def test_a_version_published_inside_a_request_is_seen_by_the_rest_of_it(
    cinetrum_source,
):
    # given
    policy_publish(source=cinetrum_source)
    with declaration_request_scope():
        assert declaration_active().policy.version == "2026.11"
        # when
        policy_publish(source=in_force_later(cinetrum_source))
        # then
        assert declaration_active().policy.version == "2026.11.2"


def test_outside_a_request_every_call_reads_the_version_in_force(cinetrum_source):
    # given
    policy_publish(source=cinetrum_source)
    assert declaration_active().policy.version == "2026.11"
    # when
    with CaptureQueriesContext(connection) as queries:
        declaration_active()
        declaration_active()
    # then
    assert version_queries(queries.captured_queries) == 2
