"""Staff pages of the breach register; each action calls one service (BR-01..03)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from candid.audit.access import staff_holds
from candid.notices.selectors import declaration_active
from candid.registry.breaches import drafts, sending, services
from candid.registry.breaches.forms import (
    AssessForm,
    AuthorityNotifiedForm,
    BreachFactsForm,
    BreachRecordForm,
    DraftForm,
)
from candid.registry.breaches.selectors import (
    affected_find,
    authority_deadline,
    authority_notice_due,
    processor_notice,
    time_left,
)
from candid.registry.exceptions import BreachInvalid
from candid.registry.models import Breach, BreachNotice

PERMISSION = "registry.manage_breaches"


def staff_may_manage_breaches(user) -> bool:
    """Say whether `user` is active staff holding the breach permission (SEC-05)."""
    return staff_holds(user, PERMISSION)


def _gate(request: HttpRequest) -> None:
    # 404, not 403: the register's existence is not shown to those who may not read it.
    if not staff_may_manage_breaches(request.user):
        raise Http404


@never_cache
@require_http_methods(["GET", "POST"])
def breach_list(request: HttpRequest) -> HttpResponse:
    """List every breach, open first, and record a new one."""
    _gate(request)
    form = BreachRecordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            breach = services.breach_record(user=request.user, **form.cleaned_data)
        except BreachInvalid as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Breach {breach.pk} recorded; the clock runs.")
            return redirect("registry:breach", breach_id=breach.pk)
    rows = [
        {"breach": b, "deadline": authority_deadline(b), "due": authority_notice_due(b)}
        for b in Breach.objects.order_by("closed_at", "-aware_at")
    ]
    return render(request, "registry/breach/list.html", {"rows": rows, "form": form})


@never_cache
def breach_page(request: HttpRequest, breach_id: int) -> HttpResponse:
    """Show one breach: its clock, facts, people affected, notices and timeline."""
    _gate(request)
    breach = get_object_or_404(Breach, pk=breach_id)
    return render(request, "registry/breach/detail.html", _detail(breach))


def _detail(breach: Breach, **forms) -> dict:
    declaration = declaration_active()
    facts = {
        name: getattr(breach, name) for name in services.FACTS if name != "kinds"
    } | {"kinds": breach.kinds}
    return {
        "breach": breach,
        "deadline": authority_deadline(breach),
        "left": time_left(breach),
        "due": authority_notice_due(breach),
        "processor": processor_notice(breach, declaration),
        "affected": affected_find(
            categories=breach.data_categories,
            record_types=breach.record_types,
            window_start=breach.window_start,
            window_end=breach.window_end,
        ),
        "notices": breach.notices.all(),
        "steps": breach.steps.all(),
        "facts_form": forms.get("facts_form") or BreachFactsForm(initial=facts),
        "assess_form": forms.get("assess_form") or AssessForm(),
        "notified_form": forms.get("notified_form") or AuthorityNotifiedForm(),
        "draft_form": DraftForm(),
    }


@never_cache
@require_POST
def breach_action(request: HttpRequest, breach_id: int, action: str) -> HttpResponse:
    """Apply one staff action to a breach; a refusal is shown and changes nothing."""
    _gate(request)
    breach = get_object_or_404(Breach, pk=breach_id)
    handler = _ACTIONS.get(action)
    if handler is None:
        raise Http404
    form_class, call = handler
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        return _refused(request, breach, action, form)
    try:
        call(request, breach, form.cleaned_data if form is not None else {})
    except BreachInvalid as error:
        if form is None:
            messages.error(request, f"{error} Nothing changed.")
            return redirect("registry:breach", breach_id=breach.pk)
        form.add_error(None, str(error))
        return _refused(request, breach, action, form)
    messages.success(request, "Done.")
    return redirect("registry:breach", breach_id=breach.pk)


def _refused(request, breach, action, form) -> HttpResponse:
    breach.refresh_from_db()
    context = _detail(breach, **{f"{_FORM_NAMES.get(action, 'other')}_form": form})
    return render(request, "registry/breach/detail.html", context, status=400)


_FORM_NAMES = {"update": "facts", "assess": "assess", "notified": "notified"}
_ACTIONS = {
    "update": (
        BreachFactsForm,
        lambda r, b, data: services.breach_update(breach=b, user=r.user, **data),
    ),
    "assess": (
        AssessForm,
        lambda r, b, data: services.breach_assess(breach=b, user=r.user, **data),
    ),
    "notified": (
        AuthorityNotifiedForm,
        lambda r, b, data: services.breach_authority_notified(
            breach=b, user=r.user, **data
        ),
    ),
    "draft": (
        DraftForm,
        lambda r, b, data: drafts.breach_notice_draft(breach=b, user=r.user, **data),
    ),
    "close": (None, lambda r, b, data: services.breach_close(breach=b, user=r.user)),
}


@never_cache
@require_POST
def notice_approve(
    request: HttpRequest, breach_id: int, notice_id: int
) -> HttpResponse:
    """Approve a drafted notice; a notice to people is then sent."""
    _gate(request)
    notice = get_object_or_404(BreachNotice, pk=notice_id, breach_id=breach_id)
    try:
        sending.breach_notice_approve(notice=notice, user=request.user)
    except BreachInvalid as error:
        messages.error(request, f"{error} Nothing changed.")
    else:
        messages.success(request, "Notice approved.")
    return redirect("registry:breach", breach_id=breach_id)


@never_cache
@require_POST
def notice_revise(request: HttpRequest, breach_id: int, notice_id: int) -> HttpResponse:
    """Save staff's revision of a draft's wording."""
    _gate(request)
    notice = get_object_or_404(BreachNotice, pk=notice_id, breach_id=breach_id)
    try:
        drafts.breach_notice_revise(
            notice=notice, user=request.user, text=request.POST.get("text", "")[:20000]
        )
    except BreachInvalid as error:
        messages.error(request, f"{error} Nothing changed.")
    else:
        messages.success(request, "Notice revised.")
    return redirect("registry:breach", breach_id=breach_id)


@never_cache
def notice_document(
    request: HttpRequest, breach_id: int, notice_id: int
) -> HttpResponse:
    """Show a drafted notice as the HTML page, or as plain text with `?format=txt`."""
    _gate(request)
    notice = get_object_or_404(BreachNotice, pk=notice_id, breach_id=breach_id)
    if request.GET.get("format") == "txt":
        return HttpResponse(notice.text, content_type="text/plain; charset=utf-8")
    return HttpResponse(notice.html)
