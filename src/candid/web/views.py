from django.http import HttpResponseBadRequest, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods

from candid.notices.selectors import (
    declaration_active,
    policy_version_current,
    policy_versions_list,
)
from candid.policy.render import render_html_body
from candid.web.cookie_flow import (
    CookieChoiceError,
    cookie_choice_apply,
    cookie_choice_from_request,
)


@require_GET
def home(request):
    return render(request, "candid/home.html")


@require_GET
def privacy_policy(request):
    """Show the published privacy policy, rendered from the declaration in force."""
    current = policy_version_current()
    declaration = declaration_active()
    body = render_html_body(declaration)
    return render(
        request,
        "candid/privacy_policy.html",
        {"policy_body": mark_safe(body), "published": current},  # noqa: S308 - escaped by the renderer
    )


# Every version states its own number and date; listing those as changes says nothing.
_SELF_EVIDENT_PATHS = frozenset({"policy.version", "policy.effective_date"})


@require_GET
def policy_versions(request):
    """List every published version of the policy and what it changed (NOT-03)."""
    versions = [
        {
            "version": version,
            "significant": [c for c in version.changes if c["significant"]],
            "other": [
                c
                for c in version.changes
                if not c["significant"] and c["path"] not in _SELF_EVIDENT_PATHS
            ],
        }
        for version in policy_versions_list()
    ]
    return render(request, "candid/policy_versions.html", {"versions": versions})


@require_http_methods(["GET", "POST"])
def cookie_settings(request):
    """Show the cookie choices (GET) or record one decision (POST), with or without JavaScript."""
    declaration = declaration_active()
    if request.method == "GET":
        return render(
            request, "candid/cookie_settings.html", {"cookies": declaration.cookies}
        )
    try:
        outcome = cookie_choice_from_request(request, declaration)
    except CookieChoiceError as error:
        return HttpResponseBadRequest(
            str(error), content_type="text/plain; charset=utf-8"
        )
    if "application/json" in request.headers.get("Accept", ""):
        response = JsonResponse(
            {
                "granted": sorted(outcome.choice.granted),
                "remove_cookies": outcome.remove_cookies,
            }
        )
    else:
        next_url = request.POST.get("next", "/")
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}
        ):
            next_url = "/"
        response = HttpResponseRedirect(next_url, status=303)
    return cookie_choice_apply(
        response, outcome, declaration.cookies, host=request.get_host()
    )
