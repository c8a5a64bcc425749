"""The listed sessions of an account: start, touch, and end them (SEC-05).

Ending a session deletes its row from the session store at once, so the browser
holding its cookie is signed out on its very next request.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid

from django.contrib.auth import login
from django.contrib.sessions.backends.base import SessionBase
from django.db import transaction
from django.http import Http404, HttpRequest
from django.utils import timezone

from candid.accounts import conf, events
from candid.accounts.devices import device_summary
from candid.accounts.models import ClientSession, StoredSession, User
from candid.accounts.sessions import CLIENT_SESSION_KEY
from candid.notices.selectors import declaration_active


def session_key_hash(session_key: str) -> str:
    """Return the SHA-256 of a session key, as ClientSession stores it."""
    return hashlib.sha256(session_key.encode()).hexdigest()


def client_session_start(
    *, request: HttpRequest, user: User, remember: bool, now: dt.datetime
) -> ClientSession:
    """Sign `user` in on this browser and list the session.

    Unticked "keep me logged in": the cookie has no expiry, so it ends when the
    browser closes. Ticked: it lasts `accounts.keep_me_logged_in` (e.g. 30 days) on
    this browser only; no other browser or device is kept signed in (seed 002).
    """
    login(request, user)
    if remember:
        expires_at = declaration_active().accounts.keep_me_logged_in.after(now)
        request.session.set_expiry(expires_at)
    else:
        expires_at = None
        request.session.set_expiry(0)
    return _listed(request, user, remembered=remember, expires_at=expires_at, now=now)


def client_session_adopt(*, request: HttpRequest, now: dt.datetime) -> ClientSession:
    """List a signed-in session that started elsewhere (the admin, a test client)."""
    session = request.session
    remembered = not session.get_expire_at_browser_close()
    expires_at = session.get_expiry_date() if remembered else None
    return _listed(
        request, request.user, remembered=remembered, expires_at=expires_at, now=now
    )


def _listed(
    request: HttpRequest,
    user: User,
    *,
    remembered: bool,
    expires_at: dt.datetime | None,
    now: dt.datetime,
) -> ClientSession:
    session = request.session
    if session.session_key is None:
        session.save()
    listed = ClientSession.objects.create(
        user=user,
        session_key_hash=session_key_hash(session.session_key),
        device=device_summary(request.headers.get("User-Agent", "")),
        remembered=remembered,
        created_at=now,
        last_seen_at=now,
        expires_at=expires_at,
    )
    session[CLIENT_SESSION_KEY] = str(listed.id)
    return listed


def client_session_touch(*, listed: ClientSession, now: dt.datetime) -> None:
    """Record that the session was used, at most once per touch interval."""
    if now - listed.last_seen_at < conf.session_touch_interval():
        return
    ClientSession.objects.filter(pk=listed.pk).update(last_seen_at=now)
    listed.last_seen_at = now


def client_session_rekey(*, session: SessionBase) -> None:
    """Follow this browser's listing to its new session key (after `cycle_key`)."""
    listed_id = session.get(CLIENT_SESSION_KEY)
    if listed_id and session.session_key:
        ClientSession.objects.filter(pk=listed_id).update(
            session_key_hash=session_key_hash(session.session_key)
        )


def client_session_end(*, user: User, session: SessionBase) -> None:
    """End the current browser's session: unlist it and delete it from the store."""
    listed_id = session.get(CLIENT_SESSION_KEY)
    with transaction.atomic():
        if listed_id:
            ClientSession.objects.filter(user=user, pk=listed_id).delete()
        if session.session_key:
            StoredSession.objects.filter(session_key=session.session_key).delete()


def client_session_revoke(*, user: User, client_session_id: uuid.UUID) -> None:
    """Sign one of the account's own sessions out, at once; another's is Http404.

    The row in the session store goes with it (CASCADE), so the browser holding
    that cookie is signed out on its next request.
    """
    with transaction.atomic():
        deleted, _ = ClientSession.objects.filter(
            user=user, pk=client_session_id
        ).delete()
    if not deleted:
        raise Http404("No such session of yours.")
    events.session_revoked(user=user, count=1)


def client_sessions_revoke_others(*, user: User, keep_session: SessionBase) -> int:
    """Sign out every session of the account except this browser's; return how many."""
    keep = keep_session.get(CLIENT_SESSION_KEY)
    with transaction.atomic():
        others = ClientSession.objects.filter(user=user).exclude(pk=keep)
        count = others.count()
        others.delete()
        StoredSession.objects.filter(user=user).exclude(
            session_key=keep_session.session_key
        ).delete()
    events.session_revoked(user=user, count=count)
    return count


def client_sessions_revoke_all(*, user: User) -> None:
    """Sign the account out everywhere: every listed and stored session goes."""
    with transaction.atomic():
        ClientSession.objects.filter(user=user).delete()
        StoredSession.objects.filter(user=user).delete()


def client_sessions_prune(*, now: dt.datetime | None = None) -> int:
    """Delete listed sessions whose stored session expired or was signed out.

    Their device summary is then no longer needed (retention of `user.device`).
    Sessions listed in the last hour are left alone: their request may still be
    writing the stored session.
    """
    now = now or timezone.now()
    stale = ClientSession.objects.filter(
        created_at__lt=now - dt.timedelta(hours=1)
    ).exclude(stored__expire_date__gt=now)
    count = stale.count()
    stale.delete()
    return count
