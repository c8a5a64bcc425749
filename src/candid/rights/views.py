"""Request pages: the public form, the signed-in form, the code and data points."""

from __future__ import annotations

import uuid
from contextlib import suppress

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import (
    sensitive_post_parameters,
    sensitive_variables,
)
from django.views.decorators.http import require_http_methods

from candid.audit.entries import Actor
from candid.rights.exceptions import ExportLinkInvalid, IntakeLimited, RightsError
from candid.rights.forms import (
    AccountRequestForm,
    CodeForm,
    DataPointsForm,
    PublicRequestForm,
)
from candid.rights.models import (
    Channel,
    Request,
    RequestType,
    State,
    VerificationMethod,
)
from candid.rights.selectors import status_step
from candid.rights.services import (
    AgentClaim,
    request_open,
    verification_code_check,
    verification_code_send,
    verification_data_points_check,
    verification_staff_check_ask,
)
from candid.rights.services.access import access_export_download
from candid.rights.throttle import intake_allow, intake_check

TOO_MANY = 429
CODE_LENGTH = 6
CORRECTIONS = frozenset({RequestType.CORRECT, RequestType.RECTIFICATION})

GET_POST = ["GET", "POST"]


@never_cache
@sensitive_post_parameters(
    "email", "details", "agent_name", "agent_email", "agent_proof"
)
@require_http_methods(GET_POST)
def public_request(request: HttpRequest) -> HttpResponse:
    """Take a request from anyone by e-mail address, then e-mail a code (DSR-05).

    The reply is the same whether or not the address has an account: the form
    never looks one up, so it cannot reveal one. Requests and codes are limited
    per address and per network (candid.rights.throttle); a limited caller gets
    status 429, and nothing is stored or sent.
    """
    form = PublicRequestForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            intake_allow(
                raw_email=form.cleaned_data["email"],
                raw_ip_address=request.META.get("REMOTE_ADDR", ""),
            )
            opened = _public_open(form.cleaned_data)
        except IntakeLimited as error:
            form.add_error(None, str(error))
            status = TOO_MANY
        except RightsError as error:
            form.add_error(None, str(error))
        else:
            return redirect("rights:request", request_id=opened.id)
    return render(request, "rights/request_form.html", {"form": form}, status=status)


def _public_open(data: dict) -> Request:
    opened = request_open(
        request_type=data["request_type"],
        channel=Channel.WEB_FORM,
        jurisdiction=data["jurisdiction"],
        contact_email=data["email"],
        details=data["details"],
        scope=data["scope"] if data["request_type"] == RequestType.KNOW else "",
        agent=_agent_claim(data),
        actor=Actor.anonymous(),
    )
    if opened.state == State.RECEIVED:
        verification_code_send(request=opened, actor=Actor.anonymous())
    return opened


def _agent_claim(data: dict) -> AgentClaim | None:
    if not data["agent_name"]:
        return None
    return AgentClaim(
        name=data["agent_name"],
        email=data["agent_email"],
        proof=data["agent_proof"],
        document=data["agent_document"],
    )


@login_required
@never_cache
@sensitive_post_parameters("password", "details")
@require_http_methods(GET_POST)
def account_request(request: HttpRequest) -> HttpResponse:
    """Take a signed-in client's request once they re-enter their password (DSR-05).

    Wrong passwords count toward the intake limit of the client's address, so a
    borrowed or stolen session cannot be used to guess the password.
    """
    form = AccountRequestForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            opened = _account_open(request, form.cleaned_data)
        except IntakeLimited as error:
            form.add_error(None, str(error))
            status = TOO_MANY
        except RightsError as error:
            form.add_error(None, str(error))
        else:
            if opened is not None:
                return redirect("rights:request", request_id=opened.id)
            form.add_error("password", "That password is not right; nothing was sent.")
    return render(request, "rights/account_form.html", {"form": form}, status=status)


@sensitive_variables("data")
def _account_open(request: HttpRequest, data: dict) -> Request | None:
    user = request.user
    caller = {
        "raw_email": user.email or "",
        "raw_ip_address": request.META.get("REMOTE_ADDR", ""),
    }
    intake_check(**caller)
    if not user.check_password(data["password"]):
        with suppress(IntakeLimited):
            intake_allow(**caller)
        return None
    return request_open(
        request_type=data["request_type"],
        channel=Channel.ACCOUNT,
        jurisdiction=data["jurisdiction"],
        contact_email=user.email,
        details=data["details"],
        scope=data["scope"] if data["request_type"] == RequestType.KNOW else "",
        subject_id=user.subject_id,
        verified_by=VerificationMethod.PASSWORD,
        actor=Actor.client(user.pk),
    )


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(GET_POST)
def request_status(request: HttpRequest, request_id: uuid.UUID) -> HttpResponse:
    """Show where a request stands and, while it waits, take the e-mailed code."""
    found = _request_or_404(request_id)
    form = CodeForm(request.POST or None, initial=_linked_code(request))
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
    return _status_page(request, found, code_form=form)


@never_cache
@require_http_methods(["POST"])
def new_code(request: HttpRequest, request_id: uuid.UUID) -> HttpResponse:
    """E-mail a fresh code, within the same rate limit as the request form."""
    found = _request_or_404(request_id)
    try:
        intake_allow(
            raw_email=found.contact_email or "",
            raw_ip_address=request.META.get("REMOTE_ADDR", ""),
        )
        verification_code_send(request=found, actor=Actor.anonymous(found.subject_id))
    except IntakeLimited as error:
        return _status_page(request, found, error=str(error), status=TOO_MANY)
    except RightsError as error:
        found.refresh_from_db()
        return _status_page(request, found, error=str(error))
    return redirect("rights:request", request_id=found.id)


@never_cache
@sensitive_post_parameters()
@require_http_methods(["POST"])
def data_points_check(request: HttpRequest, request_id: uuid.UUID) -> HttpResponse:
    """Take the answers to the data-point questions and the CCPA declaration."""
    found = _request_or_404(request_id)
    form = _points_form(found, request.POST)
    if form.is_valid():
        try:
            verification_data_points_check(
                request_id=found.id,
                answers=form.answers(),
                signature=form.cleaned_data.get("signature", ""),
                declared=form.cleaned_data.get("declared", False),
                correcting=form.cleaned_data.get("correcting", ""),
            )
        except RightsError as error:
            form.add_error(None, str(error))
            found.refresh_from_db()
        else:
            return redirect("rights:request", request_id=found.id)
    return _status_page(request, found, points_form=form)


@never_cache
@require_http_methods(["POST"])
def staff_check(request: HttpRequest, request_id: uuid.UUID) -> HttpResponse:
    """Let a requester who cannot answer the questions ask staff to check instead."""
    found = _request_or_404(request_id)
    try:
        verification_staff_check_ask(request_id=found.id)
    except RightsError as error:
        return _status_page(request, found, error=str(error))
    return redirect("rights:request", request_id=found.id)


def _linked_code(request: HttpRequest) -> dict[str, str]:
    """Fill the form with the code of an e-mailed link; only digits are taken."""
    code = request.GET.get("code", "")
    return {"code": code} if code.isdigit() and len(code) <= CODE_LENGTH else {}


def _request_or_404(request_id: uuid.UUID) -> Request:
    found = Request.objects.filter(pk=request_id).first()
    if found is None:
        raise Http404
    return found


def _points_form(found: Request, data: object = None) -> DataPointsForm:
    return DataPointsForm(
        data,
        required=found.data_points_required,
        declaration=found.declaration_required,
        correction=found.type in CORRECTIONS,
    )


def _status_page(
    request: HttpRequest,
    found: Request,
    *,
    code_form: CodeForm | None = None,
    points_form: DataPointsForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    context = {
        "rights_request": found,
        "step": status_step(found),
        "form": code_form or CodeForm(),
        "points_form": points_form or _points_form(found),
        "error": error,
    }
    return render(request, "rights/request_status.html", context, status=status)


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
