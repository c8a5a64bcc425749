"""Pages of client accounts: each view checks its form and calls one service."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from candid.accounts import conf, selectors
from candid.accounts.exceptions import AccountError, SignupUnderage
from candid.accounts.forms import (
    AddressForm,
    ConsentToggleForm,
    PasswordResetRequestForm,
    ProfileForm,
    SignInForm,
    SignUpConfirmForm,
    SignUpForm,
)
from candid.accounts.services import (
    choices,
    profile,
    recovery,
    sessions,
    signin,
    signup,
)
from candid.accounts.services.notices import opt_in_pending_from_token
from candid.accounts.sessions import CLIENT_SESSION_KEY
from candid.consent.exceptions import ConsentError
from candid.notices.changes import renewals_pending_for
from candid.notices.selectors import declaration_active
from candid.rights.selectors import requests_of_subject

GET_POST = ["GET", "POST"]


def _next_url(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return reverse("accounts:profile")


@sensitive_post_parameters(
    "password1", "password2", "date_of_birth", "email", "full_name"
)
@never_cache
@require_http_methods(GET_POST)
def sign_up(request: HttpRequest) -> HttpResponse:
    """Open an account, refusing anyone under the declaration's minimum age (KID-01).

    A new address and one that already has an account get the same page; the
    address's owner is told by e-mail which it was (no account enumeration).
    """
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            signup.sign_up_request(
                full_name=data["full_name"],
                email=data["email"],
                password=data["password1"],
                date_of_birth=data["date_of_birth"],
                marketing_opt_in=data.get("marketing", False),
                policy_acknowledged=data.get("acknowledge_policy", False),
                remote_addr=request.META.get("REMOTE_ADDR", ""),
            )
        except SignupUnderage as refusal:
            # A fresh page: nothing typed is echoed back or kept in the session.
            return render(
                request, "accounts/sign_up_refused.html", {"message": str(refusal)}
            )
        except AccountError as error:
            form.add_error(None, str(error))
        else:
            return render(
                request, "accounts/sign_up_sent.html", {"email": data["email"]}
            )
    return render(
        request,
        "accounts/sign_up.html",
        {"form": form, "accounts": declaration_active().accounts},
    )


@sensitive_post_parameters("password", "email")
@never_cache
@require_http_methods(GET_POST)
def sign_in(request: HttpRequest) -> HttpResponse:
    """Sign in with e-mail and password, optionally kept on this browser only."""
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            signin.account_sign_in(
                request=request,
                raw_email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
                remember=form.cleaned_data["remember"],
            )
        except AccountError as refusal:
            form.add_error(None, str(refusal))
        else:
            return redirect(_next_url(request))
    return render(
        request,
        "accounts/sign_in.html",
        {
            "form": form,
            "next": _next_url(request),
            "keep_for": declaration_active().accounts.keep_me_logged_in,
        },
    )


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    """Sign out of this browser: its session is deleted at once."""
    signin.account_sign_out(request=request)
    return redirect("web:home")


@login_required
@never_cache
@sensitive_post_parameters("email", "full_name", "phone")
@require_http_methods(GET_POST)
def profile_page(request: HttpRequest) -> HttpResponse:
    """Show and edit the client's own name, e-mail and phone (DSR-09)."""
    user = request.user
    initial = {"full_name": user.full_name, "email": user.email, "phone": user.phone}
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            changed = profile.profile_update(user=user, **form.cleaned_data)
        except AccountError as error:
            form.add_error("email", str(error))
        else:
            if changed:
                messages.success(request, "Your profile was saved.")
            return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})


@login_required
@never_cache
@sensitive_post_parameters("old_password", "new_password1", "new_password2")
@require_http_methods(GET_POST)
def password_page(request: HttpRequest) -> HttpResponse:
    """Change the password; every other session is signed out."""
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        profile.password_change(
            request=request,
            user=request.user,
            new_password=form.cleaned_data["new_password1"],
        )
        messages.success(
            request,
            "Your password was changed and your other sessions were signed out.",
        )
        return redirect("accounts:profile")
    return render(request, "accounts/password.html", {"form": form})


@login_required
@never_cache
@require_http_methods(GET_POST)
def addresses_page(request: HttpRequest) -> HttpResponse:
    """List the client's addresses and add one."""
    form = AddressForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        profile.address_add(user=request.user, values=form.cleaned_data)
        messages.success(request, "The address was added.")
        return redirect("accounts:addresses")
    return render(
        request,
        "accounts/addresses.html",
        {"form": form, "addresses": selectors.addresses_of(user=request.user)},
    )


@login_required
@never_cache
@require_http_methods(GET_POST)
def address_edit(request: HttpRequest, address_id: uuid.UUID) -> HttpResponse:
    """Change one of the client's addresses; existing orders keep theirs."""
    address = next(
        (a for a in selectors.addresses_of(user=request.user) if a.pk == address_id),
        None,
    )
    if address is None:
        raise Http404("No such address of yours.")
    initial = {name: getattr(address, name) for name in profile.ADDRESS_FIELDS}
    form = AddressForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        profile.address_update(
            user=request.user, address_id=address_id, values=form.cleaned_data
        )
        messages.success(request, "The address was saved.")
        return redirect("accounts:addresses")
    return render(
        request, "accounts/address_edit.html", {"form": form, "address": address}
    )


@login_required
@require_POST
def address_delete(request: HttpRequest, address_id: uuid.UUID) -> HttpResponse:
    """Delete one of the client's addresses."""
    profile.address_delete(user=request.user, address_id=address_id)
    messages.success(request, "The address was deleted.")
    return redirect("accounts:addresses")


@login_required
@require_POST
def address_default(request: HttpRequest, address_id: uuid.UUID) -> HttpResponse:
    """Make one address the default."""
    profile.address_make_default(user=request.user, address_id=address_id)
    return redirect("accounts:addresses")


@login_required
@never_cache
@require_http_methods(["GET"])
def sessions_page(request: HttpRequest) -> HttpResponse:
    """List the browsers and devices signed in to the account (SEC-05)."""
    return render(
        request,
        "accounts/sessions.html",
        {
            "sessions": selectors.client_sessions_active(user=request.user),
            "current_id": request.session.get(CLIENT_SESSION_KEY),
        },
    )


@login_required
@require_POST
def session_sign_out(request: HttpRequest, session_id: uuid.UUID) -> HttpResponse:
    """Sign one session out at once; this browser's own means signing out here."""
    if str(session_id) == request.session.get(CLIENT_SESSION_KEY):
        signin.account_sign_out(request=request)
        return redirect("web:home")
    sessions.client_session_revoke(user=request.user, client_session_id=session_id)
    messages.success(request, "That session was signed out.")
    return redirect("accounts:sessions")


@login_required
@require_POST
def sessions_sign_out_others(request: HttpRequest) -> HttpResponse:
    """Sign out every session except this browser's."""
    count = sessions.client_sessions_revoke_others(
        user=request.user, keep_session=request.session
    )
    messages.success(request, f"Signed out of {count} other session(s).")
    return redirect("accounts:sessions")


@login_required
@never_cache
@require_http_methods(["GET"])
def privacy_centre(request: HttpRequest) -> HttpResponse:
    """Show the client's consents, sessions and ways to exercise their rights."""
    return render(
        request,
        "accounts/privacy_centre.html",
        {
            "choices": selectors.privacy_centre_choices(user=request.user),
            "cookie_purposes": selectors.cookie_purposes(),
            "rights": declaration_active().rights,
            "channels": selectors.rights_channels(),
            "policy_rights_url": selectors.policy_rights_url(),
            "renewals": renewals_pending_for(request.user.subject_id),
            "requests": requests_of_subject(request.user.subject_id),
        },
    )


@login_required
@require_POST
def consent_toggle(request: HttpRequest) -> HttpResponse:
    """Switch one consent on or off, in one step either way (LAW-04)."""
    form = ConsentToggleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "That choice could not be read; nothing changed.")
        return redirect("accounts:privacy")
    try:
        choices.privacy_centre_choice(
            user=request.user,
            purpose_key=form.cleaned_data["purpose"],
            granted=form.cleaned_data["granted"],
        )
    except (AccountError, ConsentError, ValidationError) as error:
        messages.error(request, f"{error} Nothing changed.")
    else:
        messages.success(request, "Your choice was saved.")
    return redirect("accounts:privacy")


@never_cache
@require_http_methods(GET_POST)
def opt_in_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """Confirm a double opt-in from the e-mailed link (GET asks, POST confirms)."""
    pending = opt_in_pending_from_token(token)
    if pending is None:
        return render(request, "accounts/opt_in_invalid.html", status=404)
    if request.method == "POST":
        choices.opt_in_confirm(pending=pending)
        return render(request, "accounts/opt_in_done.html")
    purpose = declaration_active().purpose(pending.purpose)
    return render(request, "accounts/opt_in_confirm.html", {"purpose": purpose})


# An e-mailed link's token moves from the URL into the session at once, so it
# never reaches another site in a Referer header (as Django's own reset view).
LINK_IN_SESSION = "link-in-session"


def _link_token(request: HttpRequest, key: str, token: str) -> str:
    if token != LINK_IN_SESSION:
        request.session[key] = token
        return ""
    return request.session.get(key, "")


def _link_moved(url_name: str, uidb64: str) -> HttpResponse:
    # The page itself keeps the site's same-origin policy: "no-referrer" there
    # would send "Origin: null" with its form, which CSRF protection refuses.
    response = redirect(url_name, uidb64, LINK_IN_SESSION)
    response["Referrer-Policy"] = "no-referrer"
    return response


def _link_invalid(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/link_invalid.html", status=404)


@sensitive_post_parameters("email")
@never_cache
@require_http_methods(GET_POST)
def password_reset(request: HttpRequest) -> HttpResponse:
    """Ask for a reset link; the answer is the same whether or not the account exists."""
    form = PasswordResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            recovery.password_reset_request(
                request=request, raw_email=form.cleaned_data["email"]
            )
        except AccountError as refusal:
            form.add_error(None, str(refusal))
        else:
            return render(
                request,
                "accounts/password_reset_sent.html",
                {"minutes": int(conf.password_reset_lifetime().total_seconds() // 60)},
            )
    return render(request, "accounts/password_reset.html", {"form": form})


@sensitive_post_parameters("new_password1", "new_password2")
@never_cache
@require_http_methods(GET_POST)
def password_reset_confirm(
    request: HttpRequest, uidb64: str, token: str
) -> HttpResponse:
    """Choose a new password from the e-mailed link; every session then ends."""
    session_key = "_candid_password_reset_token"
    unverified_token = _link_token(request, session_key, token)
    if not unverified_token:
        return _link_moved("accounts:password-reset-confirm", uidb64)
    user = recovery.password_reset_account(
        unverified_uid=uidb64, unverified_token=unverified_token
    )
    if user is None:
        return _link_invalid(request)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            recovery.password_reset_complete(
                user=user, new_password=form.cleaned_data["new_password1"]
            )
        except AccountError:
            return _link_invalid(request)
        request.session.pop(session_key, None)
        messages.success(
            request,
            "Your password was changed and every session was signed out. "
            "Sign in with your new password.",
        )
        return redirect("accounts:sign-in")
    return render(request, "accounts/password_reset_confirm.html", {"form": form})


@sensitive_post_parameters("password")
@never_cache
@require_http_methods(GET_POST)
def sign_up_confirm(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """Confirm a new account from the e-mailed link with its password, and sign in."""
    session_key = "_candid_sign_up_token"
    unverified_token = _link_token(request, session_key, token)
    if not unverified_token:
        return _link_moved("accounts:sign-up-confirm", uidb64)
    user = signup.sign_up_pending_from_link(
        unverified_uid=uidb64, unverified_token=unverified_token
    )
    if user is None:
        return _link_invalid(request)
    form = SignUpConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            signup.sign_up_confirm(
                request=request, user=user, password=form.cleaned_data["password"]
            )
        except AccountError as refusal:
            form.add_error(None, str(refusal))
        else:
            request.session.pop(session_key, None)
            messages.success(request, "Your account is confirmed. Welcome!")
            return redirect("accounts:profile")
    return render(request, "accounts/sign_up_confirm.html", {"form": form})
