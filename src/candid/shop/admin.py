"""The back office of the shop: the catalogue, orders, claims; role-gated and audited.

Products and their files are edited by staff with the "Shop manager" role. Orders
are read-only; opening one passes the gate that records the view, and the list
shows no personal data. Refunds and claim assessments are admin actions that call
the services, so the same rules apply as on the site.
"""

from __future__ import annotations

import uuid

from django.contrib import admin, messages

from candid.audit.access import staff_holds
from candid.audit.entries import Actor
from candid.shop import claims, events, refunds
from candid.shop.access import access_order_by_id
from candid.shop.bookings import booking_refund_issue
from candid.shop.exceptions import ShopError
from candid.shop.models import Claim, Licence, Order, Payment, Product, ProductFile

ORDER_PERSONAL_FIELDS = (
    "product_name",
    "buyer_name",
    "address",
    "country",
    "price",
    "status",
    "created_at",
    "paid_at",
    "first_downloaded_at",
    "refunded_at",
    "immediate_supply_requested_at",
    "withdrawal_loss_acknowledged_at",
    "waiver_confirmed_at",
)


class ProductFileInline(admin.TabularInline):
    model = ProductFile
    extra = 1
    # Sold files are referenced by licences' download links: replace, never delete.
    can_delete = False
    fields = ("file", "download_name")
    readonly_fields = ("download_name",)


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "price", "currency", "is_active")
    list_filter = ("kind", "is_active")
    prepopulated_fields = {"slug": ("name",)}
    fields = ("name", "slug", "kind", "description", "price", "currency", "is_active")
    inlines = [ProductFileInline]

    def has_delete_permission(self, request, obj=None):
        # Sold products keep their orders and licences: retire them instead.
        return False


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ("number", "status", "currency", "created_at")
    list_filter = ("status",)
    fields = ("id", "currency", *ORDER_PERSONAL_FIELDS)
    readonly_fields = fields
    actions = ["refund_before_download"]

    def get_object(self, request, object_id, from_field=None):
        """Return the order through the gate, which records this view."""
        try:
            return access_order_by_id(
                staff=request.user, order_id=object_id, fields=ORDER_PERSONAL_FIELDS
            )
        except ShopError:
            return None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Orders are accounting records, kept as the retention schedule says.
        return False

    @admin.action(description="Refund in full (only before any download)")
    def refund_before_download(self, request, queryset):
        for order in queryset:
            try:
                refunds.order_refund(
                    order_id=order.pk,
                    actor=Actor.staff(request.user.pk),
                    reason="staff",
                )
            except ShopError as error:
                self.message_user(request, f"{order}: {error}", messages.ERROR)
            else:
                self.message_user(request, f"{order}: refunded.", messages.SUCCESS)


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ("id", "order", "status", "submitted_at")
    list_filter = ("status",)
    fields = ("order", "description", "status", "submitted_at", "assessed_at")
    readonly_fields = fields
    actions = ["uphold", "reject"]

    def get_object(self, request, object_id, from_field=None):
        """Return the claim to staff holding the role, recording the view."""
        if not staff_holds(request.user, "shop.view_claim"):
            return None
        claim = Claim.objects.filter(pk=object_id).first()
        if claim is not None:
            events.claim_viewed(claim=claim, staff_id=request.user.pk)
        return claim

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def _assess(self, request, queryset, *, uphold: bool) -> None:
        for claim in queryset:
            try:
                claims.claim_assess(
                    staff=request.user, claim_id=claim.pk, uphold=uphold
                )
            except ShopError as error:
                self.message_user(request, f"{claim}: {error}", messages.ERROR)
            else:
                self.message_user(request, f"{claim}: assessed.", messages.SUCCESS)

    @admin.action(description="Uphold: refund in full and disable the licence")
    def uphold(self, request, queryset):
        self._assess(request, queryset, uphold=True)

    @admin.action(description="Reject")
    def reject(self, request, queryset):
        self._assess(request, queryset, uphold=False)


PAYMENT_FIELDS = (
    "status",
    "amount",
    "currency",
    "payment_intent_id",
    "card_brand",
    "card_last4",
    "paid_at",
    "amount_refunded",
    "refund_id",
    "refunded_at",
    "refund_failed_at",
)


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    """Payments, read-only; a refund the provider refused is retried from here."""

    list_display = ("id", "status", "amount", "currency", "refund_failed_at")
    list_filter = ("status", ("refund_failed_at", admin.EmptyFieldListFilter))
    fields = ("id", "order", "booking", *PAYMENT_FIELDS)
    readonly_fields = fields
    actions = ["retry_booking_refunds"]

    def get_object(self, request, object_id, from_field=None):
        """Return the payment to staff holding the role, recording the view."""
        if not staff_holds(request.user, "shop.view_payment"):
            return None
        payment = Payment.objects.filter(pk=object_id).first()
        if payment is not None:
            events.payment_viewed(payment=payment, staff_id=request.user.pk)
        return payment

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="Retry the refund of cancelled bookings")
    def retry_booking_refunds(self, request, queryset):
        if not staff_holds(request.user, claims.ASSESS_PERMISSION):
            self.message_user(request, "Your role may not refund.", messages.ERROR)
            return
        for payment in queryset.filter(booking__isnull=False):
            refunded = booking_refund_issue(booking_id=payment.booking_id)
            self.message_user(request, f"{payment}: {refunded} refunded.")


@admin.register(Licence)
class LicenceAdmin(admin.ModelAdmin):
    """Trace a licence id found in a file back to its order; the key is never shown.

    Seen by staff who may see orders (`shop.view_order`); each opened licence is
    audited like the order it leads to.
    """

    list_display = ("id", "order", "issued_at", "revoked_at")
    search_fields = ("=id",)
    fields = ("id", "order", "issued_at", "revoked_at")
    readonly_fields = fields

    def has_view_permission(self, request, obj=None):
        return staff_holds(request.user, "shop.view_order")

    def has_module_permission(self, request):
        return staff_holds(request.user, "shop.view_order")

    def get_search_results(self, request, queryset, search_term):
        # Only an exact, well-formed licence id finds anything.
        try:
            return queryset.filter(pk=uuid.UUID(search_term.strip())), False
        except ValueError:
            return (queryset.none() if search_term else queryset), False

    def get_object(self, request, object_id, from_field=None):
        """Return the licence to staff who may see orders, recording the view."""
        if not staff_holds(request.user, "shop.view_order"):
            return None
        licence = Licence.objects.select_related("order").filter(pk=object_id).first()
        if licence is not None:
            events.order_viewed(
                order=licence.order,
                staff_id=request.user.pk,
                fields=["licence", "issued_at", "revoked_at"],
            )
        return licence

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
