"""The back office of accounts: role-gated, every view of personal data audited.

The list shows no personal data; an account's page shows it read-only, through the
gate that records the view (SEC-05, SEC-07). Flagging a child's account is an
action of its own role and calls the service (KID-02). Staff sign in through the
client sign-in page, so its brute-force protection covers them too.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse

from candid.accounts.access import (
    FLAG_CHILD_PERMISSION,
    access_client_by_id,
)
from candid.accounts.identity import email_index_or_none
from candid.accounts.models import User
from candid.accounts.services.children import account_flag_as_child

PERSONAL_FIELDS = ("email", "full_name", "phone")


def _sign_in_instead(request: HttpRequest, extra_context=None):
    """Send staff to the one sign-in page, which counts failed attempts."""
    return redirect_to_login(
        request.GET.get("next") or reverse("admin:index"),
        login_url=reverse("accounts:sign-in"),
    )


admin.site.login = _sign_in_instead


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ("id", "date_joined", "is_active", "is_staff", "child_flagged_at")
    list_filter = ("is_active", "is_staff")
    ordering = ("-date_joined",)
    search_help_text = "Search by the exact e-mail address."
    search_fields = ("email_index",)
    fields = (
        "id",
        *PERSONAL_FIELDS,
        "date_joined",
        "last_login",
        "child_flagged_at",
        "is_active",
        "is_staff",
        "is_superuser",
        "groups",
    )
    readonly_fields = (
        "id",
        *PERSONAL_FIELDS,
        "date_joined",
        "last_login",
        "child_flagged_at",
        "is_superuser",
    )
    filter_horizontal = ("groups",)
    actions = ["flag_as_child"]

    def get_object(self, request, object_id, from_field=None):
        """Return the account through the gate, which records this view."""
        return access_client_by_id(
            staff=request.user, user_id=object_id, fields=PERSONAL_FIELDS
        )

    def get_search_results(self, request, queryset, search_term):
        # The e-mail is encrypted: search by its blind index, exact address only.
        if not search_term:
            return queryset, False
        index = email_index_or_none(search_term)
        if index is None:
            return queryset.none(), False
        return queryset.filter(email_index=index), False

    def has_add_permission(self, request):
        # Accounts are opened by sign-up, staff accounts by `candid createstaff`.
        return False

    def has_flag_child_permission(self, request) -> bool:
        return request.user.has_perm(FLAG_CHILD_PERMISSION)

    @admin.action(
        description="Flag as a child's account (closes it and deletes its profile)",
        permissions=["flag_child"],
    )
    def flag_as_child(self, request, queryset):
        if request.POST.get("confirm") != "yes":
            return TemplateResponse(
                request,
                "admin/accounts/flag_child_confirm.html",
                {
                    **self.admin_site.each_context(request),
                    "title": "Flag as a child's account?",
                    "accounts": list(queryset),
                    "opts": self.model._meta,
                },
            )
        for account in queryset:
            account_flag_as_child(user_id=account.pk, staff=request.user)
        self.message_user(
            request,
            f"{len(queryset)} account(s) closed; their profiles were deleted.",
            messages.SUCCESS,
        )
        return None
