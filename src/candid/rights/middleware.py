"""Honour a signed-in person's Global Privacy Control signal as an opt-out request.

CCPA reg §7025 makes `Sec-GPC: 1` a valid request to opt out of sale and sharing
(CA-03, CK-05). For a visitor the cookie banner records it; for a signed-in
client this middleware records it against their subject once per session, so the
purpose gate refuses every sale or sharing purpose from that request on.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from candid.consent.gpc import gpc_signal
from candid.rights.services.restriction import gpc_opt_out_honour

SESSION_KEY = "candid_gpc_honoured"


class GpcOptOutMiddleware:
    """After authentication: a signed-in request with GPC opts its subject out."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if gpc_signal(request):
            self._honour(request)
        return self.get_response(request)

    def _honour(self, request: HttpRequest) -> None:
        user = getattr(request, "user", None)
        subject_id = getattr(user, "subject_id", None)
        if not (user and user.is_authenticated and subject_id):
            return
        session = getattr(request, "session", None)
        if session is not None and session.get(SESSION_KEY) == str(subject_id):
            return
        gpc_opt_out_honour(subject_id=subject_id)
        if session is not None:
            session[SESSION_KEY] = str(subject_id)
