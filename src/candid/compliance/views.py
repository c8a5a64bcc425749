"""The staff page of the compliance self-audit."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from candid.audit.access import staff_holds
from candid.compliance.report import compliance_audit

PERMISSION = "compliance.view_compliance_report"


def staff_may_read_report(user) -> bool:
    """Say whether `user` is active staff holding the compliance permission (SEC-05).

    Deny by default: anonymous visitors, clients, inactive or roleless staff are refused.
    """
    return staff_holds(user, PERMISSION)


@never_cache
@require_GET
def report_page(request: HttpRequest) -> HttpResponse:
    """Show staff every promise of the declaration in force, checked against live data."""
    # 404, not 403: the page's existence is not shown to those who may not read it.
    if not staff_may_read_report(request.user):
        raise Http404
    results = compliance_audit()
    failed = sum(not result.passed for result in results)
    return render(
        request,
        "compliance/report.html",
        {"results": results, "failed": failed, "passed": len(results) - failed},
    )
