"""Client pages of the shop: each view checks its form and calls one service."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from candid.audit.entries import Actor
from candid.consent.exceptions import PurposeDenied
from candid.shop import claims, conf, downloads, refunds, selectors, services, webhooks
from candid.shop.bookings import booking_checkout_start
from candid.shop.declared import digital_products
from candid.shop.exceptions import (
    DownloadNotFound,
    OrderNotFound,
    PaymentsNotConfigured,
    ProductNotFound,
    ShopError,
    ShopNotOffered,
)
from candid.shop.forms import CheckoutForm, ClaimForm, WaiverForm
from candid.shop.models import Payment
from candid.shop.rules import download_held, purchase_final, withdrawal_ends_at

GET_POST = ["GET", "POST"]
NOINDEX = "noindex, nofollow, noarchive"


def _site_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _rule_or_none():
    try:
        return digital_products()
    except ShopNotOffered:
        return None


@require_http_methods(["GET"])
def product_list(request: HttpRequest) -> HttpResponse:
    """List the products on sale."""
    return render(
        request,
        "shop/product_list.html",
        {
            "products": selectors.products_for_sale(),
            "rule": _rule_or_none(),
            "payments_configured": conf.payments_configured(),
        },
    )


def _product(slug: str):
    try:
        return selectors.product_by_slug(slug)
    except ProductNotFound:
        raise Http404("No such product.") from None


@require_http_methods(["GET"])
def product_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """Show a product with its licence terms, before any purchase."""
    return render(
        request,
        "shop/product_detail.html",
        {
            "product": _product(slug),
            "rule": _rule_or_none(),
            "payments_configured": conf.payments_configured(),
        },
    )


@login_required
@never_cache
@sensitive_post_parameters("buyer_name", "address")
@require_http_methods(GET_POST)
def checkout(request: HttpRequest, slug: str) -> HttpResponse:
    """Take the buyer's details and waiver choice, then go to the hosted checkout."""
    product = _product(slug)
    rule = _rule_or_none()
    context = {"product": product, "rule": rule}
    if rule is None or not conf.payments_configured():
        context["refusal"] = str(
            ShopNotOffered() if rule is None else PaymentsNotConfigured()
        )
        return render(request, "shop/checkout.html", context, status=503)
    initial = {"buyer_name": request.user.full_name or ""}
    form = CheckoutForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            _, url = services.order_checkout_start(
                client=request.user,
                product_id=product.pk,
                buyer_name=data["buyer_name"],
                address=data["address"],
                country=data["country"],
                immediate_supply=data["immediate_supply"],
                withdrawal_loss_acknowledged=data["withdrawal_loss_acknowledged"],
                site_url=_site_url(request),
            )
        except (ShopError, PurposeDenied) as error:
            form.add_error(None, _refusal(error))
        else:
            return redirect(url)
    return render(request, "shop/checkout.html", {**context, "form": form})


def _refusal(error: Exception) -> str:
    if isinstance(error, PurposeDenied):
        return (
            "We cannot take orders for this account at the moment. Nothing was ordered."
        )
    return str(error)


@login_required
@never_cache
@require_http_methods(["GET"])
def order_return(request: HttpRequest, order_id: uuid.UUID) -> HttpResponse:
    """Back from the hosted checkout: confirm the payment with the provider."""
    order = _own_order(request, order_id)
    session_id = request.GET.get("session_id", "")
    payment = Payment.objects.filter(order=order).first()
    if payment is not None and session_id and payment.checkout_session_id == session_id:
        try:
            services.payment_confirm(checkout_session_id=session_id, source="return")
        except ShopError:
            messages.info(
                request, "Your payment is being confirmed; this page updates shortly."
            )
    return redirect("shop:order", order_id=order.pk)


def _own_order(request: HttpRequest, order_id: uuid.UUID):
    try:
        return selectors.order_of(client=request.user, order_id=order_id)
    except OrderNotFound:
        raise Http404("No such order of yours.") from None


@login_required
@never_cache
@require_http_methods(["GET"])
def my_orders(request: HttpRequest) -> HttpResponse:
    """List the client's own orders."""
    return render(
        request,
        "shop/my_orders.html",
        {"orders": selectors.orders_of(client=request.user)},
    )


@login_required
@never_cache
@require_http_methods(["GET"])
def order_detail(request: HttpRequest, order_id: uuid.UUID) -> HttpResponse:
    """Show an order: its licence, downloads, waiver, refund and claim options."""
    order = _own_order(request, order_id)
    rule = _rule_or_none()
    now = timezone.now()
    licence = getattr(order, "licence", None)
    paid = order.is_paid and rule is not None
    context = {
        "order": order,
        "licence": licence,
        "rule": rule,
        "files": order.product.files.all() if licence and licence.is_active else [],
        "held": paid and download_held(order, rule, now),
        "withdrawal_ends_at": withdrawal_ends_at(order),
        "refundable": paid and not purchase_final(order, rule, now),
        "waiver_form": WaiverForm(),
        "claims": order.claims.all(),
    }
    response = render(request, "shop/order_detail.html", context)
    response["X-Robots-Tag"] = NOINDEX
    return response


@login_required
@require_http_methods(["POST"])
def order_link(request: HttpRequest, order_id: uuid.UUID, file_id: uuid.UUID):
    """Give the buyer a fresh download link to one file and open it."""
    try:
        _, token = downloads.download_link_issue(
            client=request.user, order_id=order_id, file_id=file_id
        )
    except OrderNotFound:
        raise Http404("No such order of yours.") from None
    return redirect("shop:download", token=token)


@login_required
@require_http_methods(["POST"])
def order_waiver(request: HttpRequest, order_id: uuid.UUID) -> HttpResponse:
    """Record the buyer's waiver before download (COM-01)."""
    form = WaiverForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    try:
        services.order_waiver_give(
            client=request.user,
            order_id=order_id,
            immediate_supply=data.get("immediate_supply", False),
            withdrawal_loss_acknowledged=data.get(
                "withdrawal_loss_acknowledged", False
            ),
        )
    except OrderNotFound:
        raise Http404("No such order of yours.") from None
    except ShopError as error:
        messages.error(request, f"{error} Nothing changed.")
    else:
        messages.success(
            request, "Your downloads are ready; we e-mailed you a confirmation."
        )
    return redirect("shop:order", order_id=order_id)


@login_required
@require_http_methods(["POST"])
def order_refund(request: HttpRequest, order_id: uuid.UUID) -> HttpResponse:
    """Cancel the buyer's order before any download, refunded in full."""
    try:
        refunds.order_refund(
            order_id=order_id,
            client=request.user,
            actor=Actor.client(request.user.pk),
            reason="withdrawal",
        )
    except OrderNotFound:
        raise Http404("No such order of yours.") from None
    except ShopError as error:
        messages.error(request, f"{error} Nothing changed.")
    else:
        messages.success(
            request,
            "Your order is cancelled and refunded in full; its licence and links "
            "no longer work.",
        )
    return redirect("shop:order", order_id=order_id)


@login_required
@never_cache
@sensitive_post_parameters("description")
@require_http_methods(GET_POST)
def order_claim(request: HttpRequest, order_id: uuid.UUID) -> HttpResponse:
    """Report a technical issue with a downloaded file, for staff to assess."""
    order = _own_order(request, order_id)
    form = ClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            claims.claim_submit(
                client=request.user,
                order_id=order.pk,
                description=form.cleaned_data["description"],
            )
        except (ShopError, PurposeDenied) as error:
            form.add_error(None, _refusal(error))
        else:
            messages.success(
                request,
                "Thank you: our staff will assess the issue and reply by e-mail.",
            )
            return redirect("shop:order", order_id=order.pk)
    context = {"order": order, "form": form, "rule": _rule_or_none()}
    return render(request, "shop/claim.html", context)


@never_cache
@require_http_methods(GET_POST)
def download(request: HttpRequest, token: str) -> HttpResponse:
    """Show what a download link gives; deliver the stamped file on confirmation.

    A GET never downloads, so a mail scanner following the link cannot make the
    purchase final on the buyer's behalf.
    """
    try:
        link = downloads.download_link_open(unverified_token=token)
    except DownloadNotFound:
        raise Http404(
            "This download link is unknown, expired or no longer valid."
        ) from None
    if request.method == "GET":
        order = link.licence.order
        rule = _rule_or_none()
        held = rule is not None and download_held(order, rule, timezone.now())
        response = render(
            request, "shop/download.html", {"link": link, "order": order, "held": held}
        )
        response["X-Robots-Tag"] = NOINDEX
        return response
    try:
        delivery = downloads.download_deliver(
            unverified_token=token, address=request.META.get("REMOTE_ADDR", "")
        )
    except DownloadNotFound:
        raise Http404("This download link is no longer valid.") from None
    except ShopError as error:
        messages.error(request, str(error))
        return redirect("shop:download", token=token)
    response = HttpResponse(delivery.body, content_type=delivery.content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=delivery.name
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = NOINDEX
    return response


@csrf_exempt
@require_http_methods(["POST"])
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    """Receive the provider's signed webhooks: 400 unless verified, 200 once handled."""
    try:
        event = webhooks.webhook_event_verify(
            payload=request.body, signature=request.headers.get("Stripe-Signature")
        )
    except webhooks.WebhookInvalid:
        return HttpResponse("Invalid signature.", status=400, content_type="text/plain")
    try:
        outcome = webhooks.webhook_event_handle(event)
    except ShopError:
        # The provider retries a failed delivery; nothing was marked handled.
        return HttpResponse("Try again later.", status=503, content_type="text/plain")
    return HttpResponse(outcome, content_type="text/plain")


@login_required
@require_http_methods(["POST"])
def booking_pay(request: HttpRequest, booking_id: uuid.UUID) -> HttpResponse:
    """Pay what a booking still owes on the provider's hosted checkout."""
    try:
        _, url = booking_checkout_start(
            client=request.user, booking_id=booking_id, site_url=_site_url(request)
        )
    except (ShopError, PurposeDenied) as error:
        messages.error(request, _refusal(error))
        return redirect("bookings:mine")
    return redirect(url)


@login_required
@never_cache
@require_http_methods(["GET"])
def booking_return(request: HttpRequest, booking_id: uuid.UUID) -> HttpResponse:
    """Back from paying a booking: confirm the payment with the provider."""
    session_id = request.GET.get("session_id", "")
    payment = Payment.objects.filter(
        booking_id=booking_id,
        booking__client=request.user,
        checkout_session_id=session_id,
    ).first()
    if payment is not None:
        try:
            services.payment_confirm(checkout_session_id=session_id, source="return")
        except ShopError:
            messages.info(request, "Your payment is being confirmed.")
        else:
            messages.success(request, "Thank you: your payment was received.")
    return redirect("bookings:mine")
