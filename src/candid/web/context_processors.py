"""Template context every page needs: the studio, its policy version, the cookie banner."""

from django.utils import timezone

from candid.consent.gpc import gpc_signal
from candid.notices.selectors import declaration_active
from candid.web.cookie_state import COOKIE_NAME, choice_read, locked_off


def studio(request):
    declaration = declaration_active()
    return {
        "studio_name": declaration.controller.name,
        "policy_version": declaration.policy.version,
        "policy_effective_date": declaration.policy.effective_date,
        "cookie_consent": cookie_banner_context(request, declaration),
    }


def cookie_banner_context(request, declaration) -> dict:
    """Return what the banner shows: categories, the standing choice, and GPC (CK-01..05)."""
    cookies = declaration.cookies
    choice = choice_read(request.COOKIES.get(COOKIE_NAME))
    current = choice is not None and choice.is_current(cookies, now=timezone.now())
    granted = choice.granted if current and choice else frozenset()
    gpc = gpc_signal(request) or bool(choice and choice.gpc)
    categories = [
        {
            "key": category.key,
            "name": category.name,
            "description": category.description,
            "essential": category.essential,
            "granted": category.key in granted and not locked_off(category, gpc=gpc),
            "locked_off": locked_off(category, gpc=gpc),
            "scripts": [script.src for script in category.scripts],
        }
        for category in cookies.categories
    ]
    active = [c for c in categories if c["granted"]]
    has_optional = any(not c["essential"] for c in categories)
    return {
        # With only strictly necessary cookies there is nothing to ask (CK-04).
        "needs_decision": has_optional and not current,
        "open": request.resolver_match is not None
        and request.resolver_match.url_name == "cookie-settings",
        "gpc": gpc,
        "categories": categories,
        "granted_scripts": [src for c in active for src in c["scripts"]],
        "config": {
            "categories": [
                {"key": c["key"], "scripts": c["scripts"]} for c in categories
            ],
            "gpc": bool(choice and choice.gpc),
        },
    }
