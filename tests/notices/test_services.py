"""Publishing policy versions: immutable, idempotent, in date order, with their diff (NOT-03)."""

import datetime as dt

from django.forms.models import model_to_dict

import pytest

from candid.notices import services
from candid.notices.exceptions import PublishError
from candid.notices.models import PolicyVersion
from candid.notices.selectors import policy_versions_list
from candid.notices.services import policy_publish
from candid.policy import DeclarationError

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 10, 1, 9, 0, tzinfo=dt.UTC)


def next_version(
    source: str, version: str = "2027.01", date: str = "2027-01-01"
) -> str:
    """Return the Cinetrum text as a later version, with its own number and date."""
    return source.replace('version: "2026.11"', f'version: "{version}"').replace(
        "effective_date: 2026-11-01", f"effective_date: {date}"
    )


def longer_ip_retention(source: str) -> str:
    return source.replace(
        "{category: user.device.ip_address, period: 90 days",
        "{category: user.device.ip_address, period: 6 months",
    )


def test_the_first_version_is_stored_with_no_changes(cinetrum_source):
    # when
    version = policy_publish(source=cinetrum_source, now=NOW)

    # then
    stored = PolicyVersion.objects.get()
    assert stored == version
    assert stored.version == "2026.11"
    assert stored.effective_date == dt.date(2026, 11, 1)
    assert stored.published_at == NOW
    assert stored.source == cinetrum_source
    assert stored.significant is False
    assert stored.changes == []


def test_republishing_the_same_text_returns_the_same_row(cinetrum_source):
    # given
    first = policy_publish(source=cinetrum_source, now=NOW)

    # when
    again = policy_publish(source=cinetrum_source, now=NOW + dt.timedelta(days=1))

    # then
    assert again.pk == first.pk
    assert PolicyVersion.objects.get().published_at == NOW


def test_the_same_version_number_with_other_text_is_refused_and_nothing_changes(
    cinetrum_source,
):
    # given
    policy_publish(source=cinetrum_source, now=NOW)
    before = model_to_dict(PolicyVersion.objects.get())

    # when
    with pytest.raises(PublishError) as refused:
        policy_publish(source=longer_ip_retention(cinetrum_source))

    # then
    assert str(refused.value) == (
        "version 2026.11 is already published with other content; "
        "give the new text a new version"
    )
    assert model_to_dict(PolicyVersion.objects.get()) == before


def test_a_later_version_stores_its_significant_changes(cinetrum_source):
    # given
    policy_publish(source=cinetrum_source, now=NOW)

    # when
    later = policy_publish(
        source=longer_ip_retention(next_version(cinetrum_source)), now=NOW
    )

    # then
    stored = PolicyVersion.objects.get(version="2027.01")
    assert stored == later
    assert stored.significant is True
    assert stored.changes == [
        {
            "kind": "retention_longer",
            "path": "retention[user.device.ip_address].period",
            "summary": "user.device.ip_address is now kept 6 months (was 90 days).",
            "significant": True,
            "purposes": [],
        },
        {
            "kind": "detail_changed",
            "path": "policy.version",
            "summary": "Changed the version of policy from 2026.11 to 2027.01.",
            "significant": False,
            "purposes": [],
        },
        {
            "kind": "detail_changed",
            "path": "policy.effective_date",
            "summary": "Changed the effective date of policy from 2026-11-01 to 2027-01-01.",
            "significant": False,
            "purposes": [],
        },
    ]


def test_a_later_version_with_only_a_new_number_and_date_is_not_significant(
    cinetrum_source,
):
    policy_publish(source=cinetrum_source, now=NOW)

    later = policy_publish(source=next_version(cinetrum_source), now=NOW)

    assert later.significant is False
    assert [change["kind"] for change in later.changes] == [
        "detail_changed",
        "detail_changed",
    ]


def test_publishing_a_later_version_never_edits_the_earlier_one(cinetrum_source):
    # given
    policy_publish(source=cinetrum_source, now=NOW)
    before = model_to_dict(PolicyVersion.objects.get(version="2026.11"))

    # when
    policy_publish(source=longer_ip_retention(next_version(cinetrum_source)), now=NOW)

    # then
    assert model_to_dict(PolicyVersion.objects.get(version="2026.11")) == before
    assert PolicyVersion.objects.count() == 2


def test_a_version_taking_effect_before_the_newest_one_is_refused(cinetrum_source):
    # given
    policy_publish(source=next_version(cinetrum_source), now=NOW)

    # when
    with pytest.raises(PublishError) as refused:
        policy_publish(source=cinetrum_source, now=NOW)

    # then
    assert str(refused.value) == (
        "version 2026.11 takes effect on 2026-11-01, before version 2027.01 "
        "(2027-01-01); a new version must take effect on or after the newest one "
        "published"
    )
    assert PolicyVersion.objects.get().version == "2027.01"


def test_a_version_taking_effect_the_same_day_as_the_newest_is_accepted(
    cinetrum_source,
):
    policy_publish(source=cinetrum_source, now=NOW)

    same_day = policy_publish(
        source=next_version(cinetrum_source, "2026.11.1", "2026-11-01"), now=NOW
    )

    assert same_day.version == "2026.11.1"
    assert PolicyVersion.objects.count() == 2


def test_an_invalid_declaration_is_refused_and_nothing_is_stored(cinetrum_source):
    broken = cinetrum_source.replace("legal_basis: contract", "legal_basis: contrakt")

    with pytest.raises(DeclarationError):
        policy_publish(source=broken, now=NOW)

    assert PolicyVersion.objects.count() == 0


def test_a_version_published_by_another_process_meanwhile_is_returned(
    cinetrum_source, monkeypatch
):
    # given: another process stores the same version between the check and the write
    render_html = services.render_html

    def render_while_another_process_publishes(declaration):
        monkeypatch.setattr(services, "render_html", render_html)
        services.policy_publish(source=cinetrum_source, now=NOW)
        return render_html(declaration)

    monkeypatch.setattr(services, "render_html", render_while_another_process_publishes)

    # when
    version = policy_publish(source=cinetrum_source, now=NOW + dt.timedelta(hours=1))

    # then
    assert PolicyVersion.objects.get() == version
    assert version.published_at == NOW


def test_other_text_published_by_another_process_meanwhile_is_refused(
    cinetrum_source, monkeypatch
):
    # given
    render_html = services.render_html

    def render_while_another_process_publishes(declaration):
        monkeypatch.setattr(services, "render_html", render_html)
        services.policy_publish(source=longer_ip_retention(cinetrum_source), now=NOW)
        return render_html(declaration)

    monkeypatch.setattr(services, "render_html", render_while_another_process_publishes)

    # when
    with pytest.raises(PublishError):
        policy_publish(source=cinetrum_source, now=NOW)

    # then
    assert PolicyVersion.objects.get().source == longer_ip_retention(cinetrum_source)


def test_a_change_from_a_version_that_can_no_longer_be_read_is_significant(
    cinetrum_source,
):
    # given: a version stored by an older schema that this code cannot parse
    PolicyVersion.objects.create(
        version="2026.01",
        effective_date=dt.date(2026, 1, 1),
        published_at=NOW,
        source="schema_version: 0\n",
        source_sha256="0" * 64,
        rendered_html="<p>old</p>",
        rendered_sha256="1" * 64,
    )

    # when
    version = policy_publish(source=cinetrum_source, now=NOW)

    # then
    assert version.significant is True
    assert version.changes == [
        {
            "kind": "not_comparable",
            "path": "",
            "summary": "Version 2026.01 can no longer be read to compare; the new "
            "version is treated as a significant change.",
            "significant": True,
            "purposes": [],
        }
    ]


def test_the_versions_are_listed_newest_first(cinetrum_source):
    # given
    policy_publish(source=cinetrum_source, now=NOW)
    policy_publish(source=next_version(cinetrum_source), now=NOW)

    # when
    versions = policy_versions_list()

    # then
    assert [v.version for v in versions] == ["2027.01", "2026.11"]
