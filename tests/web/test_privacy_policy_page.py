from django.urls import reverse

import pytest

from candid.notices.services import policy_publish

pytestmark = pytest.mark.django_db


def test_policy_page_shows_the_published_version_and_last_updated_date(
    client, cinetrum_source
):
    # given
    policy_publish(source=cinetrum_source)

    # when
    response = client.get(reverse("web:privacy-policy"))

    # then
    assert response.status_code == 200
    page = response.content.decode()
    assert "Last Updated: 01 November 2026" in page
    assert "Version 2026.11" in page
    assert "<h1>Cinetrum Studio Privacy Policy</h1>" in page


def test_policy_page_is_served_from_the_configured_file_before_anything_is_published(
    client,
):
    response = client.get(reverse("web:privacy-policy"))

    assert response.status_code == 200
    assert "Version 2026.11" in response.content.decode()
