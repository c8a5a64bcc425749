"""The session engine: Django's database sessions, linked to their account.

Each stored session row names the account signed in with it and the listed session
(ClientSession) it belongs to, so signing out one device, every other device, or a
child's whole account deletes those rows from the store at once (SEC-05, KID-02).
Set SESSION_ENGINE = "candid.accounts.sessions".
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

CLIENT_SESSION_KEY = "_candid_client_session"


def _as_uuid(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError):
        return None


class SessionStore(DatabaseSessionStore):
    """Store sessions in StoredSession, with the account and listed-session links."""

    @classmethod
    def get_model_class(cls):
        from candid.accounts.models import StoredSession

        return StoredSession

    def create_model_instance(self, data: dict[str, Any]):
        row = super().create_model_instance(data)
        row.user_id = _as_uuid(data.get(SESSION_KEY)) if SESSION_KEY in data else None
        row.client_session_id = (
            _as_uuid(data.get(CLIENT_SESSION_KEY))
            if CLIENT_SESSION_KEY in data
            else None
        )
        return row
