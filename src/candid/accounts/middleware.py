"""Keep the list of signed-in sessions true: list, touch, and honour sign-outs."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from candid.accounts.models import ClientSession
from candid.accounts.services.sessions import (
    client_session_adopt,
    client_session_touch,
    session_key_hash,
)
from candid.accounts.sessions import CLIENT_SESSION_KEY


class ClientSessionMiddleware:
    """After authentication: list each signed-in session and refresh "last seen".

    A session signed in elsewhere (the admin, a test client) is listed on its first
    request. A session whose listing was removed, or that does not match it, is
    signed out: the listing is the client's control over their sessions (SEC-05).
    Place after AuthenticationMiddleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            self._track(request)
        return self.get_response(request)

    def _track(self, request: HttpRequest) -> None:
        now = timezone.now()
        session = request.session
        listed_id = session.get(CLIENT_SESSION_KEY)
        if listed_id is None:
            client_session_adopt(request=request, now=now)
            return
        listed = ClientSession.objects.filter(
            pk=listed_id, user_id=request.user.pk
        ).first()
        if listed is None or listed.session_key_hash != session_key_hash(
            session.session_key or ""
        ):
            logout(request)
            return
        client_session_touch(listed=listed, now=now)
