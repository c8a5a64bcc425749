"""The audit events of galleries: one recorder per event, ids and keys only.

Galleries record with the shared `data.*` types of `candid.audit.events`. Each event
names the client's subject, who acted, the categories and the rows, never a value
(no names, no passwords, no addresses); `details["event"]` says which it was.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from candid.audit.entries import Actor
from candid.audit.events import (
    DATA_CHANGED,
    DATA_CREATED,
    DATA_DISCLOSED,
    DATA_READ,
    EventType,
)
from candid.audit.services import audit_record
from candid.galleries.declared import gallery_purpose
from candid.galleries.exceptions import GalleriesNotOffered

IMAGE = "user.content.self_image"
PURCHASE = "user.behavior.purchase_history"


def _record(
    action: EventType,
    *,
    row: models.Model,
    event: str,
    actor: Actor,
    categories: tuple[str, ...] = (IMAGE,),
    details: dict[str, Any] | None = None,
) -> None:
    audit_record(
        action=action,
        actor=actor,
        subject_id=row.subject_id,
        purpose=_purpose(),
        categories=sorted(categories),
        objects=[row],
        details={"event": event, **(details or {})},
    )


def _purpose() -> str | None:
    # A withdrawal must be recorded even once the declaration no longer offers
    # galleries; the event then names no purpose.
    try:
        return gallery_purpose()
    except GalleriesNotOffered:
        return None


def image_uploaded(*, image: models.Model, staff_id: Any) -> None:
    """Record that staff added an image to a client's gallery."""
    _record(
        DATA_CREATED, row=image, event="image_uploaded", actor=Actor.staff(staff_id)
    )


def image_viewed(*, image: models.Model, staff_id: Any, kind: str) -> None:
    """Record that a staff member was shown a client's image (IMG-06)."""
    _record(
        DATA_READ,
        row=image,
        event="image_viewed",
        actor=Actor.staff(staff_id),
        details={"kind": kind},
    )


def gallery_viewed(*, gallery: models.Model, staff_id: Any) -> None:
    """Record that a staff member opened a client's gallery page (IMG-06)."""
    _record(
        DATA_READ,
        row=gallery,
        event="gallery_viewed",
        actor=Actor.staff(staff_id),
        categories=(PURCHASE,),
    )


def staff_assigned(*, gallery: models.Model, staff_id: Any, by_id: Any) -> None:
    """Record that a staff member was given access to a client's gallery (IMG-06)."""
    _record(
        DATA_CHANGED,
        row=gallery,
        event="staff_assigned",
        actor=Actor.staff(by_id),
        details={"staff_id": str(staff_id)},
    )


def staff_unassigned(*, gallery: models.Model, staff_id: Any, by_id: Any) -> None:
    """Record that a staff member's access to a client's gallery was taken away."""
    _record(
        DATA_CHANGED,
        row=gallery,
        event="staff_unassigned",
        actor=Actor.staff(by_id),
        details={"staff_id": str(staff_id)},
    )


def share_link_created(*, link: models.Model, client_id: Any) -> None:
    """Record that a client shared their gallery through a new link."""
    _record(
        DATA_DISCLOSED,
        row=link,
        event="share_link_created",
        actor=Actor.client(client_id),
    )


def share_link_revoked(*, link: models.Model, client_id: Any) -> None:
    """Record that a client revoked a share link."""
    _record(
        DATA_CHANGED,
        row=link,
        event="share_link_revoked",
        actor=Actor.client(client_id),
    )


def share_link_password_changed(*, link: models.Model, client_id: Any) -> None:
    """Record that a client gave a share link a new password."""
    _record(
        DATA_CHANGED,
        row=link,
        event="share_link_password_changed",
        actor=Actor.client(client_id),
        categories=("user.authorization.credentials",),
    )


def release_signed(*, release: models.Model, actor: Actor) -> None:
    """Record that a model release was signed (IMG-03)."""
    _record(
        DATA_CREATED,
        row=release,
        event="release_signed",
        actor=actor,
        categories=(IMAGE, "user.name"),
        details={"uses": sorted(release.uses), "role": release.role},
    )


def release_withdrawn(*, release: models.Model, actor: Actor, unpublished: int) -> None:
    """Record that a model release was withdrawn and how many images came down."""
    _record(
        DATA_CHANGED,
        row=release,
        event="release_withdrawn",
        actor=actor,
        details={"unpublished": unpublished},
    )


def portfolio_added(*, entry: models.Model, staff_id: Any) -> None:
    """Record that staff published an image in the portfolio (IMG-01)."""
    _record(
        DATA_DISCLOSED, row=entry, event="portfolio_added", actor=Actor.staff(staff_id)
    )
