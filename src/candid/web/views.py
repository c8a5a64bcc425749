from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from candid.notices.selectors import (
    declaration_active,
    policy_version_current,
    policy_versions_list,
)
from candid.policy.render import render_html_body


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
