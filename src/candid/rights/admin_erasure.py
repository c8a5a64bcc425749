"""Back office of erasure, rectification, restriction, objection and opt-out.

Staff actions on the request queue, each calling one service: erase (the
synchronous part runs at once, the rest in the task worker), correct the
requester's details, restrict, uphold an objection, honour an opt-out. The
erasures list shows each recipient's part; staff with `rights.attest_propagation`
attest a recipient's confirmation or ask it again. No personal value is shown.
Imported by `candid.rights.admin`.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from candid.audit.entries import Actor
from candid.notices.selectors import declaration_active
from candid.rights.admin import RequestAdmin
from candid.rights.exceptions import RightsError
from candid.rights.models import ErasureJob, Propagation
from candid.rights.services.erasure import erasure_start
from candid.rights.services.propagation import propagation_attest
from candid.rights.services.rectification import PROFILE_FIELDS, rectification_apply
from candid.rights.services.restriction import (
    objection_request_fulfil,
    opt_out_request_fulfil,
    restriction_lift_announce,
    restriction_request_fulfil,
)

ATTEST_PERMISSION = "rights.attest_propagation"
FORM_TEMPLATE = "admin/rights/request/rights_form.html"


class RectificationForm(forms.Form):
    """The corrected values; a blank field stays as it is."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, label in PROFILE_FIELDS.items():
            self.fields[name] = forms.CharField(
                label=f"Corrected {label}", required=False, max_length=200
            )


class ObjectionForm(forms.Form):
    purposes = forms.MultipleChoiceField(widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["purposes"].choices = [
            (p.key, p.name)
            for p in declaration_active().purposes
            if p.objectable or p.is_marketing
        ]


class AttestationForm(forms.Form):
    attestation = forms.CharField(
        widget=forms.Textarea, label="How the recipient confirmed it"
    )
    reference = forms.CharField(
        required=False, label="Reference they quoted (from our letter)"
    )


def _each(model_admin, request, queryset, step, done: str) -> None:
    count = 0
    for item in queryset:
        try:
            step(item)
        except RightsError as error:
            model_admin.message_user(request, f"{item}: {error}", messages.ERROR)
        else:
            count += 1
    if count:
        model_admin.message_user(request, f"{count} {done}.", messages.SUCCESS)


def _with_form(model_admin, request, queryset, form_class, action: str, step):
    """Ask for the form first; on the confirmed post, call the service per row."""
    form = form_class(request.POST if "confirm" in request.POST else None)
    if form.is_valid():
        _each(
            model_admin, request, queryset, lambda r: step(r, form.cleaned_data), "done"
        )
        return None
    context = {
        **model_admin.admin_site.each_context(request),
        "form": form,
        "items": queryset,
        "action": action,
        "opts": model_admin.model._meta,
    }
    return TemplateResponse(request, FORM_TEMPLATE, context)


@admin.action(description="Erase the requester's data (cannot be undone)")
def erase(model_admin, request: HttpRequest, queryset) -> None:
    actor = Actor.staff(request.user.pk)
    _each(
        model_admin,
        request,
        queryset,
        lambda r: erasure_start(request_id=r.pk, actor=actor),
        "erasure(s) started; the rest runs in the background",
    )


@admin.action(description="Correct the requester's details")
def rectify(model_admin, request: HttpRequest, queryset) -> HttpResponse | None:
    actor = Actor.staff(request.user.pk)
    return _with_form(
        model_admin,
        request,
        queryset,
        RectificationForm,
        "rectify",
        lambda r, data: rectification_apply(request_id=r.pk, changes=data, actor=actor),
    )


@admin.action(description="Restrict all use of the requester's data")
def restrict(model_admin, request: HttpRequest, queryset) -> None:
    actor = Actor.staff(request.user.pk)
    _each(
        model_admin,
        request,
        queryset,
        lambda r: restriction_request_fulfil(request_id=r.pk, actor=actor),
        "restriction(s) applied",
    )


@admin.action(description="Uphold the objection")
def uphold_objection(
    model_admin, request: HttpRequest, queryset
) -> HttpResponse | None:
    actor = Actor.staff(request.user.pk)
    return _with_form(
        model_admin,
        request,
        queryset,
        ObjectionForm,
        "uphold_objection",
        lambda r, data: objection_request_fulfil(
            request_id=r.pk, purposes=data["purposes"], actor=actor
        ),
    )


@admin.action(description="Honour the opt-out of sale and sharing")
def honour_opt_out(model_admin, request: HttpRequest, queryset) -> None:
    actor = Actor.staff(request.user.pk)
    _each(
        model_admin,
        request,
        queryset,
        lambda r: opt_out_request_fulfil(request_id=r.pk, actor=actor),
        "opt-out(s) honoured",
    )


class RestrictionLiftForm(forms.Form):
    lift_on = forms.DateField(
        label="The restriction ends on (a later day: the person is told now)",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    reason = forms.CharField(
        widget=forms.Textarea,
        max_length=1000,
        label="Why it ends (e-mailed to the person, e.g. the accuracy was checked)",
    )


@admin.action(description="Lift the restriction on a date, telling the person now")
def lift_restriction(
    model_admin, request: HttpRequest, queryset
) -> HttpResponse | None:
    actor = Actor.staff(request.user.pk)
    return _with_form(
        model_admin,
        request,
        queryset,
        RestrictionLiftForm,
        "lift_restriction",
        lambda r, data: restriction_lift_announce(
            request_id=r.pk,
            actor=actor,
            lift_on=data["lift_on"],
            reason=data["reason"],
        ),
    )


# Erasing cannot be undone: it needs the role that refuses requests (DSR-06).
erase.allowed_permissions = ("decide",)
RequestAdmin.actions = [
    *RequestAdmin.actions,
    erase,
    rectify,
    restrict,
    lift_restriction,
    uphold_objection,
    honour_opt_out,
]


class PropagationInline(admin.TabularInline):
    model = Propagation
    fk_name = "job"
    fields = (
        "recipient",
        "connector",
        "state",
        "attempts",
        "last_error",
        "attested_at",
    )
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class RequestPropagationInline(PropagationInline):
    """On a request: each recipient told of its erasure, correction or restriction."""

    fk_name = "request"
    fields = ("action", *PropagationInline.fields)
    readonly_fields = fields


RequestAdmin.inlines = [*RequestAdmin.inlines, RequestPropagationInline]


@admin.register(ErasureJob)
class ErasureJobAdmin(admin.ModelAdmin):
    list_display = ("id", "request", "stage", "rows_deleted", "rows_minimised")
    list_filter = ("stage",)
    fields = (
        "request",
        "subject_id",
        "stage",
        "models_done",
        "rows_deleted",
        "rows_minimised",
        "key_destroyed_at",
        "created_at",
        "closed_at",
    )
    readonly_fields = fields
    inlines = [PropagationInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Propagation)
class PropagationAdmin(admin.ModelAdmin):
    list_display = (
        "request",
        "action",
        "recipient",
        "connector",
        "state",
        "attempts",
        "last_error",
    )
    list_filter = ("action", "state", "recipient")
    fields = (
        "request",
        "action",
        "job",
        "recipient",
        "connector",
        "state",
        "attempts",
        "last_error",
        "attested_by",
        "attested_at",
        "attestation",
        "finished_at",
    )
    readonly_fields = fields
    actions = ["attest", "ask_again"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_attest_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(ATTEST_PERMISSION)

    @admin.action(
        description="Attest the recipient did as asked (erased, corrected, restricted)",
        permissions=["attest"],
    )
    def attest(self, request, queryset) -> HttpResponse | None:
        return _with_form(
            self,
            request,
            queryset,
            AttestationForm,
            "attest",
            lambda p, data: propagation_attest(
                propagation_id=p.pk,
                staff_id=request.user.pk,
                attestation=data["attestation"],
                reference=data["reference"],
            ),
        )

    @admin.action(description="Ask the recipient again", permissions=["attest"])
    def ask_again(self, request, queryset) -> None:
        from candid.rights.tasks import propagation_run_task

        for item in queryset.filter(state__in=["pending", "failed"]):
            propagation_run_task.enqueue(item.pk)
        self.message_user(request, "Asked again.", messages.SUCCESS)
