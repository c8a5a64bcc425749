"""Answering an access request with an expiring export link (DSR-07, DSR-08, DSR-13)."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone

import pytest

from candid.audit.models import AuditEvent
from candid.rights.exceptions import ExportLinkInvalid, TransitionRefused
from candid.rights.models import Request
from candid.rights.services.access import (
    access_export_download,
    access_request_fulfil,
    export_token_hash,
)
from tests.rights.conftest import NOW, SYSTEM

LINK = re.compile(r"/privacy/requests/export/([A-Za-z0-9_-]+)/")


def _answer(account_factory, request_factory, mailoutbox, now):
    ana = account_factory()
    opened = request_factory(
        subject_id=ana.subject_id, channel="account", verified_by="password"
    )
    done = access_request_fulfil(request_id=opened.id, actor=SYSTEM, now=now)
    return done, LINK.search(mailoutbox[-1].body).group(1)


@pytest.fixture
def answered(account_factory, request_factory, mailoutbox):
    """Ana's verified access request, answered at NOW: (request, e-mailed token)."""
    return _answer(account_factory, request_factory, mailoutbox, NOW)


@pytest.fixture
def answered_today(account_factory, request_factory, mailoutbox):
    """The same, answered just now, so its link still works for the web client."""
    return _answer(account_factory, request_factory, mailoutbox, timezone.now())


def test_dsr13_fulfilling_completes_the_request_and_emails_the_link(
    answered, mailoutbox
):
    # given an answered access request
    request, token = answered
    # then it is completed and the e-mail holds the page and JSON links
    assert Request.objects.get(pk=request.id).state == "completed"
    assert mailoutbox[-1].to == ["ana@example.com"]
    assert f"/privacy/requests/export/{token}/" in mailoutbox[-1].body
    assert f"/privacy/requests/export/{token}.json" in mailoutbox[-1].body


def test_only_a_hash_of_the_256_bit_token_is_stored(answered):
    # given an answered access request
    request, token = answered
    stored = Request.objects.get(pk=request.id)
    # then the token is long enough and only its keyed hash is kept
    assert len(token) >= 43  # 32 random bytes, URL-safe base64
    assert stored.export_token_hash == export_token_hash(token)
    assert token not in str(Request.objects.filter(pk=request.id).values().get())


def test_the_link_lives_as_long_as_the_declaration_says(answered):
    # given an answered access request under a policy with 7-day links
    request, _ = answered
    # then the link expires seven days after the answer
    assert request.export_expires_at == NOW + dt.timedelta(days=7)


def test_a_request_of_another_type_is_not_answered_with_an_export(
    account_factory, request_factory
):
    # given a verified erasure request
    ana = account_factory()
    opened = request_factory(
        subject_id=ana.subject_id,
        request_type="erasure",
        channel="account",
        verified_by="password",
    )
    # when staff try to fulfil it as an access request
    with pytest.raises(TransitionRefused):
        access_request_fulfil(request_id=opened.id, actor=SYSTEM, now=NOW)
    # then nothing changed
    assert Request.objects.get(pk=opened.id).export_token_hash == ""


def test_an_unverified_request_gets_no_export(request_factory, mailoutbox):
    # given a web request whose code was never entered
    opened = request_factory(channel="web_form")
    # when it is fulfilled
    with pytest.raises(TransitionRefused):
        access_request_fulfil(request_id=opened.id, actor=SYSTEM, now=NOW)
    # then no link exists and no e-mail went out
    assert Request.objects.get(pk=opened.id).export_token_hash == ""
    assert mailoutbox == []


def test_an_expired_link_serves_nothing(answered):
    # given a link seven days and one second old
    _, token = answered
    later = NOW + dt.timedelta(days=7, seconds=1)
    # when it is used
    with pytest.raises(ExportLinkInvalid):
        access_export_download(token=token, file_format="json", now=later)


def test_each_download_is_audited(answered):
    # given an answered request
    request, token = answered
    # when the export is downloaded twice
    access_export_download(token=token, file_format="json", now=NOW)
    access_export_download(token=token, file_format="html", now=NOW)
    # then the audit log holds the link sent and two downloads, without values
    steps = [
        (event.details["step"], event.details.get("format"))
        for event in AuditEvent.objects.filter(
            subject_id=request.subject_id, action="rights.access_delivered"
        ).order_by("sequence")
    ]
    assert steps == [
        ("link_sent", None),
        ("downloaded", "json"),
        ("downloaded", "html"),
    ]


def test_dsr08_the_json_link_serves_the_export(answered_today, client):
    # given an answered request
    _, token = answered_today
    # when the JSON link is opened
    response = client.get(f"/privacy/requests/export/{token}.json")
    # then it is the subject's export, as a download
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="my-data.json"'
    assert response.json()["data"]["account"][0][1]["value"] == "ana@example.com"


def test_dsr07_the_page_link_shows_the_readable_report(answered_today, client):
    # given an answered request
    _, token = answered_today
    # when the page link is opened
    response = client.get(f"/privacy/requests/export/{token}/")
    # then the report shows the data and where to complain
    assert response.status_code == 200
    assert b"ana@example.com" in response.content
    assert b"California Privacy Protection Agency" in response.content


def test_an_unknown_token_is_a_404_and_nothing_is_audited(answered, client):
    # given an answered request
    request, _ = answered
    before = AuditEvent.objects.count()
    # when someone guesses a token
    page = client.get("/privacy/requests/export/guessed-token/")
    data = client.get("/privacy/requests/export/guessed-token.json")
    # then both are not found and no download is recorded
    assert (page.status_code, data.status_code) == (404, 404)
    assert AuditEvent.objects.count() == before


def test_california_request_for_categories_discloses_no_specific_pieces_dsr_05(
    account_factory, request_factory, mailoutbox, client
):
    # given: verified to a reasonable degree only (CCPA regs §7062(b))
    ana = account_factory()
    opened = request_factory(
        request_type="know",
        jurisdiction="US-CA",
        scope="categories",
        subject_id=ana.subject_id,
        channel="account",
        verified_by="password",
    )
    access_request_fulfil(request_id=opened.id, actor=SYSTEM)
    token = LINK.search(mailoutbox[-1].body).group(1)
    # when
    export = client.get(f"/privacy/requests/export/{token}.json").json()
    page = client.get(f"/privacy/requests/export/{token}/").content.decode()
    # then: the categories and why they are held, not the values
    assert export["scope"] == "categories"
    assert export["data"] == {}
    assert export["records_of_your_privacy_choices"] == {}
    assert "user.contact.email" in export["categories"]
    assert "ana@example.com" not in page
    assert "The kinds of information we hold about you" in page
