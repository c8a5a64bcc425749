"""Studio pages for people shown, model releases and the portfolio button.

Each view calls one service, which checks the role and the assignment (IMG-06);
refusals are shown with the
service's reason, and nothing changes (IMG-01..03, KID-05).
"""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from candid.galleries import releases
from candid.galleries.access import staff_may_work_on_image, staff_may_work_on_person
from candid.galleries.declared import images_declared
from candid.galleries.exceptions import AccessDenied, GalleryError, GalleryNotFound
from candid.galleries.models import ReleaseRole, ShownPerson


class PersonForm(forms.Form):
    name = forms.CharField(max_length=120)
    minor = forms.BooleanField(required=False, label="Under 18")


class ReleaseForm(forms.Form):
    signer_name = forms.CharField(max_length=120)
    role = forms.ChoiceField(choices=ReleaseRole.choices)
    uses = forms.MultipleChoiceField(widget=forms.CheckboxSelectMultiple)
    text_version = forms.CharField(max_length=40)
    text = forms.CharField(widget=forms.Textarea, label="Release text as signed")

    def __init__(self, *args, minor: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        uses = [str(use) for use in images_declared().release_uses]
        if minor:
            # A child's images are never used for advertising (KID-05); the
            # service refuses these uses too, this only stops offering them.
            uses = [use for use in uses if use not in releases.ADVERTISING_USES]
        self.fields["uses"].choices = [(use, use) for use in uses]


@never_cache
@sensitive_post_parameters("name")
@require_http_methods(["GET", "POST"])
def person_tag(request: HttpRequest, image_id: uuid.UUID) -> HttpResponse:
    """Tag a person shown in an image, flagging a child."""
    if not staff_may_work_on_image(
        staff=request.user, image_id=image_id, permission=releases.TAG_PERMISSION
    ):
        raise Http404
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = releases.person_tag(
                staff=request.user, image_ids=[image_id], **form.cleaned_data
            )
        except (AccessDenied, GalleryNotFound):
            raise Http404 from None
        except GalleryError as error:
            form.add_error(None, str(error))
        else:
            return redirect("galleries:release-sign", person.pk)
    return render(
        request, "galleries/staff_form.html", {"form": form, "heading": "Who is shown?"}
    )


@never_cache
@sensitive_post_parameters("signer_name", "text")
@require_http_methods(["GET", "POST"])
def release_sign(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    """Record a model release signed for a person shown (the whole session)."""
    if not staff_may_work_on_person(
        staff=request.user, person_id=person_id, permission=releases.RELEASE_PERMISSION
    ):
        raise Http404
    minor = ShownPerson.objects.filter(pk=person_id, minor=True).exists()
    form = ReleaseForm(request.POST or None, minor=minor)
    if request.method == "POST" and form.is_valid():
        try:
            releases.release_sign(
                staff=request.user, person_id=person_id, **form.cleaned_data
            )
        except (AccessDenied, GalleryNotFound):
            raise Http404 from None
        except GalleryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "The release is recorded.")
            return redirect("galleries:release-sign", person_id)
    return render(
        request, "galleries/staff_form.html", {"form": form, "heading": "Model release"}
    )


@require_POST
def portfolio_publish(request: HttpRequest, image_id: uuid.UUID) -> HttpResponse:
    """Put an image in the portfolio, or say why it may not go there."""
    try:
        releases.portfolio_add(staff=request.user, image_id=image_id)
    except (AccessDenied, GalleryNotFound):
        raise Http404 from None
    except GalleryError as error:
        return HttpResponse(str(error), status=409, content_type="text/plain")
    return redirect("galleries:portfolio")
