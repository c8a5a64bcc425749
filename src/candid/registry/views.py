"""The staff page of the records of processing and the public sub-processor list."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from candid.audit.access import staff_holds
from candid.notices.selectors import declaration_active
from candid.registry.contracts import (
    TERMS,
    processor_checklists,
    processor_terms_record,
)
from candid.registry.exceptions import ProcessorTermsInvalid
from candid.registry.exports import records_active, records_csv
from candid.registry.processors import sub_processors

PERMISSION = "registry.view_records_of_processing"


def staff_may_read_records(user) -> bool:
    """Say whether `user` is active staff holding the records permission (SEC-05).

    Deny by default: anonymous visitors, clients, inactive or roleless staff are refused.
    """
    return staff_holds(user, PERMISSION)


def _gate(request: HttpRequest) -> None:
    # 404, not 403: the page's existence is not shown to those who may not read it.
    if not staff_may_read_records(request.user):
        raise Http404


@never_cache
@require_GET
def records_page(request: HttpRequest) -> HttpResponse:
    """Show staff the Art. 30 record of the declaration in force."""
    _gate(request)
    return render(request, "registry/records.html", {"rows": records_active()})


@never_cache
@require_GET
def records_download(request: HttpRequest) -> HttpResponse:
    """Send staff the Art. 30 record as a CSV file for the regulator."""
    _gate(request)
    response = HttpResponse(
        records_csv(records_active()), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="records-of-processing.csv"'
    return response


@require_GET
def sub_processors_page(request: HttpRequest) -> HttpResponse:
    """Show anyone every recipient of personal data and the safeguards of each transfer."""
    declaration = declaration_active()
    return render(
        request,
        "registry/sub_processors.html",
        {"entries": sub_processors(declaration), "controller": declaration.controller},
    )


TERMS_PERMISSION = "registry.change_processor_terms"


@never_cache
@require_GET
def processors_page(request: HttpRequest) -> HttpResponse:
    """Show staff each processor's Art. 28(3) checklist and its warnings (PRC-02)."""
    _gate(request)
    return render(
        request,
        "registry/processors.html",
        {
            "checklists": processor_checklists(declaration_active()),
            "terms": TERMS,
            "may_record": staff_holds(request.user, TERMS_PERMISSION),
        },
    )


@never_cache
@require_POST
def processor_terms_save(request: HttpRequest, recipient_key: str) -> HttpResponse:
    """Record the terms staff found in one processor's signed contract."""
    if not staff_holds(request.user, TERMS_PERMISSION):
        raise Http404
    try:
        processor_terms_record(
            user=request.user,
            declaration=declaration_active(),
            recipient_key=recipient_key,
            terms={name: request.POST.get(name) == "on" for name in TERMS},
            contract_link=request.POST.get("contract_link", "")[:300],
        )
    except ProcessorTermsInvalid as error:
        messages.error(request, f"{error} Nothing changed.")
    else:
        messages.success(request, "Contract terms recorded.")
    return redirect("registry:processors")
