"""Request intake over HTTP: the public form, the code and the privacy centre (DSR-05)."""

import datetime as dt
import re
from urllib.parse import urlsplit

from django.test import Client
from django.utils import timezone

import pytest

from candid.accounts.services.accounts import account_create
from candid.audit.entries import Actor
from candid.audit.models import AuditEvent
from candid.rights.exceptions import RequestInvalid
from candid.rights.models import Request, State, VerificationOutcome
from candid.rights.services import request_complete, request_refuse

PUBLIC = "/privacy/requests/"
ACCOUNT = "/privacy/requests/account/"
PASSWORD = "correct horse battery staple"


def _submit(browser, email="ana@example.com", **extra):
    data = {"email": email, "request_type": "access", "jurisdiction": "EU"}
    data.update(extra)
    return browser.post(PUBLIC, data)


def _code(message) -> str:
    return re.search(r"^(\d{6})$", message.body, re.MULTILINE).group(1)


@pytest.fixture
def browser():
    return Client()


@pytest.fixture
def pending(db, browser, mailoutbox):
    response = _submit(browser)
    return Request.objects.get(), response.url, _code(mailoutbox[0])


def _page(response, request) -> str:
    """Return the page with the request id and the CSRF token taken out."""
    page = response.content.decode().replace(str(request.id), "ID")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "CSRF", page)


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


def test_anyone_can_make_a_request_by_email_address_without_an_account(
    db, browser, mailoutbox
):
    # when
    response = _submit(browser)
    # then
    request = Request.objects.get()
    assert response.status_code == 302
    assert response.url == f"/privacy/requests/{request.id}/"
    assert request.channel == "web_form"
    assert request.state == State.VERIFYING
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["ana@example.com"]


def test_the_emailed_code_alone_verifies_a_request_that_discloses_nothing_dsr_05(
    db, browser, mailoutbox
):
    # given: an objection shows and deletes no data
    url = _submit(browser, request_type="objection").url
    # when
    response = browser.post(url, {"code": _code(mailoutbox[0])})
    # then
    stored = Request.objects.get()
    assert response.status_code == 302
    assert stored.state == State.IN_PROGRESS
    assert stored.verification_method == "email_code"
    assert stored.code_hash == ""
    assert AuditEvent.objects.filter(action="rights.identity_verified").count() == 1


def test_after_the_code_an_access_request_asks_for_a_data_point_dsr_05(
    pending, browser
):
    # given
    request, url, code = pending
    # when
    browser.post(url, {"code": code})
    page = browser.get(url).content.decode()
    # then
    stored = Request.objects.get()
    assert stored.state == State.VERIFYING
    assert stored.email_confirmed_at is not None
    assert stored.verified_at is None
    assert stored.code_hash == ""
    assert "Answer at least 1 of these questions" in page
    assert AuditEvent.objects.filter(action="rights.email_confirmed").count() == 1
    assert AuditEvent.objects.filter(action="rights.identity_verified").count() == 0


def test_only_a_hash_of_the_code_is_stored(pending):
    # given
    request, _, code = pending
    # then
    row = Request.objects.values("code_hash").get()
    assert code not in row["code_hash"]
    assert len(row["code_hash"]) == 64


def test_attacker_cannot_brute_force_the_verification_code(pending, browser):
    # given: the declaration allows 5 attempts
    request, url, code = pending
    # when: five wrong guesses, then the right code
    for _ in range(5):
        browser.post(url, {"code": _wrong(code)})
    response = browser.post(url, {"code": code})
    # then
    stored = Request.objects.get()
    assert stored.verification_outcome == VerificationOutcome.LOCKED
    assert stored.state == State.VERIFYING
    assert stored.verified_at is None
    assert stored.code_attempts == 5
    assert "locked after too many wrong codes or answers" in response.content.decode()
    assert AuditEvent.objects.filter(action="rights.verification_failed").count() == 4
    assert AuditEvent.objects.filter(action="rights.verification_locked").count() == 1


def test_wrong_code_is_counted_and_says_so(pending, browser):
    # given
    request, url, code = pending
    # when
    response = browser.post(url, {"code": _wrong(code)})
    # then
    assert "That code is not right." in response.content.decode()
    assert Request.objects.get().code_attempts == 1


def test_expired_code_is_refused_and_changes_nothing(pending, browser, monkeypatch):
    # given: 31 minutes later (the code lives 30 minutes)
    request, url, code = pending
    before = Request.objects.values().get()
    later = timezone.now() + dt.timedelta(minutes=31)
    monkeypatch.setattr(
        "candid.rights.services.verification.timezone.now", lambda: later
    )
    # when
    response = browser.post(url, {"code": code})
    # then
    assert "That code has expired." in response.content.decode()
    assert Request.objects.values().get() == before


def test_request_form_does_not_reveal_whether_an_account_exists(
    db, browser, mailoutbox
):
    # given
    account_create(email="ana@example.com", password=PASSWORD)
    # when
    known = _submit(browser, "ana@example.com")
    unknown = _submit(Client(), "nobody@example.com")
    # then: same answer, same kind of e-mail, one new subject each
    assert known.status_code == unknown.status_code == 302
    first, second = Request.objects.order_by("created_at")
    assert _page(browser.get(known.url), first) == _page(
        Client().get(unknown.url), second
    )
    bodies = [m.body.replace(_code(m), "CODE") for m in mailoutbox]
    assert bodies[0] == bodies[1]
    assert first.subject_id != second.subject_id


def test_opt_out_of_sale_needs_no_code(db, browser, mailoutbox):
    # when
    response = _submit(
        browser, request_type="opt_out_sale_sharing", jurisdiction="US-CA"
    )
    # then
    assert response.status_code == 302
    assert Request.objects.get().state == State.IN_PROGRESS
    assert mailoutbox == []


def test_public_form_refuses_a_bad_address_and_stores_nothing(db, browser, mailoutbox):
    # when
    response = _submit(browser, "not an address")
    # then
    assert response.status_code == 200
    assert Request.objects.count() == 0
    assert mailoutbox == []


def test_public_form_offers_only_declared_rights_and_jurisdictions(db, browser):
    # when
    form = browser.get(PUBLIC).context["form"]
    # then
    assert [value for value, _ in form.fields["jurisdiction"].choices] == [
        "EU",
        "US-CA",
    ]
    assert "limit_sensitive" not in dict(form.fields["request_type"].choices)
    assert "complain" not in dict(form.fields["request_type"].choices)


def test_unknown_request_page_is_not_found(db, browser):
    # when
    response = browser.get("/privacy/requests/00000000-0000-0000-0000-000000000000/")
    # then
    assert response.status_code == 404


@pytest.fixture
def client_account(db):
    return account_create(email="ana@example.com", password=PASSWORD)


@pytest.fixture
def signed_in(client_account):
    browser = Client()
    browser.force_login(client_account)
    return browser


def test_signed_in_client_is_verified_by_re_entering_the_password(
    signed_in, client_account
):
    # when
    response = signed_in.post(
        ACCOUNT,
        {"request_type": "erasure", "jurisdiction": "EU", "password": PASSWORD},
    )
    # then
    request = Request.objects.get()
    assert response.status_code == 302
    assert request.subject_id == client_account.subject_id
    assert request.channel == "account"
    assert request.verification_method == "password"
    assert request.state == State.IN_PROGRESS
    assert request.contact_email == "ana@example.com"


def test_wrong_password_sends_no_request(signed_in):
    # when
    response = signed_in.post(
        ACCOUNT,
        {"request_type": "erasure", "jurisdiction": "EU", "password": "guess"},
    )
    # then
    assert response.status_code == 200
    assert "That password is not right; nothing was sent." in response.content.decode()
    assert Request.objects.count() == 0


def test_account_form_needs_a_signed_in_client(db, browser):
    # when
    response = browser.get(ACCOUNT)
    # then
    assert response.status_code == 302
    assert response.url.startswith("/account/sign-in/")


def test_privacy_centre_links_to_the_signed_in_request_form(signed_in):
    # when
    page = signed_in.get("/account/privacy/").content.decode()
    # then
    assert f'href="{ACCOUNT}"' in page


def test_public_form_shows_a_refused_request_and_sends_nothing(
    db, browser, mailoutbox, monkeypatch
):
    # given: the intake service refuses (e.g. the policy changed meanwhile)
    def refuse(**kwargs):
        raise RequestInvalid("The privacy policy does not offer 'access'.")

    monkeypatch.setattr("candid.rights.views.request_open", refuse)
    # when
    response = _submit(browser)
    # then
    assert response.status_code == 200
    assert "The privacy policy does not offer" in response.content.decode()
    assert mailoutbox == []


def test_account_form_shows_a_refused_request(signed_in, monkeypatch):
    # given
    def refuse(**kwargs):
        raise RequestInvalid("The privacy policy does not offer 'erasure'.")

    monkeypatch.setattr("candid.rights.views.request_open", refuse)
    # when
    response = signed_in.post(
        ACCOUNT,
        {"request_type": "erasure", "jurisdiction": "EU", "password": PASSWORD},
    )
    # then
    assert response.status_code == 200
    assert "The privacy policy does not offer" in response.content.decode()
    assert Request.objects.count() == 0


def test_account_form_page_asks_for_the_password(signed_in):
    # when
    response = signed_in.get(ACCOUNT)
    # then
    assert response.status_code == 200
    assert 'autocomplete="current-password"' in response.content.decode()


def test_objection_by_the_form_acts_on_the_account_of_the_confirmed_address_dsr_05(
    db, browser, mailoutbox
):
    # given: Ana has an account and objects through the public form
    ana = account_create(email="ana@example.com", password=PASSWORD)
    url = _submit(browser, request_type="objection").url
    # when
    browser.post(url, {"code": _code(mailoutbox[0])})
    # then: the request is about Ana's account, its address still readable
    stored = Request.objects.get()
    assert stored.subject_id == ana.subject_id
    assert stored.contact_email == "ana@example.com"
    assert stored.state == State.IN_PROGRESS


@pytest.fixture
def link_policy(settings, tmp_path):
    """The demo declaration, confirming addresses by link instead of a typed code."""
    source = settings.CANDID_POLICY_FILE.read_text(encoding="utf-8")
    changed = tmp_path / "by-link.yaml"
    changed.write_text(
        source.replace(
            "    code_lifetime: 30 minutes\n",
            "    by_email: link\n    code_lifetime: 30 minutes\n",
        ),
        encoding="utf-8",
    )
    settings.CANDID_POLICY_FILE = changed


def test_a_studio_that_declares_a_link_emails_one_that_fills_in_the_code_dsr_05(
    link_policy, db, browser, mailoutbox
):
    # given
    url = _submit(browser, request_type="objection").url
    code = _code(mailoutbox[0])
    link = re.search(r"https?://\S+", mailoutbox[0].body).group(0)
    # when: the link is opened
    parts = urlsplit(link)
    page = browser.get(f"{parts.path}?{parts.query}")
    # then: the form is filled in, but nothing is confirmed until Confirm is pressed
    assert link.endswith(f"{url}?code={code}")
    assert f'value="{code}"' in page.content.decode()
    assert Request.objects.get().state == State.VERIFYING


def test_a_studio_that_declares_a_code_emails_no_link(db, browser, mailoutbox):
    # when
    _submit(browser)
    # then
    assert "http" not in mailoutbox[0].body


def _file(browser, request_type: str) -> Request:
    browser.post(
        ACCOUNT,
        {"request_type": request_type, "jurisdiction": "EU", "password": PASSWORD},
    )
    return Request.objects.order_by("-created_at").first()


def test_privacy_centre_lists_the_clients_own_requests_and_where_they_stand(
    signed_in, client_account
):
    # given: an answered access request, an open objection, and another person's request
    answered = _file(signed_in, "access")
    request_complete(request=answered, actor=Actor.system("test"))
    waiting = _file(signed_in, "restriction")
    other = Client()
    other.force_login(account_create(email="ben@example.com", password=PASSWORD))
    _file(other, "erasure")
    # when
    page = signed_in.get("/account/privacy/").content.decode()
    # then
    assert f'href="/privacy/requests/{answered.id}/"' in page
    assert f'href="/privacy/requests/{waiting.id}/"' in page
    assert f"Answered on {timezone.localdate():%-d %B %Y}" in page
    assert f"we will answer by {waiting.due_on:%-d %B %Y}" in page
    assert "Erase my data" not in re.sub(r"<option.*?</option>", "", page, flags=re.S)


def test_status_page_of_an_answered_request_says_so_instead_of_a_deadline(signed_in):
    # given
    answered = _file(signed_in, "access")
    request_complete(request=answered, actor=Actor.system("test"))
    # when
    page = signed_in.get(f"/privacy/requests/{answered.id}/").content.decode()
    # then
    assert f"was answered on {timezone.localdate():%-d %B %Y}" in page
    assert "We will answer by" not in page


def test_status_page_of_a_declined_request_points_to_the_reason_and_the_complaint(
    signed_in, staff
):
    # given
    declined = _file(signed_in, "access")
    request_refuse(
        request=declined,
        basis="manifestly_unfounded",
        reason="The same request was answered in full last week.",
        staff_id=staff.pk,
    )
    # when
    page = signed_in.get(f"/privacy/requests/{declined.id}/").content.decode()
    # then
    assert "was declined on" in page
    assert "how to complain to a supervisory authority" in page
    assert "answered in full last week" not in page
