"""Pages of share links: the client creates and revokes them, recipients open them.

Every recipient request (the page, every image) checks the link again: valid, not
expired, not revoked, and unlocked by its password in this browser's session.
Anything else is one and the same 404, so a guess learns nothing (IMG-04).
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from candid.galleries import services, sharing
from candid.galleries.exceptions import GalleryError, GalleryNotFound, ShareLinkLocked
from candid.galleries.forms import ShareLinkForm, UnlockForm
from candid.galleries.models import ShareLink
from candid.galleries.responses import image_response, noindex
from candid.galleries.views import KINDS

SESSION_KEY = "galleries.unlocked_links"


@login_required
@never_cache
@sensitive_post_parameters("password")
@require_POST
def share_create(request: HttpRequest, gallery_id: uuid.UUID) -> HttpResponse:
    """Create a share link for one recipient and show its address once."""
    form = ShareLinkForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Nothing was shared: " + form.errors.as_text())
        return redirect("galleries:detail", gallery_id)
    try:
        link, token = sharing.share_link_create(
            client=request.user, gallery_id=gallery_id, **form.cleaned_data
        )
    except GalleryNotFound:
        raise Http404 from None
    except GalleryError as error:
        messages.error(request, f"Nothing was shared: {error}")
        return redirect("galleries:detail", gallery_id)
    address = request.build_absolute_uri(f"/share/{token}/")
    context = {"link": link, "address": address}
    return noindex(render(request, "galleries/share_created.html", context))


@login_required
@sensitive_post_parameters("password")
@require_POST
def share_password_change(request: HttpRequest, link_id: uuid.UUID) -> HttpResponse:
    """Give a share link a new password; browsers that used the old one must re-enter."""
    form = UnlockForm(request.POST)
    try:
        password = form.cleaned_data["password"] if form.is_valid() else ""
        link = sharing.share_link_password_change(
            client=request.user, link_id=link_id, password=password
        )
    except GalleryNotFound:
        raise Http404 from None
    except GalleryError as error:
        messages.error(request, f"The password was not changed: {error}")
        return redirect("galleries:mine")
    messages.success(request, "The link has a new password.")
    return redirect("galleries:detail", link.gallery_id)


@login_required
@require_POST
def share_revoke(request: HttpRequest, link_id: uuid.UUID) -> HttpResponse:
    """Revoke one of the client's share links."""
    try:
        link = sharing.share_link_revoke(client=request.user, link_id=link_id)
    except GalleryNotFound:
        raise Http404 from None
    messages.success(request, "The link is revoked; it no longer opens anything.")
    return redirect("galleries:detail", link.gallery_id)


def _link(request: HttpRequest, token: str) -> ShareLink:
    try:
        return sharing.access_share_link_by_token(unverified_token=token)
    except GalleryNotFound:
        raise Http404 from None


def _unlocked(request: HttpRequest, link: ShareLink) -> bool:
    # The session keeps a fingerprint of the password hash, so a new password locks
    # out every browser that unlocked the link with the old one.
    unlocked = request.session.get(SESSION_KEY, {})
    return unlocked.get(str(link.pk)) == sharing.unlock_fingerprint(link)


@never_cache
@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def shared_gallery(request: HttpRequest, token: str) -> HttpResponse:
    """Ask the recipient for the link's password, then show the gallery."""
    link = _link(request, token)
    address = request.META.get("REMOTE_ADDR", "")
    form = UnlockForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            opened = sharing.share_link_unlock(
                link=link, password=form.cleaned_data["password"], address=address
            )
        except ShareLinkLocked as error:
            form.add_error(None, str(error))
            status = 429
        else:
            if opened:
                unlocked = request.session.get(SESSION_KEY, {})
                unlocked[str(link.pk)] = sharing.unlock_fingerprint(link)
                request.session[SESSION_KEY] = unlocked
                return redirect("galleries:shared", token)
            form.add_error("password", "That password does not open this link.")
            status = 403
    if not _unlocked(request, link):
        page = render(request, "galleries/share_unlock.html", {"form": form})
        page.status_code = status
        return noindex(page)
    sharing.share_link_log(link=link, address=address, outcome="opened")
    context = {
        "gallery": link.gallery,
        "images": link.gallery.images.all(),
        "token": token,
    }
    return noindex(render(request, "galleries/shared.html", context))


@never_cache
@require_GET
def shared_image(
    request: HttpRequest, token: str, image_id: uuid.UUID, kind: str
) -> HttpResponse:
    """Serve one image through an unlocked link, stripped of metadata."""
    link = _link(request, token)
    if kind not in KINDS or not _unlocked(request, link):
        raise Http404
    image = link.gallery.images.filter(pk=image_id).first()
    if image is None:
        raise Http404
    address = request.META.get("REMOTE_ADDR", "")
    sharing.share_link_log(link=link, address=address, outcome="image")
    body = services.image_served_bytes(image=image, kind=kind)
    return image_response(image=image, body=body, kind=kind)
