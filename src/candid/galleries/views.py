"""Client and staff pages of galleries: each view checks its input, calls one gate."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from candid.galleries import access, releases, selectors, services
from candid.galleries.exceptions import GalleryNotFound
from candid.galleries.responses import image_response, noindex

KINDS = ("preview", "original")


@login_required
@never_cache
@require_GET
def my_galleries(request: HttpRequest) -> HttpResponse:
    """List the client's galleries that are still online."""
    galleries = selectors.galleries_of_client(client=request.user)
    response = render(request, "galleries/mine.html", {"galleries": galleries})
    return noindex(response)


@login_required
@never_cache
@require_GET
def gallery_detail(request: HttpRequest, gallery_id: uuid.UUID) -> HttpResponse:
    """Show one of the client's galleries with its previews and share links."""
    try:
        gallery = access.access_gallery_by_id_for_client(
            client=request.user, gallery_id=gallery_id
        )
    except GalleryNotFound:
        raise Http404 from None
    context = {
        "gallery": gallery,
        "images": gallery.images.all(),
        "links": selectors.share_links_of_gallery(gallery=gallery),
        "releases": selectors.releases_of_gallery(gallery=gallery),
        "prints_offered": selectors.prints_offered(),
    }
    return noindex(render(request, "galleries/detail.html", context))


@login_required
@never_cache
@require_GET
def client_image(request: HttpRequest, image_id: uuid.UUID, kind: str) -> HttpResponse:
    """Serve the client's own image, preview or original, stripped of metadata."""
    if kind not in KINDS:
        raise Http404
    try:
        image = access.access_image_by_id_for_client(
            client=request.user, image_id=image_id
        )
    except GalleryNotFound:
        raise Http404 from None
    body = services.image_served_bytes(image=image, kind=kind)
    return image_response(image=image, body=body, kind=kind)


@login_required
@require_POST
def release_withdraw(request: HttpRequest, release_id: uuid.UUID) -> HttpResponse:
    """Withdraw a model release of the client's session; it stops every new use."""
    try:
        release = releases.release_withdraw(release_id=release_id, by=request.user)
    except GalleryNotFound:
        raise Http404 from None
    messages.success(
        request, "The release is withdrawn; its images left the portfolio."
    )
    return redirect("galleries:detail", release.person.gallery_id)


@never_cache
@require_GET
def staff_image(request: HttpRequest, image_id: uuid.UUID, kind: str) -> HttpResponse:
    """Serve a client's image to staff with the role, recording the view (IMG-06)."""
    if kind not in KINDS:
        raise Http404
    try:
        image = access.access_image_by_id_for_staff(
            staff=request.user, image_id=image_id, kind=kind
        )
    except GalleryNotFound:
        raise Http404 from None
    body = services.image_served_bytes(image=image, kind=kind)
    return image_response(image=image, body=body, kind=kind)
