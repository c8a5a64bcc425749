"""Technical-issue claims: the buyer reports, staff with the shop role assess."""

from __future__ import annotations

import pytest

from candid.shop import claims
from candid.shop.exceptions import AccessDenied, ClaimInvalid, OrderNotFound
from candid.shop.models import Claim, ClaimStatus, Order, OrderStatus
from tests.shop.conftest import audit_events

ISSUE = "The preset fails to import in Lightroom Classic 13.2: 'unsupported'."


@pytest.fixture
def downloaded_order(paid_order):
    order = paid_order(waive=True)
    Order.objects.filter(pk=order.pk).update(first_downloaded_at=order.paid_at)
    return Order.objects.get(pk=order.pk)


def test_a_buyer_reports_an_issue_kept_encrypted_for_staff(
    downloaded_order, client_account
):
    claim = claims.claim_submit(
        client=client_account, order_id=downloaded_order.pk, description=ISSUE
    )
    assert Claim.objects.get().description == ISSUE
    assert claim.status == ClaimStatus.OPEN
    assert len(audit_events("shop.claim_submitted")) == 1


@pytest.mark.parametrize("description", ["", "broken", "x" * 2001])
def test_a_claim_without_a_usable_description_is_refused(
    downloaded_order, client_account, description
):
    with pytest.raises(ClaimInvalid):
        claims.claim_submit(
            client=client_account, order_id=downloaded_order.pk, description=description
        )
    assert Claim.objects.count() == 0


def test_nobody_claims_on_another_buyers_order(downloaded_order, other_client):
    with pytest.raises(OrderNotFound):
        claims.claim_submit(
            client=other_client, order_id=downloaded_order.pk, description=ISSUE
        )


def test_an_upheld_claim_refunds_a_downloaded_order_through_stripe(
    downloaded_order, client_account, shop_manager, standin
):
    """Final after download, except a technical issue staff upheld (COM-03)."""
    # given
    claim = claims.claim_submit(
        client=client_account, order_id=downloaded_order.pk, description=ISSUE
    )
    # when
    claims.claim_assess(staff=shop_manager, claim_id=claim.pk, uphold=True)
    # then
    claim = Claim.objects.get()
    assert (claim.status, claim.assessed_by) == (ClaimStatus.UPHELD, shop_manager)
    order = Order.objects.get()
    assert order.status == OrderStatus.REFUNDED
    assert order.licence.revoked_at is not None
    assert standin.refunded_amount(order.payment.payment_intent_id) == 1900
    (refund,) = audit_events("shop.refund_issued")
    assert refund.details["reason"] == "technical_issue"
    assert refund.actor_kind == "staff"


def test_a_rejected_claim_changes_nothing_else(
    downloaded_order, client_account, shop_manager, standin
):
    claim = claims.claim_submit(
        client=client_account, order_id=downloaded_order.pk, description=ISSUE
    )
    claims.claim_assess(staff=shop_manager, claim_id=claim.pk, uphold=False)
    claims.claim_assess(staff=shop_manager, claim_id=claim.pk, uphold=True)
    assert Claim.objects.get().status == ClaimStatus.REJECTED
    assert Order.objects.get().status == OrderStatus.PAID
    assert standin.refunds == {}


@pytest.mark.parametrize(
    ("caller", "allowed"),
    [("anonymous", False), ("client", False), ("staff", False), ("manager", True)],
)
def test_only_staff_with_the_shop_role_assess_claims(
    downloaded_order,
    client_account,
    staff_factory,
    shop_manager,
    standin,
    caller,
    allowed,
):
    from django.contrib.auth.models import AnonymousUser

    claim = claims.claim_submit(
        client=client_account, order_id=downloaded_order.pk, description=ISSUE
    )
    who = {
        "anonymous": AnonymousUser(),
        "client": client_account,
        "staff": staff_factory(),
        "manager": shop_manager,
    }[caller]
    if allowed:
        claims.claim_assess(staff=who, claim_id=claim.pk, uphold=False)
        assert Claim.objects.get().status == ClaimStatus.REJECTED
    else:
        with pytest.raises(AccessDenied):
            claims.claim_assess(staff=who, claim_id=claim.pk, uphold=True)
        assert Claim.objects.get().status == ClaimStatus.OPEN
        assert standin.refunds == {}
