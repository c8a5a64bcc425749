"""The client's print order page: choose an image, size and delivery address.

Only where the declaration names a print vendor; the notice before submit says
what goes to the vendor (IMG-05, NOT-05).
"""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from candid.galleries import access, prints
from candid.galleries.exceptions import GalleryError, GalleryNotFound


class PrintOrderForm(forms.Form):
    image = forms.UUIDField(widget=forms.HiddenInput)
    size = forms.ChoiceField(choices=[(size, size) for size in prints.SIZES])
    quantity = forms.IntegerField(min_value=1, max_value=prints.MAX_QUANTITY, initial=1)
    delivery_name = forms.CharField(max_length=120, label="Name on the parcel")
    delivery_address = forms.CharField(widget=forms.Textarea, max_length=500)


@login_required
@never_cache
@sensitive_post_parameters("delivery_name", "delivery_address")
@require_http_methods(["GET", "POST"])
def print_order(request: HttpRequest, image_id: uuid.UUID) -> HttpResponse:
    """Order prints of one of the client's images."""
    try:
        image = access.access_image_by_id_for_client(
            client=request.user, image_id=image_id
        )
        prints.print_vendor()
    except (GalleryNotFound, GalleryError):
        raise Http404 from None
    form = PrintOrderForm(request.POST or None, initial={"image": image.pk})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            prints.print_order_place(
                client=request.user,
                gallery_id=image.gallery_id,
                lines=[(image.pk, data["size"], data["quantity"])],
                delivery_name=data["delivery_name"],
                delivery_address=data["delivery_address"],
            )
        except GalleryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Your prints are ordered.")
            return redirect("galleries:detail", image.gallery_id)
    return render(request, "galleries/print_order.html", {"form": form, "image": image})
