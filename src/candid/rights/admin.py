"""The back office of requests: what is due and overdue, staff entry, each decision.

The list shows no personal values: type, channel, state and dates. Staff log a
letter, call or e-mail with its original receipt time through the add form (DSR-01);
each action calls one service. Refusing or charging a fee needs the
`rights.decide_request` role and a written reason (DSR-06). Viewing an agent's
proof document and confirming an agent's authority need `rights.confirm_agent`;
both are audited (DSR-05).
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from candid.audit.entries import Actor
from candid.notices.selectors import declaration_active
from candid.rights.exceptions import RightsError
from candid.rights.models import Channel, RefusalBasis, Request, RequestType
from candid.rights.services import (
    AgentClaim,
    agent_authority_confirm,
    agent_proof_open,
    request_charge_fee,
    request_complete,
    request_extend,
    request_open,
    request_refuse,
    request_withdraw,
    verification_staff_confirm,
)
from candid.rights.services.access import access_request_fulfil
from candid.rights.services.receipts import receipt_confirm

DUE_SOON_DAYS = 7
DECIDE_PERMISSION = "rights.decide_request"
CONFIRM_AGENT_PERMISSION = "rights.confirm_agent"


class DeadlineFilter(admin.SimpleListFilter):
    """Open requests by deadline: overdue, or due within the next week."""

    title = "deadline"
    parameter_name = "deadline"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin):
        return [("overdue", "Overdue"), ("soon", f"Due within {DUE_SOON_DAYS} days")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Request]):
        today = timezone.localdate()
        open_requests = queryset.exclude(
            state__in=["completed", "refused", "withdrawn"]
        )
        if self.value() == "overdue":
            return open_requests.filter(due_on__lt=today)
        if self.value() == "soon":
            soon = today + dt.timedelta(days=DUE_SOON_DAYS)
            return open_requests.filter(due_on__gte=today, due_on__lte=soon)
        return queryset


class StaffCheckFilter(admin.SimpleListFilter):
    """Open requests waiting for staff: an identity check, or an agent's proof."""

    title = "waiting for staff"
    parameter_name = "staff_check"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin):
        return [
            ("identity", "Identity to check another way"),
            ("agent", "Agent's proof to confirm"),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Request]):
        open_requests = queryset.exclude(
            state__in=["completed", "refused", "withdrawn"]
        )
        if self.value() == "identity":
            return open_requests.filter(verification_outcome="staff_review")
        if self.value() == "agent":
            return open_requests.filter(on_behalf=True, agent_confirmed_at=None)
        return queryset


class StaffEntryForm(forms.ModelForm):
    """A request that came by e-mail, post, phone or in person (DSR-01, C-03)."""

    type = forms.ChoiceField(choices=RequestType.choices)
    channel = forms.ChoiceField(
        choices=[c for c in Channel.choices if c[0] not in ("web_form", "account")]
    )
    jurisdiction = forms.ChoiceField()
    received_at = forms.DateTimeField(
        help_text="When the request first reached anyone at the studio."
    )
    contact_email = forms.EmailField(label="Requester's e-mail address")
    details = forms.CharField(required=False, widget=forms.Textarea)
    agent_name = forms.CharField(
        label="Authorised agent's name, if made for someone else", required=False
    )
    agent_email = forms.EmailField(label="Agent's e-mail address", required=False)
    agent_proof = forms.CharField(
        label="The agent's proof you saw (your attestation)",
        help_text="For example: signed letter of authority dated 3 March, seen.",
        required=False,
        widget=forms.Textarea,
    )

    class Meta:
        model = Request
        fields: list[str] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        codes = sorted(declaration_active().jurisdiction_codes)
        self.fields["jurisdiction"].choices = [(code, code) for code in codes]

    def clean(self) -> dict:
        data = super().clean()
        agent_named = data.get("agent_name") or data.get("agent_email")
        if agent_named and not data.get("agent_proof"):
            self.add_error(
                "agent_proof",
                "Describe the agent's proof you saw, or leave the agent out.",
            )
        return data


class DecisionForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea, label="Reason, told to the requester"
    )
    basis = forms.ChoiceField(choices=RefusalBasis.choices, required=False)
    amount = forms.DecimalField(min_value=0, decimal_places=2, required=False)


@admin.register(Request)
class RequestAdmin(admin.ModelAdmin):
    list_display = (
        "id",
        "type",
        "channel",
        "jurisdiction",
        "state",
        "received_at",
        "due_on",
        "days_left",
    )
    list_filter = (
        DeadlineFilter,
        StaffCheckFilter,
        "state",
        "type",
        "jurisdiction",
        "channel",
    )
    ordering = ("due_on", "received_at")
    date_hierarchy = "received_at"
    actions = [
        "confirm_identity",
        "confirm_agent",
        "confirm_receipt",
        "fulfil_access",
        "complete",
        "withdraw",
        "extend",
        "refuse",
        "charge_fee",
    ]
    # The log, without the encrypted contact, details or agent proof.
    readonly_fields = (
        "id",
        "subject_id",
        "type",
        "channel",
        "jurisdiction",
        "state",
        "received_at",
        "clock_started_at",
        "paused_at",
        "paused_days",
        "due_on",
        "confirm_receipt_by",
        "receipt_confirmed_at",
        "on_behalf",
        "agent_proof_document",
        "agent_confirmed_at",
        "agent_confirmed_by",
        "scope",
        "data_points_required",
        "declaration_required",
        "email_confirmed_at",
        "data_points_matched",
        "declaration_signed_at",
        "verification_method",
        "verification_outcome",
        "verified_at",
        "code_attempts",
        "extended_on",
        "extension_reason",
        "extension_notice_sent_at",
        "responded_at",
        "refusal_basis",
        "refusal_reason",
        "fee_amount",
        "decided_by",
    )

    @admin.display(description="days left")
    def days_left(self, obj: Request) -> int | str:
        if not obj.open:
            return "-"
        return (obj.due_on - timezone.localdate()).days

    @admin.display(description="agent's proof document")
    def agent_proof_document(self, obj: Request) -> str:
        if not obj.agent_proof_file:
            return "-"
        url = reverse("admin:rights_request_agent_proof", args=[obj.pk])
        return format_html('<a href="{}">Open (the viewing is recorded)</a>', url)

    def get_urls(self):
        view = self.admin_site.admin_view(self.agent_proof_view)
        own = [path("<uuid:pk>/agent-proof/", view, name="rights_request_agent_proof")]
        return own + super().get_urls()

    def agent_proof_view(self, request: HttpRequest, pk) -> HttpResponse:
        """Stream the decrypted proof to staff with `rights.confirm_agent`, or 404."""
        try:
            chunks = agent_proof_open(request_id=pk, staff=request.user)
        except RightsError:
            raise Http404 from None
        response = StreamingHttpResponse(
            chunks, content_type="application/octet-stream"
        )
        response["Content-Disposition"] = 'attachment; filename="agent-proof"'
        response["Cache-Control"] = "no-store"
        return response

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = StaffEntryForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request: HttpRequest, obj: Request | None = None):
        if obj is None:
            return list(StaffEntryForm.base_fields)
        return self.readonly_fields

    def get_readonly_fields(self, request: HttpRequest, obj: Request | None = None):
        return () if obj is None else self.readonly_fields

    def save_model(self, request, obj, form, change) -> None:
        """Open the request through the one intake service, never a bare save."""
        data = form.cleaned_data
        opened = request_open(
            request_type=data["type"],
            channel=data["channel"],
            jurisdiction=data["jurisdiction"],
            contact_email=data["contact_email"],
            received_at=data["received_at"],
            details=data["details"],
            agent=_agent_claim(data),
            actor=Actor.staff(request.user.pk),
        )
        obj.pk = opened.pk
        obj._state.adding = False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_decide_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(DECIDE_PERMISSION)

    def has_confirm_agent_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(CONFIRM_AGENT_PERMISSION)

    def _each(self, request, queryset, step, done: str) -> None:
        count = 0
        for item in queryset:
            try:
                step(item)
            except RightsError as error:
                self.message_user(request, f"{item}: {error}", messages.ERROR)
            else:
                count += 1
        if count:
            self.message_user(request, f"{count} request(s) {done}.", messages.SUCCESS)

    @admin.action(description="Confirm identity (checked by staff)")
    def confirm_identity(self, request, queryset) -> None:
        def step(item):
            verification_staff_confirm(request=item, staff_id=request.user.pk)

        self._each(request, queryset, step, "verified")

    @admin.action(
        description="Confirm the agent's authority (proof checked)",
        permissions=["confirm_agent"],
    )
    def confirm_agent(self, request, queryset) -> None:
        def step(item):
            agent_authority_confirm(request_id=item.pk, staff=request.user)

        self._each(request, queryset, step, "confirmed as made by an authorised agent")

    @admin.action(description="Confirm receipt to the requester (e-mail)")
    def confirm_receipt(self, request, queryset) -> None:
        actor = Actor.staff(request.user.pk)
        sent = sum(
            receipt_confirm(request_id=item.pk, actor=actor) for item in queryset
        )
        self.message_user(
            request,
            f"Receipt confirmed to {sent} requester(s); the others had it already "
            "or have no e-mail address.",
            messages.SUCCESS,
        )

    @admin.action(description="Fulfil access request (e-mail the export link)")
    def fulfil_access(self, request, queryset) -> None:
        actor = Actor.staff(request.user.pk)
        self._each(
            request,
            queryset,
            lambda r: access_request_fulfil(request_id=r.pk, actor=actor),
            "answered with an export link",
        )

    @admin.action(description="Mark answered (completed)")
    def complete(self, request, queryset) -> None:
        actor = Actor.staff(request.user.pk)
        self._each(
            request,
            queryset,
            lambda r: request_complete(request=r, actor=actor),
            "completed",
        )

    @admin.action(description="Mark withdrawn by the requester")
    def withdraw(self, request, queryset) -> None:
        actor = Actor.staff(request.user.pk)
        self._each(
            request,
            queryset,
            lambda r: request_withdraw(request=r, actor=actor),
            "withdrawn",
        )

    @admin.action(description="Extend, e-mailing the reason now")
    def extend(self, request, queryset) -> HttpResponse | None:
        actor = Actor.staff(request.user.pk)
        return self._decide(
            request,
            queryset,
            "extend",
            lambda r, data: request_extend(
                request=r, reason=data["reason"], actor=actor
            ),
        )

    @admin.action(
        description="Refuse as manifestly unfounded or excessive",
        permissions=["decide"],
    )
    def refuse(self, request, queryset) -> HttpResponse | None:
        return self._decide(
            request,
            queryset,
            "refuse",
            lambda r, data: request_refuse(
                request=r,
                basis=data["basis"],
                reason=data["reason"],
                staff_id=request.user.pk,
            ),
        )

    @admin.action(
        description="Ask a fee: manifestly unfounded or excessive",
        permissions=["decide"],
    )
    def charge_fee(self, request, queryset) -> HttpResponse | None:
        return self._decide(
            request,
            queryset,
            "charge_fee",
            lambda r, data: request_charge_fee(
                request=r,
                basis=data["basis"],
                reason=data["reason"],
                amount=data["amount"] or 0,
                staff_id=request.user.pk,
            ),
        )

    def _decide(self, request, queryset, action: str, step) -> HttpResponse | None:
        """Ask for the reason first; on the confirmed post, call the service."""
        form = DecisionForm(request.POST if "confirm" in request.POST else None)
        if form.is_valid():
            self._each(request, queryset, lambda r: step(r, form.cleaned_data), "done")
            return None
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "requests": queryset,
            "action": action,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/rights/request/decision.html", context)


def _agent_claim(data: dict) -> AgentClaim | None:
    """Return the agent staff recorded, with their attestation as the proof."""
    if not (data["agent_name"] or data["agent_email"] or data["agent_proof"]):
        return None
    return AgentClaim(
        name=data["agent_name"], email=data["agent_email"], proof=data["agent_proof"]
    )


# Erasure, rectification, restriction, objection and opt-out: actions and lists.
from candid.rights import admin_erasure  # noqa: E402, F401
