"""Hold the policy version in force for one request, so it is read once per page.

The context processor, the view and the services it calls each ask for the active
declaration; without this, each asks the database again.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from candid.notices.selectors import declaration_request_scope


class DeclarationCacheMiddleware:
    """Read the version in force at most once per request (see notices.selectors)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with declaration_request_scope():
            return self.get_response(request)
