"""Request pages: the public form, the signed-in form and the code check."""

from __future__ import annotations

import uuid

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from candid.audit.entries import Actor
from candid.rights.exceptions import ExportLinkInvalid, RightsError
from candid.rights.forms import AccountRequestForm, CodeForm, PublicRequestForm
from candid.rights.models import Channel, Request, State, VerificationMethod
from candid.rights.services import (
    request_open,
    verification_code_check,
    verification_code_send,
)
from candid.rights.services.access import access_export_download

GET_POST = ["GET", "POST"]


@never_cache
@sensitive_post_parameters("email", "details", "agent_proof")
@require_http_methods(GET_POST)
def public_request(request: HttpRequest) -> HttpResponse:
    """Take a request from anyone by e-mail address, then e-mail a code (DSR-05).

    The reply is the same whether or not the address has an account: the form
    never looks one up, so it cannot reveal one.
    """
    form = PublicRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            opened = request_open(
                request_type=data["request_type"],
                channel=Channel.WEB_FORM,
                jurisdiction=data["jurisdiction"],
                contact_email=data["email"],
                details=data["details"],
                agent_proof=data["agent_proof"],
                actor=Actor.anonymous(),
            )
            if opened.state == State.RECEIVED:
                verification_code_send(request=opened, actor=Actor.anonymous())
        except RightsError as error:
            form.add_error(None, str(error))
        else:
            return redirect("rights:request", request_id=opened.id)
    return render(request, "rights/request_form.html", {"form": form})


@login_required
@never_cache
@sensitive_post_parameters("password", "details")
@require_http_methods(GET_POST)
def account_request(request: HttpRequest) -> HttpResponse:
    """Take a signed-in client's request once they re-enter their password (DSR-05)."""
    user = request.user
    form = AccountRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not user.check_password(form.cleaned_data["password"]):
            form.add_error("password", "That password is not right; nothing was sent.")
        else:
            try:
                opened = request_open(
                    request_type=form.cleaned_data["request_type"],
                    channel=Channel.ACCOUNT,
                    jurisdiction=form.cleaned_data["jurisdiction"],
                    contact_email=user.email,
                    details=form.cleaned_data["details"],
                    subject_id=user.subject_id,
                    verified_by=VerificationMethod.PASSWORD,
                    actor=Actor.client(user.pk),
                )
            except RightsError as error:
                form.add_error(None, str(error))
            else:
                return redirect("rights:request", request_id=opened.id)
    return render(request, "rights/account_form.html", {"form": form})


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(GET_POST)
def request_status(request: HttpRequest, request_id: uuid.UUID) -> HttpResponse:
    """Show where a request stands and, while it waits, take the e-mailed code."""
    found = Request.objects.filter(pk=request_id).first()
    if found is None:
        raise Http404
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            found = verification_code_check(
                request_id=found.id, raw_code=form.cleaned_data["code"]
            )
        except RightsError as error:
            form.add_error("code", str(error))
            found.refresh_from_db()
        else:
            return redirect("rights:request", request_id=found.id)
    return render(
        request, "rights/request_status.html", {"rights_request": found, "form": form}
    )


@never_cache
@require_http_methods(["GET"])
def export_page(request: HttpRequest, token: str) -> HttpResponse:
    """Show the readable access export an e-mailed link points to (DSR-07, DSR-08)."""
    export = _export_or_404(token, "html")
    return render(request, "rights/export.html", {"export": export})


@never_cache
@require_http_methods(["GET"])
def export_json(request: HttpRequest, token: str) -> HttpResponse:
    """Serve the same export as a JSON file, the portable copy (DSR-08)."""
    export = _export_or_404(token, "json")
    response = JsonResponse(export, json_dumps_params={"indent": 2})
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


def _export_or_404(token: str, file_format: str) -> dict:
    try:
        return access_export_download(token=token, file_format=file_format)
    except ExportLinkInvalid:
        raise Http404 from None
