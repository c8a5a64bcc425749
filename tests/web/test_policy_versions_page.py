"""The public history of the privacy policy: every version, its date and what changed (NOT-03)."""

import datetime as dt

from django.urls import reverse

import pytest

from candid.notices.services import policy_publish

pytestmark = pytest.mark.django_db


def later_version(source: str) -> str:
    return (
        source.replace('version: "2026.11"', 'version: "2027.01"')
        .replace("effective_date: 2026-11-01", "effective_date: 2027-01-01")
        .replace(
            "{category: user.device.ip_address, period: 90 days",
            "{category: user.device.ip_address, period: 6 months",
        )
        .replace(
            "description: Understanding how the website is used, with Google Analytics",
            "description: Learning how the website is used, with Google Analytics",
        )
    )


def test_versions_page_lists_each_version_with_its_date_and_changes(
    client, cinetrum_source
):
    # given: 2027.01 published 42 days ahead of taking effect
    published = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
    policy_publish(source=cinetrum_source, now=published - dt.timedelta(days=50))
    policy_publish(source=later_version(cinetrum_source), now=published)

    # when
    response = client.get(reverse("web:policy-versions"))

    # then
    assert response.status_code == 200
    page = response.content.decode()
    assert page.index("<td>2027.01</td>") < page.index("<td>2026.11</td>")
    assert '<time datetime="2027-01-01">1 January 2027</time>' in page
    assert '<time datetime="2026-11-01">1 November 2026</time>' in page
    assert "<li>user.device.ip_address is now kept 6 months (was 90 days).</li>" in page
    assert "<li>Reworded the description of purposes[analytics].</li>" in page
    assert "First published version." in page


def test_versions_page_does_not_list_the_new_number_and_date_as_changes(
    client, cinetrum_source
):
    policy_publish(source=cinetrum_source)
    policy_publish(
        source=cinetrum_source.replace('version: "2026.11"', 'version: "2026.12"')
    )

    page = client.get(reverse("web:policy-versions")).content.decode()

    assert "No changes other than the version and date." in page
    assert "Changed the version of policy" not in page


def test_versions_page_says_when_nothing_is_published_yet(client):
    response = client.get(reverse("web:policy-versions"))

    assert response.status_code == 200
    assert "No version has been published yet" in response.content.decode()


def test_policy_page_links_to_its_earlier_versions(client, cinetrum_source):
    policy_publish(source=cinetrum_source, now=dt.datetime(2026, 10, 1, tzinfo=dt.UTC))

    page = client.get(reverse("web:privacy-policy")).content.decode()

    assert '<a href="/privacy/versions/">Earlier versions of this policy' in page
