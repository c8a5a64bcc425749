"""Share links: one per recipient, own password, expiry, revocation (IMG-04).

The link's token (256 random bits) lives only in the URL given to the client; the
database keeps its SHA-256, so a leaked table opens nothing. Every request through
a link, for the page or any image, passes `access_share_link_by_token`, so revoking
a link stops every URL derived from it at once. Wrong passwords are counted in the
link's access log, shared by every process: five within 15 minutes lock the link
for the rest of that window.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import secrets
import uuid

from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from candid.accounts.models import User
from candid.consent.purposes import require_purpose
from candid.galleries import events
from candid.galleries.access import access_gallery_by_id_for_client
from candid.galleries.declared import gallery_purpose, images_declared
from candid.galleries.exceptions import (
    GalleryNotFound,
    ShareLinkInvalid,
    ShareLinkLocked,
)
from candid.galleries.models import ShareLink, ShareLinkAccess

TOKEN_BYTES = 32
PASSWORD_MIN_LENGTH = 8
LABEL_MAX_LENGTH = 80
MAX_WRONG_PASSWORDS = 5
LOCK_WINDOW = dt.timedelta(minutes=15)


def token_hash(unverified_token: str) -> str:
    """Return the stored form of a link token: its SHA-256, hex."""
    return hashlib.sha256(unverified_token.encode()).hexdigest()


@sensitive_variables("password", "token")
def share_link_create(
    *,
    client: User,
    gallery_id: uuid.UUID,
    recipient_label: str,
    password: str,
    expires_at: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> tuple[ShareLink, str]:
    """Create a share link for one recipient; return it and its token, shown once.

    The expiry defaults to the declared share-link lifetime and can never be
    "forever": it must fall after now and no later than the gallery's own end.
    """
    now = now or timezone.now()
    gallery = access_gallery_by_id_for_client(client=client, gallery_id=gallery_id)
    label = _checked_label(recipient_label)
    _check_password(password)
    default = images_declared().share_link_lifetime.after(now)
    ends = expires_at or min(default, gallery.expires_at)
    if not now < ends <= gallery.expires_at:
        raise ShareLinkInvalid(
            "The link must end after now and before the gallery does."
        )
    require_purpose(gallery.subject_id, gallery_purpose())
    token = secrets.token_urlsafe(TOKEN_BYTES)
    with transaction.atomic():
        link = ShareLink.objects.create(
            gallery=gallery,
            subject_id=gallery.subject_id,
            recipient_label=label,
            token_hash=token_hash(token),
            password_hash=make_password(password),
            created_at=now,
            expires_at=ends,
        )
        events.share_link_created(link=link, client_id=client.pk)
    return link, token


def _checked_label(recipient_label: str) -> str:
    label = recipient_label.strip()
    if not label or len(label) > LABEL_MAX_LENGTH:
        raise ShareLinkInvalid(
            f"Say who the link is for, in 1 to {LABEL_MAX_LENGTH} characters."
        )
    return label


@sensitive_variables("password")
def _check_password(password: str) -> None:
    if len(password) < PASSWORD_MIN_LENGTH:
        raise ShareLinkInvalid(
            f"Give the link a password of at least {PASSWORD_MIN_LENGTH} characters."
        )


def share_link_revoke(
    *, client: User, link_id: uuid.UUID, now: dt.datetime | None = None
) -> ShareLink:
    """Revoke one of the client's links; every URL derived from it stops at once.

    Revoking twice changes nothing the second time.
    """
    now = now or timezone.now()
    with transaction.atomic():
        link = _own_link(client, link_id)
        if link.revoked_at is None:
            link.revoked_at = now
            link.save(update_fields=["revoked_at"])
            events.share_link_revoked(link=link, client_id=client.pk)
    return link


@sensitive_variables("password")
def share_link_password_change(
    *, client: User, link_id: uuid.UUID, password: str
) -> ShareLink:
    """Give one of the client's links a new password (IMG-04: rotate passwords).

    Every browser that unlocked the link with the old password must enter the new one.
    """
    _check_password(password)
    with transaction.atomic():
        link = _own_link(client, link_id)
        link.password_hash = make_password(password)
        link.save(update_fields=["password_hash"])
        events.share_link_password_changed(link=link, client_id=client.pk)
    return link


def _own_link(client: User, link_id: uuid.UUID) -> ShareLink:
    try:
        return ShareLink.objects.select_for_update().get(
            pk=link_id, gallery__client=client
        )
    except (ShareLink.DoesNotExist, ValueError, ValidationError):
        raise GalleryNotFound from None


def unlock_fingerprint(link: ShareLink) -> str:
    """Return what a session keeps to prove it unlocked the link's current password."""
    return hashlib.sha256(link.password_hash.encode()).hexdigest()[:32]


def access_share_link_by_token(
    *, unverified_token: str, now: dt.datetime | None = None
) -> ShareLink:
    """Return the link a token opens, or GalleryNotFound if revoked, expired or unknown."""
    now = now or timezone.now()
    try:
        link = ShareLink.objects.select_related("gallery").get(
            token_hash=token_hash(unverified_token)
        )
    except ShareLink.DoesNotExist:
        raise GalleryNotFound from None
    if not link.is_usable_at(now):
        raise GalleryNotFound
    if link.gallery.expires_at <= now:
        raise GalleryNotFound
    return link


@sensitive_variables("password")
def share_link_unlock(
    *, link: ShareLink, password: str, address: str, now: dt.datetime | None = None
) -> bool:
    """Check a recipient's password; return whether it opens the link.

    Raise ShareLinkLocked once too many wrong passwords were tried recently, even
    for the right one, so guessing gains nothing from persistence.
    """
    now = now or timezone.now()
    wrong = ShareLinkAccess.objects.filter(
        link=link, outcome="wrong_password", at__gt=now - LOCK_WINDOW
    ).count()
    if wrong >= MAX_WRONG_PASSWORDS:
        share_link_log(link=link, address=address, outcome="locked", now=now)
        raise ShareLinkLocked
    opened = check_password(password, link.password_hash)
    outcome = "unlocked" if opened else "wrong_password"
    share_link_log(link=link, address=address, outcome=outcome, now=now)
    return opened


def share_link_log(
    *, link: ShareLink, address: str, outcome: str, now: dt.datetime | None = None
) -> ShareLinkAccess:
    """Append one request to the link's access log, with a truncated address."""
    return ShareLinkAccess.objects.create(
        link=link,
        subject_id=link.subject_id,
        at=now or timezone.now(),
        network=network_of(address),
        outcome=outcome,
    )


def network_of(address: str) -> str:
    """Return the network of an address (IPv4 /24, IPv6 /48), never the address."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return ""
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False).network_address)
