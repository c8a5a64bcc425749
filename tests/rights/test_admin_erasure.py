"""Staff actions for erasure, rectification and the recipients' part, by role."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

import pytest

from candid.accounts.models import User
from candid.rights.models import ErasureJob, Propagation, Request
from candid.rights.services.restriction import restriction_request_fulfil
from tests.rights.conftest import SYSTEM
from tests.rights.test_admin import _browser, _staff

CHANGELIST = "/admin/rights/request/"
PROPAGATIONS = "/admin/rights/propagation/"


@pytest.fixture
def erasure(account_factory, request_factory):
    ana = account_factory()
    return request_factory(
        request_type="erasure",
        subject_id=ana.subject_id,
        channel="account",
        verified_by="password",
    )


def _post(browser, url, action, pks, **extra):
    return browser.post(url, {"action": action, "_selected_action": pks, **extra})


@pytest.mark.parametrize(
    ("codenames", "started"),
    [
        (("view_request", "change_request"), False),
        (("view_request", "change_request", "decide_request"), True),
    ],
)
def test_dsr10_only_staff_who_decide_requests_can_erase(
    erasure, django_capture_on_commit_callbacks, codenames, started
):
    # given staff with or without the role that decides requests
    browser = _browser(_staff(*codenames))
    # when they choose "erase" on the request
    with django_capture_on_commit_callbacks(execute=True):
        _post(browser, CHANGELIST, "erase", [str(erasure.pk)])
    # then only the decider started the erasure
    assert ErasureJob.objects.filter(request=erasure).exists() is started


def test_dsr09_staff_correct_details_through_the_form(account_factory, request_factory):
    # given Ana's verified rectification request
    ana = account_factory()
    opened = request_factory(
        request_type="rectification",
        subject_id=ana.subject_id,
        channel="account",
        verified_by="password",
    )
    browser = _browser(_staff("view_request", "change_request", "view_propagation"))
    # when staff open the action, then confirm a corrected name
    form = _post(browser, CHANGELIST, "rectify", [str(opened.pk)])
    assert b"Corrected name" in form.content
    _post(
        browser,
        CHANGELIST,
        "rectify",
        [str(opened.pk)],
        confirm="yes",
        full_name="Ana Souza",
    )
    # then the name is corrected and the request closed
    assert User.objects.get(pk=ana.pk).full_name == "Ana Souza"
    assert Request.objects.get(pk=opened.pk).state == "completed"
    # and the request's page lists each recipient being told (PRC-06)
    page = browser.get(f"{CHANGELIST}{opened.pk}/change/").content.decode()
    told = Propagation.objects.filter(request=opened).order_by("recipient")
    assert [p.recipient for p in told] == ["mailchimp", "paypal", "stripe"]
    assert page.count("Rectification") >= 3
    assert "paypal" in page
    assert "Ana Souza" not in page


@pytest.mark.parametrize(
    ("codenames", "attested"),
    [
        (("view_propagation",), False),
        (("view_propagation", "attest_propagation"), True),
    ],
)
def test_dsr10_only_staff_with_the_role_attest_a_recipient(
    erasure, django_capture_on_commit_callbacks, codenames, attested
):
    # given an erasure waiting for PayPal's answer
    from candid.audit.entries import Actor
    from candid.rights.services.erasure import erasure_start

    with django_capture_on_commit_callbacks(execute=True):
        job = erasure_start(request_id=erasure.pk, actor=Actor.system("test"))
    letter = Propagation.objects.get(job=job, recipient="paypal")
    browser = _browser(_staff(*codenames))
    # when staff attest PayPal's confirmation
    _post(
        browser,
        PROPAGATIONS,
        "attest",
        [str(letter.pk)],
        confirm="yes",
        attestation="PayPal replied",
    )
    # then only staff with the role could
    assert (Propagation.objects.get(pk=letter.pk).state == "attested") is attested


def test_dsr11_staff_lift_a_restriction_through_the_form(
    account_factory, request_factory, mailoutbox
):
    # given Ana's data restricted on her request
    ana = account_factory()
    opened = request_factory(
        request_type="restriction",
        subject_id=ana.subject_id,
        channel="account",
        verified_by="password",
    )
    restriction_request_fulfil(request_id=opened.id, actor=SYSTEM)
    browser = _browser(_staff("view_request", "change_request"))
    # when staff open the action, then confirm a date next week and the reason
    form = _post(browser, CHANGELIST, "lift_restriction", [str(opened.pk)])
    assert b"The restriction ends on" in form.content
    lift_on = timezone.localdate() + dt.timedelta(days=7)
    _post(
        browser,
        CHANGELIST,
        "lift_restriction",
        [str(opened.pk)],
        confirm="yes",
        lift_on=lift_on.isoformat(),
        reason="Your address was checked and is correct.",
    )
    # then Ana is told now when it ends and why
    assert mailoutbox[-1].to == ["ana@example.com"]
    assert f"it ends on {lift_on:%-d %B %Y}." in mailoutbox[-1].body
