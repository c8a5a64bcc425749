"""Studio pages of galleries: photographers open galleries and upload images.

Each view calls one service, which checks the role and the assignment itself
(IMG-06); staff without either get the same 404 as for an unknown gallery.
"""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from candid.accounts.identity import email_index
from candid.accounts.models import User
from candid.galleries import services
from candid.galleries.access import (
    UPLOAD_PERMISSION,
    access_gallery_by_id_for_staff,
    staff_holds,
)
from candid.galleries.exceptions import AccessDenied, GalleryError, GalleryNotFound


class UploadForm(forms.Form):
    image = forms.FileField()


class GalleryForm(forms.Form):
    client_email = forms.EmailField(label="Client's e-mail address")
    title = forms.CharField(max_length=services.TITLE_MAX_LENGTH)


@never_cache
@require_http_methods(["GET", "POST"])
def gallery_new(request: HttpRequest) -> HttpResponse:
    """Open a gallery for a client found by e-mail (Photographer role only)."""
    if not staff_holds(request.user, UPLOAD_PERMISSION):
        raise Http404
    form = GalleryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        client = User.objects.filter(
            email_index=email_index(data["client_email"])
        ).first()
        if client is None:
            form.add_error("client_email", "No client account has this address.")
        else:
            try:
                gallery = services.gallery_create(
                    staff=request.user, client=client, title=data["title"]
                )
            except GalleryError as error:
                form.add_error(None, str(error))
            else:
                return redirect("galleries:upload", gallery.pk)
    return render(request, "galleries/gallery_new.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest, gallery_id: uuid.UUID) -> HttpResponse:
    """Upload one image into a client's gallery (Photographer role, assigned only)."""
    try:
        gallery = access_gallery_by_id_for_staff(
            staff=request.user, gallery_id=gallery_id, permission=UPLOAD_PERMISSION
        )
    except AccessDenied:
        raise Http404 from None
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.image_upload(
                staff=request.user,
                gallery_id=gallery.pk,
                src=form.cleaned_data["image"],
            )
        except (AccessDenied, GalleryNotFound):
            raise Http404 from None
        except GalleryError as error:
            form.add_error("image", str(error))
        else:
            messages.success(request, "The image is in the gallery.")
            return redirect("galleries:upload", gallery.pk)
    context = {"form": form, "gallery": gallery, "count": gallery.images.count()}
    return render(request, "galleries/upload.html", context)
