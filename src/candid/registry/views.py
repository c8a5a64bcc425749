"""The staff page of the records of processing and the public sub-processor list."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from candid.audit.access import staff_holds
from candid.notices.selectors import declaration_active
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
