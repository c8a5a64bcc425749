from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from candid.notices.selectors import declaration_active, policy_version_current
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
