"""The request form and the code e-mail cannot be used to flood an inbox (DSR-05)."""

import datetime as dt
import re

from django.test import Client

import pytest

from candid.rights.models import IntakeAttempt, Request
from candid.rights.throttle import LIMITED, intake_allow, network_prefix

PUBLIC = "/privacy/requests/"
ACCOUNT = "/privacy/requests/account/"


def _submit(email="victim@example.com", ip="203.0.113.7", **extra):
    data = {"email": email, "request_type": "access", "jurisdiction": "EU", **extra}
    return Client(REMOTE_ADDR=ip).post(PUBLIC, data)


def test_flooder_cannot_send_more_than_three_codes_to_one_address_an_hour(
    db, mailoutbox
):
    # given: three requests for one address, from three different networks
    for ip in ("198.51.100.1", "203.0.113.1", "192.0.2.1"):
        assert _submit(ip=ip).status_code == 302
    # when: a fourth, from yet another network
    response = _submit(ip="100.64.0.1")
    # then: refused, nothing stored, nothing sent
    assert response.status_code == 429
    assert LIMITED in response.content.decode()
    assert Request.objects.count() == 3
    assert len(mailoutbox) == 3


def test_one_network_cannot_file_more_than_ten_requests_an_hour(db, mailoutbox):
    # given: ten addresses from ten hosts of one /24
    for number in range(10):
        response = _submit(
            email=f"person{number}@example.com", ip=f"203.0.113.{number}"
        )
        assert response.status_code == 302
    # when: another host of the same /24
    response = _submit(email="eleventh@example.com", ip="203.0.113.200")
    # then
    assert response.status_code == 429
    assert Request.objects.count() == 10
    assert len(mailoutbox) == 10


def test_limited_answer_is_the_same_whether_or_not_the_address_has_an_account(
    account_factory, mailoutbox
):
    # given: both addresses have had their three codes
    account_factory("ana@example.com")
    for email in ("ana@example.com", "nobody@example.com"):
        for number in range(3):
            _submit(email=email, ip=f"198.51.{number}.1")
    sent = len(mailoutbox)
    # when
    known = _submit(email="ana@example.com", ip="192.0.2.1")
    unknown = _submit(email="nobody@example.com", ip="192.0.2.2")

    # then
    def page(response):
        text = response.content.decode().replace("nobody@example.com", "ADDRESS")
        text = text.replace("ana@example.com", "ADDRESS")
        return re.sub(r'value="[^"]{40,}"', "CSRF", text)

    assert known.status_code == unknown.status_code == 429
    assert page(known) == page(unknown)
    assert len(mailoutbox) == sent


def test_the_limit_ends_after_the_window(db):
    # given
    start = dt.datetime(2026, 1, 15, 10, 0, tzinfo=dt.UTC)
    for minute in range(3):
        intake_allow(
            raw_email="ana@example.com",
            raw_ip_address="203.0.113.7",
            now=start + dt.timedelta(minutes=minute),
        )
    # when: an hour after the first, the first no longer counts
    intake_allow(
        raw_email="ana@example.com",
        raw_ip_address="203.0.113.7",
        now=start + dt.timedelta(minutes=60, seconds=1),
    )
    # then: the expired row was deleted
    assert IntakeAttempt.objects.count() == 3


def test_new_code_button_is_limited_with_the_form(db, mailoutbox):
    # given: one request, then two new codes: three e-mails to the address
    browser = Client(REMOTE_ADDR="203.0.113.7")
    url = browser.post(
        PUBLIC,
        {"email": "ana@example.com", "request_type": "access", "jurisdiction": "EU"},
    ).url
    for _ in range(2):
        assert browser.post(f"{url}new-code/").status_code == 302
    # when
    response = browser.post(f"{url}new-code/")
    # then
    assert response.status_code == 429
    assert LIMITED in response.content.decode()
    assert len(mailoutbox) == 3


def test_a_new_code_replaces_the_old_one(db, mailoutbox, monkeypatch):
    # given: the first code is 111111, the second 222222
    codes = iter([111111, 222222])
    monkeypatch.setattr(
        "candid.rights.services.verification.secrets.randbelow",
        lambda limit: next(codes),
    )
    browser = Client(REMOTE_ADDR="203.0.113.7")
    url = browser.post(
        PUBLIC,
        {"email": "ana@example.com", "request_type": "objection", "jurisdiction": "EU"},
    ).url
    # when
    browser.post(f"{url}new-code/")
    old = browser.post(url, {"code": "111111"})
    # then
    assert "That code is not right." in old.content.decode()
    browser.post(url, {"code": "222222"})
    assert Request.objects.get().verified_at is not None
    assert [m.body.count("222222") for m in mailoutbox] == [0, 1]


def test_only_keyed_hashes_of_address_and_network_are_kept(db):
    # when
    intake_allow(raw_email="ana@example.com", raw_ip_address="203.0.113.7")
    # then
    row = IntakeAttempt.objects.values("address_hash", "network_hash").get()
    assert "ana" not in row["address_hash"]
    assert "203" not in row["network_hash"]
    assert len(row["address_hash"]) == len(row["network_hash"]) == 64


@pytest.mark.parametrize(
    ("raw", "network"),
    [
        ("203.0.113.7", "203.0.113.0/24"),
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
        ("not an address", "unknown"),
        ("", "unknown"),
    ],
)
def test_callers_are_counted_by_the_block_one_subscriber_holds(raw, network):
    assert network_prefix(raw) == network


def test_stolen_session_cannot_guess_the_password_on_the_signed_in_form(
    account_factory,
):
    # given: a session on Ana's account, three wrong passwords
    from tests.conftest import PASSWORD

    ana = account_factory("ana@example.com")
    browser = Client(REMOTE_ADDR="203.0.113.7")
    browser.force_login(ana)
    form = {"request_type": "erasure", "jurisdiction": "EU"}
    for guess in ("guess1", "guess2", "guess3"):
        assert browser.post(ACCOUNT, {**form, "password": guess}).status_code == 200
    # when: the right password
    response = browser.post(ACCOUNT, {**form, "password": PASSWORD})
    # then: refused, nothing stored
    assert response.status_code == 429
    assert LIMITED in response.content.decode()
    assert Request.objects.count() == 0


def test_signed_in_california_client_asks_for_categories(account_factory):
    # given
    from tests.conftest import PASSWORD

    ana = account_factory("ana@example.com")
    browser = Client()
    browser.force_login(ana)
    # when
    browser.post(
        ACCOUNT,
        {
            "request_type": "know",
            "scope": "categories",
            "jurisdiction": "US-CA",
            "password": PASSWORD,
        },
    )
    # then
    assert Request.objects.get().scope == "categories"
