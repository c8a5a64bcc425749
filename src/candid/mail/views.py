"""The one-click unsubscribe endpoint (RFC 8058, MKT-03)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from candid.mail.compose import ONE_CLICK
from candid.mail.declared import list_name
from candid.mail.exceptions import InvalidUnsubscribeToken
from candid.mail.services import mail_unsubscribe
from candid.mail.tokens import unsubscribe_token_read
from candid.notices.selectors import declaration_active

ONE_CLICK_FIELD, ONE_CLICK_VALUE = ONE_CLICK.split("=")


# A mail client's one-click POST carries no cookie and no CSRF token (RFC 8058 §3.2);
# the signed token in the URL is what authorises it, so CSRF protection is off here.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """Show the confirmation page on GET; unsubscribe at once on a one-click POST.

    GET never unsubscribes, because link scanners follow links. POST answers 200 with
    no redirect and is idempotent (RFC 8058 §3.1). A bad token or body changes nothing.
    """
    try:
        target = unsubscribe_token_read(unverified_token=token)
    except InvalidUnsubscribeToken:
        return _refused(request, "This unsubscribe link is not valid.")
    if request.method == "GET":
        return render(
            request,
            "mail/unsubscribe_confirm.html",
            {
                "field": ONE_CLICK_FIELD,
                "value": ONE_CLICK_VALUE,
                "list_name": list_name(
                    declaration=declaration_active(), list_key=target.list_key
                ),
            },
        )
    if request.POST.get(ONE_CLICK_FIELD) != ONE_CLICK_VALUE:
        return _refused(request, f"The request must say {ONE_CLICK}.")
    mail_unsubscribe(target=target)
    return render(request, "mail/unsubscribe_done.html")


def _refused(request: HttpRequest, reason: str) -> HttpResponse:
    return render(
        request, "mail/unsubscribe_invalid.html", {"reason": reason}, status=400
    )
